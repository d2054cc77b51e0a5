import type { BotPayload } from '../../../server/protocol.ts';
import { h, safeHref } from '../../shared/dom.ts';
import { icon } from '../../shared/icons.ts';
import { renderMarkdown } from '../../shared/markdown-dom.ts';
import type { I18n } from '../i18n.ts';

export interface BotCardActions {
  choose(fileId: string, title: string): void;
  feedback(messageId: number, helpful: boolean): void;
}

/** A bot turn: the editor's Markdown, its source and self-service link, suggestions, 👍/👎. */
export function createBotCard(
  bot: BotPayload,
  messageId: number,
  i18n: I18n,
  actions: BotCardActions,
): HTMLElement {
  const crisis = (bot.emergency?.length ?? 0) > 0;
  const card = h('div', { class: `bot-card kind-${bot.kind}${crisis ? ' crisis' : ''}` });
  card.appendChild(h('div', { class: 'md' }, renderMarkdown(bot.text)));

  // The numbers are in the text once; the tappable copy is pinned above the conversation (emergency-pin.ts).

  if (bot.source) {
    card.appendChild(
      h(
        'p',
        { class: 'source' },
        i18n.bind(h('span'), (t) => `${t.source}: `),
        h('cite', {}, bot.source.title),
      ),
    );
  }
  const link = bot.link ? safeHref(bot.link) : undefined;
  if (link) {
    card.appendChild(
      i18n.bind(
        h('a', { class: 'button link-button', href: link, target: '_blank', rel: 'noopener noreferrer' }),
        (t) => t.openLink,
      ),
    );
  }

  if (bot.suggestions?.length) {
    const titleId = `svar-sugg-${messageId}`;
    card.appendChild(
      h(
        'div',
        { class: 'suggestions', role: 'group', 'aria-labelledby': titleId },
        i18n.bind(h('span', { id: titleId, class: 'visually-hidden' }), (t) => t.suggestions),
        ...bot.suggestions.map((s) => {
          const chip = h('button', { type: 'button', class: 'chip' }, s.title);
          chip.addEventListener('click', () => actions.choose(s.fileId, s.title));
          return chip;
        }),
      ),
    );
  }

  // Other files close to an answered question, picked the same way as a suggestion.
  if (bot.related?.length) {
    const titleId = `svar-related-${messageId}`;
    card.appendChild(
      h(
        'div',
        { class: 'suggestions related', role: 'group', 'aria-labelledby': titleId },
        i18n.bind(h('span', { id: titleId, class: 'related-title' }), (t) => t.related),
        ...bot.related.map((s) => {
          const chip = h('button', { type: 'button', class: 'chip' }, s.title);
          chip.addEventListener('click', () => actions.choose(s.fileId, s.title));
          return chip;
        }),
      ),
    );
  }

  if (bot.askFeedback) card.appendChild(feedbackRow(messageId, i18n, actions));
  return card;
}

function feedbackRow(messageId: number, i18n: I18n, actions: BotCardActions): HTMLElement {
  const questionId = `svar-fb-${messageId}`;
  const thanks = h('span', { class: 'thanks', role: 'status' });
  const button = (helpful: boolean): HTMLButtonElement => {
    const b = h(
      'button',
      { type: 'button', class: 'feedback-button', 'aria-pressed': 'false' },
      icon(helpful ? 'thumbUp' : 'thumbDown'),
      i18n.bind(h('span', { class: 'visually-hidden' }), (t) => (helpful ? t.helpfulYes : t.helpfulNo)),
    );
    b.addEventListener('click', () => {
      for (const other of row.querySelectorAll('button'))
        other.setAttribute('aria-pressed', String(other === b));
      actions.feedback(messageId, helpful);
      i18n.bind(thanks, (t) => t.feedbackThanks);
    });
    return b;
  };
  const row = h(
    'div',
    { class: 'feedback', role: 'group', 'aria-labelledby': questionId },
    i18n.bind(h('span', { id: questionId }), (t) => t.helpful),
    button(true),
    button(false),
    thanks,
  );
  return row;
}
