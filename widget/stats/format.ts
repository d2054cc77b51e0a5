/** Numbers as people read them; the same rules as the server's Markdown report. */
export const percent = (share: number | null): string =>
  share === null ? '–' : `${(share * 100).toFixed(1).replace(/\.0$/, '')} %`;

export function duration(seconds: number | null): string {
  if (seconds === null) return '–';
  const s = Math.round(seconds);
  if (s < 60) return `${s} s`;
  if (s < 3600) return `${Math.floor(s / 60)} min ${s % 60} s`;
  return `${Math.floor(s / 3600)} h ${Math.round((s % 3600) / 60)} min`;
}

/** Codes from the log (handover reasons, contact types) in words. */
const LABELS: Record<string, string> = {
  resolved: 'Resolved by the bot',
  answered_not_helpful: 'Answered, marked not helpful',
  clarified: 'Clarifying question only',
  handed_over: 'Handed over to a person',
  fallback: 'Bot could not help',
  no_question: 'No question asked',
  crisis: 'Crisis',
  pii: 'Personal data shared',
  personal: 'About own case',
  complaint: 'Complaint',
  sensitive: 'Sensitive topic',
  human_request: 'Asked for a person',
  no_match: 'No matching answer',
  out_of_scope: 'Out of scope',
  injection: 'Prompt injection',
  gibberish: 'Gibberish',
  office_closed: 'Office closed',
  no_agent: 'No agent online',
  wait_limit: 'Waited too long',
  wrong_authority: 'Wrong authority',
  existing_case_info: 'Information about an existing case',
  new_case: 'New case',
  self_service_help: 'Help with self-service',
  case_status_change: "Change of a case's status",
  general_advice: 'General advice',
  information: 'Information',
  interaction: 'Interaction',
  transaction: 'Transaction',
  answer: 'Answered',
  clarify: 'Asked what was meant',
  handover: 'Handed over',
  smalltalk: 'Small talk',
  unknown: 'Not recorded',
  email: 'E-mail',
  phone: 'Phone',
  nb: 'Bokmål',
  nn: 'Nynorsk',
  da: 'Danish',
  en: 'English',
  sv: 'Swedish',
};

export const label = (code: string): string => LABELS[code] ?? code;

export const WEEKDAYS = [
  'Monday',
  'Tuesday',
  'Wednesday',
  'Thursday',
  'Friday',
  'Saturday',
  'Sunday',
] as const;
