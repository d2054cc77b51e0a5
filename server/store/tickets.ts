import type { Sql } from './sql.ts';

export type TicketStatus = 'open' | 'answered';
export type TicketChannel = 'email' | 'phone';

export interface Ticket {
  id: number;
  conversationId: string | null;
  lang: string;
  queue: string;
  question: string | null;
  questionRedacted: string;
  email: string | null;
  phone: string | null;
  status: TicketStatus;
  channel: TicketChannel | null;
  answer: string | null;
  answeredBy: number | null;
  answeredAt: string | null;
  createdAt: string;
}

interface Row {
  id: number;
  conversation_id: string | null;
  lang: string;
  queue: string;
  question: string | null;
  question_redacted: string;
  email: string | null;
  phone: string | null;
  status: TicketStatus;
  channel: TicketChannel | null;
  answer: string | null;
  answered_by: number | null;
  answered_at: string | null;
  created_at: string;
}

const toTicket = (r: Row): Ticket => ({
  id: r.id,
  conversationId: r.conversation_id,
  lang: r.lang,
  queue: r.queue,
  question: r.question,
  questionRedacted: r.question_redacted,
  email: r.email,
  phone: r.phone,
  status: r.status,
  channel: r.channel,
  answer: r.answer,
  answeredBy: r.answered_by,
  answeredAt: r.answered_at,
  createdAt: r.created_at,
});

export function ticketRepo(db: Sql) {
  return {
    async create(t: {
      conversationId: string | null;
      lang: string;
      queue: string;
      question: string;
      questionRedacted: string;
      email: string | null;
      phone: string | null;
      at: string;
    }): Promise<number> {
      const r = await db.get<{ id: number }>(
        `INSERT INTO tickets (conversation_id, lang, queue, question, question_redacted, email, phone, consent, status, created_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, 1, 'open', ?) RETURNING id`,
        [t.conversationId, t.lang, t.queue, t.question, t.questionRedacted, t.email, t.phone, t.at],
      );
      return Number(r?.id);
    },
    get: async (id: number): Promise<Ticket | undefined> => {
      const r = await db.get<Row>('SELECT * FROM tickets WHERE id = ?', [id]);
      return r && toTicket(r);
    },
    list: async (status: TicketStatus): Promise<Ticket[]> =>
      (await db.all<Row>('SELECT * FROM tickets WHERE status = ? ORDER BY created_at, id', [status])).map(
        toTicket,
      ),
    countOpen: async (): Promise<number> =>
      (await db.get<{ n: number }>("SELECT count(*) AS n FROM tickets WHERE status = 'open'"))?.n ?? 0,
    /** Marks an open ticket answered; false if it was already answered (or does not exist). */
    async answer(
      id: number,
      a: { channel: TicketChannel; answer: string | null; staffId: number; at: string },
    ): Promise<boolean> {
      return (
        (await db.run(
          `UPDATE tickets SET status = 'answered', channel = ?, answer = ?, answered_by = ?, answered_at = ?
           WHERE id = ? AND status = 'open'`,
          [a.channel, a.answer, a.staffId, a.at, id],
        )) === 1
      );
    },
  };
}
