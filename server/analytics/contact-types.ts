import { CONTACT_TYPES, type ContactType } from '../protocol.ts';
import type { Classified } from './conversation-outcome.ts';
import { eventsOf, type ConversationLog } from './event-log.ts';
import type { StatsFile } from './file-usage.ts';
import type { ContactCategory, Stats } from './stats-types.ts';

/*
 * KOMHEN ("Kommunernes henvendelser") is KL's method for counting Danish municipalities' citizen contacts by
 * channel and type during count weeks (KL, "KOMHEN Drejebog", version 2.8.2, October 2015, published at
 * www.kl.dk/komhen; part 2 holds the definitions, and the version history notes a correction to the
 * information/transaction split). The six contact types staff choose on closing a chat follow KOMHEN's:
 *   wrong_authority      – forkert myndighed: the question belongs to another authority
 *   existing_case_info   – information om eksisterende sag
 *   new_case             – ny sag: an application or report that opens a case
 *   self_service_help    – hjælp til selvbetjening: help to use a self-service form or page
 *   case_status_change   – ændring af sagsstatus: the citizen changes something in a running case
 *   general_advice       – generel vejledning
 * We could only read KL's overview, not the definitions part, so the grouping below into information /
 * interaction / transaction is Svar's own reading and should be checked against the current drejebog:
 * information is the municipality telling (nothing changes), interaction is working with the citizen on
 * something that changes (a self-service submission, a change to a case), transaction opens a new case.
 */
export const CONTACT_CATEGORY: Record<ContactType, ContactCategory> = {
  general_advice: 'information',
  wrong_authority: 'information',
  existing_case_info: 'information',
  self_service_help: 'interaction',
  case_status_change: 'interaction',
  new_case: 'transaction',
};

/*
 * Conversations staff did not type are typed from what the bot did:
 *   staff chose a type on closing a chat, or on answering
 *   the offline message the conversation left             → that type (staff always win)
 *   handed over because the question was about the
 *   citizen's own case (handover reason `personal`)        → existing_case_info
 *   the bot answered, with a self-service link            → self_service_help
 *   the bot answered, without one                         → general_advice
 *   anything else (fallbacks, clarifications, crisis,
 *   complaints, small talk, other handovers not typed)     → unclassified
 * "Answered" means an answer decision, even one that got a 👎: the contact still was general advice, it
 * just did not help. A handover other than `personal` wins over an earlier answer: the bot's answer was not
 * what the contact was about.
 */
export function impliedContactType(
  c: ConversationLog,
  k: Classified,
  links: ReadonlyMap<string, string | undefined>,
): { type: ContactType; by: 'staff' | 'bot' } | undefined {
  const staffType = [
    ...eventsOf(c, 'closed').map((e) => e.p.contactType),
    ...eventsOf(c, 'ticket_answered').map((e) => e.p.contactType),
  ]
    .filter((t): t is ContactType => (CONTACT_TYPES as readonly string[]).includes(t ?? ''))
    .at(-1);
  if (staffType) return { type: staffType, by: 'staff' };
  if (k.outcome === 'handed_over') {
    return k.handoverReason === 'personal' ? { type: 'existing_case_info', by: 'bot' } : undefined;
  }
  if (k.answeredFiles.length === 0) return undefined;
  const selfService = k.answerLinks.length > 0 || k.answeredFiles.some((id) => links.get(id));
  return { type: selfService ? 'self_service_help' : 'general_advice', by: 'bot' };
}

export function contactTypeStats(
  conversations: readonly ConversationLog[],
  classified: readonly Classified[],
  files: readonly StatsFile[],
): Stats['contactTypes'] {
  const links = new Map(files.map((f) => [f.id, f.link]));
  const byType = Object.fromEntries(
    CONTACT_TYPES.map((t) => [t, { staff: 0, bot: 0, total: 0 }]),
  ) as Stats['contactTypes']['byType'];
  const byCategory: Record<ContactCategory, number> = { information: 0, interaction: 0, transaction: 0 };
  let unclassified = 0;
  conversations.forEach((c, i) => {
    const typed = impliedContactType(c, classified[i]!, links);
    if (!typed) {
      unclassified++;
      return;
    }
    byType[typed.type][typed.by]++;
    byType[typed.type].total++;
    byCategory[CONTACT_CATEGORY[typed.type]]++;
  });
  return { byType, unclassified, byCategory };
}
