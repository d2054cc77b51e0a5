import type { Sql } from './sql.ts';

export interface TicketHandling {
  ticketId: number;
  assignedTo: number | null;
  /** The assignee's first name, as colleagues see it. */
  assignedName: string | null;
  assignedAt: string | null;
  contactType: string | null;
}

interface Row {
  ticket_id: number;
  assigned_to: number | null;
  assigned_name: string | null;
  assigned_at: string | null;
  contact_type: string | null;
}

const toHandling = (r: Row): TicketHandling => ({
  ticketId: r.ticket_id,
  assignedTo: r.assigned_to,
  assignedName: r.assigned_name,
  assignedAt: r.assigned_at,
  contactType: r.contact_type,
});

/** Who took an offline message ("take this one") and the KOMHEN contact type it was answered with. */
export function ticketHandlingRepo(db: Sql) {
  return {
    of: async (ticketId: number): Promise<TicketHandling | undefined> => {
      const r = await db.get<Row>(
        `SELECT h.ticket_id, h.assigned_to, s.display_name AS assigned_name, h.assigned_at, h.contact_type
         FROM ticket_handling h LEFT JOIN staff s ON s.id = h.assigned_to WHERE h.ticket_id = ?`,
        [ticketId],
      );
      return r && toHandling(r);
    },
    /**
     * False when a colleague holds it already. Taking one's own again is fine. Taking is first come, first
     * served: a ticket someone else holds is not taken from them.
     */
    take: async (ticketId: number, staffId: number, at: string): Promise<boolean> =>
      (await db.run(
        `INSERT INTO ticket_handling (ticket_id, assigned_to, assigned_at) VALUES (?, ?, ?)
         ON CONFLICT (ticket_id) DO UPDATE SET assigned_to = excluded.assigned_to, assigned_at = excluded.assigned_at
         WHERE ticket_handling.assigned_to IS NULL OR ticket_handling.assigned_to = excluded.assigned_to`,
        [ticketId, staffId, at],
      )) === 1,
    async setContactType(ticketId: number, contactType: string): Promise<void> {
      await db.run(
        `INSERT INTO ticket_handling (ticket_id, contact_type) VALUES (?, ?)
         ON CONFLICT (ticket_id) DO UPDATE SET contact_type = excluded.contact_type`,
        [ticketId, contactType],
      );
    },
  };
}
