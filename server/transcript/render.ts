import type { StoredMessage } from '../store/messages.ts';
import { serverTexts } from '../texts.ts';

export interface TranscriptInput {
  municipality: string;
  lang: string;
  timeZone: string;
  messages: StoredMessage[];
}

function speaker(m: StoredMessage, lang: string): string {
  const t = serverTexts(lang);
  if (m.role === 'citizen') return t.citizen;
  if (m.role === 'bot') return t.bot;
  if (m.role === 'agent') return typeof m.meta?.firstName === 'string' ? m.meta.firstName : t.agent;
  return 'Svar';
}

function time(iso: string, timeZone: string): string {
  return new Date(iso).toLocaleString('nb-NO', { timeZone, dateStyle: 'short', timeStyle: 'short' });
}

/** Only what the citizen saw, raw text (the transcript is theirs); turns whose text was deleted are left out. */
const visible = (messages: StoredMessage[]): StoredMessage[] =>
  messages.filter((m) => m.text !== null && m.role !== 'system');

export function transcriptText(t: TranscriptInput): string {
  const lines = [serverTexts(t.lang).transcriptTitle(t.municipality), ''];
  for (const m of visible(t.messages)) {
    lines.push(`[${time(m.createdAt, t.timeZone)}] ${speaker(m, t.lang)}:`, m.text ?? '', '');
  }
  return lines.join('\n');
}

const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};
export const escapeHtml = (s: string): string => s.replace(/[&<>"']/g, (c) => ESCAPES[c]!);

/** A standalone page with no scripts and all text escaped (messages are shown as written, not as HTML). */
export function transcriptHtml(t: TranscriptInput): string {
  const title = escapeHtml(serverTexts(t.lang).transcriptTitle(t.municipality));
  const items = visible(t.messages)
    .map(
      (m) =>
        `<li class="${m.role}"><p class="meta"><strong>${escapeHtml(speaker(m, t.lang))}</strong> ` +
        `<time datetime="${escapeHtml(m.createdAt)}">${escapeHtml(time(m.createdAt, t.timeZone))}</time></p>` +
        `<p class="text">${escapeHtml(m.text ?? '').replace(/\n/g, '<br>')}</p></li>`,
    )
    .join('\n');
  return `<!doctype html>
<html lang="${escapeHtml(t.lang)}">
<head><meta charset="utf-8"><title>${title}</title></head>
<body>
<h1>${title}</h1>
<ol>
${items}
</ol>
</body>
</html>
`;
}
