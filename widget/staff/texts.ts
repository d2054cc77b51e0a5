import type { ContactType } from '../../server/protocol.ts';

/** Staff console wording in one place (English; the console is for municipal staff, not citizens). */
export const CONTACT_TYPE_LABELS: Record<ContactType, string> = {
  wrong_authority: 'Wrong authority (not ours)',
  existing_case_info: 'Information about an existing case',
  new_case: 'New case',
  self_service_help: 'Help with self-service',
  case_status_change: 'Change of a case’s status',
  general_advice: 'General advice',
};

const REASONS: Record<string, string> = {
  crisis: 'Crisis',
  pii: 'Personal data',
  personal: 'Own case',
  complaint: 'Complaint',
  sensitive: 'Sensitive topic',
  human_request: 'Asked for a person',
};
export const reasonLabel = (reason: string | null): string => (reason ? (REASONS[reason] ?? reason) : '—');

const LANGS: Record<string, string> = {
  nb: 'Bokmål',
  nn: 'Nynorsk',
  da: 'Danish',
  en: 'English',
  sv: 'Swedish',
};
export const langLabel = (lang: string): string => LANGS[lang] ?? lang;

/** Shown above a crisis chat: what to do first, for staff who rarely meet one. */
export const CRISIS_GUIDANCE =
  'Crisis. Ask first whether the person is safe right now, and stay in the chat. If a life is in danger, ' +
  'call 113 (ambulance) or 112 (police) for them and ask where they are. The canned replies that start ' +
  'with "Crisis" help you begin. Tell your team leader when the chat is over.';

export const ROLE_LABELS = { citizen: 'Citizen', bot: 'Bot', agent: 'Agent', system: 'System' } as const;

export const ERRORS: Record<string, string> = {
  already_claimed: 'Another agent took this chat first.',
  chat_limit: 'You already have as many chats as allowed. Close one first.',
  agent_unavailable: 'That colleague is not available.',
  forbidden: 'You cannot do that with this chat.',
  not_found: 'That chat no longer exists.',
  conversation_closed: 'The chat has already ended.',
  invalid_state: 'Not possible in the chat’s current state.',
  mail_unavailable: 'E-mail is not set up on this server.',
  mail_failed: 'The e-mail could not be sent. Try again later.',
  storage_failed: 'Not saved. Try again.',
  rate_limited: 'Too many requests. Wait a moment.',
  csrf_invalid: 'Your session token is out of date. Reload the page.',
  unauthorized: 'Your session has ended. Log in again.',
};
export const errorText = (code: string, fallback = 'Something went wrong.'): string =>
  ERRORS[code] ?? fallback;

/** "4 min" / "1 h 05 min" since an ISO time. */
export function waited(sinceIso: string, now = Date.now()): string {
  const minutes = Math.max(0, Math.floor((now - Date.parse(sinceIso)) / 60_000));
  if (minutes < 60) return `${minutes} min`;
  return `${Math.floor(minutes / 60)} h ${String(minutes % 60).padStart(2, '0')} min`;
}
