import type { Db } from './db.ts';

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

/** Who took an offline message ("take this one") and the KOMHEN contact type it was answered with. */
export function ticketHandlingRepo(db: Db) {
  const one = db.prepare<[number], Row>(
    `SELECT h.ticket_id, h.assigned_to, s.display_name AS assigned_name, h.assigned_at, h.contact_type
     FROM ticket_handling h LEFT JOIN staff s ON s.id = h.assigned_to WHERE h.ticket_id = ?`,
  );
  // Taking is first come, first served: a ticket someone else holds is not taken from them.
  const take = db.prepare(
    `INSERT INTO ticket_handling (ticket_id, assigned_to, assigned_at) VALUES (?, ?, ?)
     ON CONFLICT (ticket_id) DO UPDATE SET assigned_to = excluded.assigned_to, assigned_at = excluded.assigned_at
     WHERE ticket_handling.assigned_to IS NULL OR ticket_handling.assigned_to = excluded.assigned_to`,
  );
  const setType = db.prepare(
    `INSERT INTO ticket_handling (ticket_id, contact_type) VALUES (?, ?)
     ON CONFLICT (ticket_id) DO UPDATE SET contact_type = excluded.contact_type`,
  );
  const toHandling = (r: Row): TicketHandling => ({
    ticketId: r.ticket_id,
    assignedTo: r.assigned_to,
    assignedName: r.assigned_name,
    assignedAt: r.assigned_at,
    contactType: r.contact_type,
  });
  return {
    of: (ticketId: number): TicketHandling | undefined => {
      const r = one.get(ticketId);
      return r && toHandling(r);
    },
    /** False when a colleague holds it already. Taking one's own again is fine. */
    take: (ticketId: number, staffId: number, at: string): boolean =>
      take.run(ticketId, staffId, at).changes === 1,
    setContactType(ticketId: number, contactType: string): void {
      setType.run(ticketId, contactType);
    },
  };
}
