import type { BotMeta } from '../chat/history.ts';
import type { StoredMessage } from '../store/messages.ts';
import { serverTexts } from '../texts.ts';
import { markdownToHtml, safeHref } from './markdown-html.ts';

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

/**
 * Only what the citizen saw, raw text (the transcript is theirs); turns whose text was deleted are left out.
 * System turns are the notices the widget showed (a person joined, a message was left).
 */
const visible = (messages: StoredMessage[]): StoredMessage[] =>
  messages.filter((m) => m.text !== null && (m.role !== 'system' || m.meta?.notice !== undefined));

/** What the widget showed under a bot turn: its source, self-service link and the suggestions offered. */
function botExtras(m: StoredMessage): {
  source?: string;
  link?: string;
  suggestions: string[];
  related: string[];
} {
  const bot = m.role === 'bot' ? (m.meta as BotMeta | null)?.bot : undefined;
  const link = bot?.link ? safeHref(bot.link) : undefined;
  return {
    ...(bot?.source ? { source: bot.source.title } : {}),
    ...(link ? { link } : {}),
    suggestions: (bot?.suggestions ?? []).map((s) => s.title),
    related: (bot?.related ?? []).map((s) => s.title),
  };
}

export function transcriptText(t: TranscriptInput): string {
  const texts = serverTexts(t.lang);
  const lines = [texts.transcriptTitle(t.municipality), ''];
  for (const m of visible(t.messages)) {
    if (m.role === 'system') {
      lines.push(`[${time(m.createdAt, t.timeZone)}] ${m.text ?? ''}`, '');
      continue;
    }
    lines.push(`[${time(m.createdAt, t.timeZone)}] ${speaker(m, t.lang)}:`, m.text ?? '');
    const extra = botExtras(m);
    if (extra.source) lines.push(`${texts.source}: ${extra.source}`);
    if (extra.link) lines.push(`${texts.openLink}: ${extra.link}`);
    if (extra.suggestions.length) lines.push(`${texts.suggestionsOffered}: ${extra.suggestions.join(' · ')}`);
    if (extra.related.length) lines.push(`${texts.related}: ${extra.related.join(' · ')}`);
    lines.push('');
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

/** The bot's Markdown rendered as the widget renders it; what people wrote stays as written. */
function bodyHtml(m: StoredMessage, lang: string): string {
  if (m.role === 'system') return `<p class="notice">${escapeHtml(m.text ?? '')}</p>`;
  if (m.role !== 'bot') return `<p class="text">${escapeHtml(m.text ?? '').replace(/\n/g, '<br>')}</p>`;
  const texts = serverTexts(lang);
  const extra = botExtras(m);
  const parts = [`<div class="md">${markdownToHtml(m.text ?? '')}</div>`];
  if (extra.source)
    parts.push(`<p class="source">${escapeHtml(texts.source)}: <cite>${escapeHtml(extra.source)}</cite></p>`);
  if (extra.link)
    parts.push(
      `<p class="link"><a href="${escapeHtml(extra.link)}" rel="noopener noreferrer">${escapeHtml(texts.openLink)}</a></p>`,
    );
  const chips = (label: string, titles: string[]): string =>
    `<p class="suggestions">${escapeHtml(label)}: ` +
    titles.map((s) => `<span class="chip">${escapeHtml(s)}</span>`).join(' ') +
    '</p>';
  if (extra.suggestions.length) parts.push(chips(texts.suggestionsOffered, extra.suggestions));
  if (extra.related.length) parts.push(chips(texts.related, extra.related));
  return parts.join('');
}

const STYLE = `body{font-family:system-ui,sans-serif;max-width:40rem;margin:2rem auto;padding:0 1rem;color:#1a1a1a}
ol{list-style:none;padding:0}li{margin:0 0 1rem;padding:.75rem;border-radius:.5rem;background:#f3f4f6}
li.citizen{background:#e8f0fe;margin-left:2rem}li.system{background:none;font-style:italic;color:#444}
.meta{margin:0 0 .25rem;font-size:.875rem;color:#444}.source{font-size:.875rem;color:#444}
.chip{display:inline-block;border:1px solid #666;border-radius:1rem;padding:0 .5rem;margin:.1rem}`;

/** A standalone page with no scripts: people's text escaped, the bot's Markdown rendered safely. */
export function transcriptHtml(t: TranscriptInput): string {
  const title = escapeHtml(serverTexts(t.lang).transcriptTitle(t.municipality));
  const items = visible(t.messages)
    .map((m) =>
      m.role === 'system'
        ? `<li class="system">${bodyHtml(m, t.lang)}</li>`
        : `<li class="${m.role}"><p class="meta"><strong>${escapeHtml(speaker(m, t.lang))}</strong> ` +
          `<time datetime="${escapeHtml(m.createdAt)}">${escapeHtml(time(m.createdAt, t.timeZone))}</time></p>` +
          `${bodyHtml(m, t.lang)}</li>`,
    )
    .join('\n');
  return `<!doctype html>
<html lang="${escapeHtml(t.lang)}">
<head><meta charset="utf-8"><title>${title}</title><style>${STYLE}</style></head>
<body>
<h1>${title}</h1>
<ol>
${items}
</ol>
</body>
</html>
`;
}
