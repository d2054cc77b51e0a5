import type { Store } from '../../store/store.ts';
import { addStaff, SyntheticConversation } from './synthetic-log.ts';

/** A small seeded generator (mulberry32), so every run writes the same log. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const FILES = ['skolerute', 'parkering', 'bibliotek', 'renovasjon', 'startlan'];
const QUEUES = ['servicetorget', 'byggesak', 'helse', 'oppvekst'];
const REASONS = ['personal', 'human_request', 'complaint', 'crisis', 'pii', 'sensitive'];
const CONTACT_TYPES = ['general_advice', 'new_case', 'existing_case_info', 'wrong_authority', undefined];
const LANGS = ['nb', 'nb', 'nb', 'nn', 'en', 'da'];
const GAP_QUESTIONS = [
  'Hvor kan jeg lade elbilen min?',
  'Kan jeg lade elbilen i garasjen?',
  'Når åpner svømmehallen igjen?',
  'Har svømmehallen åpent i påsken?',
  'Can I get a fishing licence here?',
  'Hvem brøyter veien min?',
  'Er [FNR] riktig nummer?',
  'Hva koster hundeskatt?',
];

export interface SyntheticYear {
  conversations: number;
  events: number;
}

/**
 * `days` days of varied conversations ending the day before `end` (local Oslo dates, about `perDay` a day,
 * at all hours): answers with and without feedback, fallbacks and clarifications with unanswered questions,
 * handovers for every reason to several queues (taken, abandoned, sent offline with an offline message that
 * is sometimes answered days later), contact types, and now and then a malformed log line.
 */
export async function writeSyntheticDays(
  store: Store,
  o: { end: string; days: number; perDay: number; seed?: number },
): Promise<SyntheticYear> {
  const rnd = random(o.seed ?? 7);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rnd() * list.length)]!;
  const endMs = Date.parse(`${o.end}T00:00:00+01:00`);
  const startMs = endMs - o.days * 86_400_000;
  const agent = await addStaff(store, 'kari', new Date(startMs - 86_400_000).toISOString());
  let n = 0;
  await store.tx(async () => {
    for (let day = 0; day < o.days; day++) {
      const count = Math.max(0, Math.round(o.perDay * (0.5 + rnd())));
      for (let i = 0; i < count; i++) {
        // More in office hours, some at night.
        const hour = rnd() < 0.8 ? 8 + Math.floor(rnd() * 9) : Math.floor(rnd() * 24);
        const at = startMs + day * 86_400_000 + hour * 3_600_000 + Math.floor(rnd() * 3_600_000);
        const lang = pick(LANGS);
        const c = await SyntheticConversation.start(store, `y${n++}`, new Date(at).toISOString(), lang, 7);
        const kind = rnd();
        if (kind < 0.4) {
          const fileId = pick(FILES);
          const q = `Spørsmål om ${fileId}`;
          await c.citizen(q);
          const message = await c.decide('answer', {
            fileId,
            redacted: q,
            ...(rnd() < 0.2 ? { link: `https://example.test/${fileId}` } : {}),
            ...(rnd() < 0.1 ? { choice: true } : {}),
          });
          if (rnd() < 0.4) c.feedback('bot', rnd() < 0.7, { fileId, messageId: message });
          if (rnd() < 0.05) c.feedback('conversation', false);
        } else if (kind < 0.6) {
          const q = pick(GAP_QUESTIONS);
          await c.citizen(q);
          if (rnd() < 0.3) c.decide('clarify', { redacted: q, unanswered: rnd() < 0.5 });
          else
            await c.decide('fallback', {
              fallbackReason: pick(['no_match', 'out_of_scope']),
              unanswered: true,
              redacted: q,
            });
        } else if (kind < 0.9) {
          const reason = pick(REASONS);
          const queue = pick(QUEUES);
          await c.citizen('Jeg trenger hjelp med saken min');
          await c.decide('handover', { handoverReason: reason, redacted: 'Jeg trenger hjelp med saken min' });
          await c.handover(reason, queue, reason === 'crisis' ? 'urgent' : 'normal');
          const fate = rnd();
          if (fate < 0.5) {
            await c.assigned(agent, queue, Math.floor(rnd() * 600));
            await c.agentMessage(agent, 'Hei, jeg kan hjelpe.');
            const contactType = pick(CONTACT_TYPES);
            await c.close('agent', 'assigned', {
              handledSeconds: 60 + Math.floor(rnd() * 900),
              ...(contactType ? { contactType } : {}),
            });
            if (rnd() < 0.3) c.feedback(rnd() < 0.5 ? 'agent' : 'conversation', rnd() < 0.6);
          } else if (fate < 0.7) {
            await c.abandoned(queue, Math.floor(rnd() * 900));
          } else {
            await c.offline(
              pick(['office_closed', 'no_agent', 'wait_limit'] as const),
              queue,
              Math.floor(rnd() * 60),
            );
            const ticket = await c.ticket({
              question: 'Ring meg tilbake',
              queue,
              ...(rnd() < 0.5 ? { email: 'someone@example.test' } : { phone: '+47 400 00 000' }),
            });
            // Sometimes answered days later: the figures still belong to the day the chat started.
            if (rnd() < 0.6)
              await c.ticketAnswered(
                ticket,
                rnd() < 0.5 ? 'email' : 'phone',
                Math.floor(rnd() * 400_000),
                agent,
                'Svar',
              );
          }
        } else if (kind < 0.97) {
          await c.citizen('Hei!');
          await c.decide('smalltalk', { redacted: 'Hei!' });
        }
        if (rnd() < 0.01) c.rawEvent('feedback', { target: 'nobody' });
      }
    }
  });
  const events = (await store.sql.get<{ n: number }>('SELECT count(*) AS n FROM events'))?.n ?? 0;
  return { conversations: n, events };
}
