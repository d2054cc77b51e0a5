import type { BotPayload } from '../../../server/protocol.ts';
import { h, uid } from '../../shared/dom.ts';
import type { I18n } from '../i18n.ts';

type Numbers = NonNullable<BotPayload['emergency']>;

/**
 * The emergency numbers of the latest crisis or check-in reply, pinned between the title bar and the
 * conversation so they never scroll away, each number once and tappable, until the citizen hides them. A
 * later crisis reply pins them again.
 */
export class EmergencyPin {
  readonly el: HTMLElement;
  private readonly list: HTMLElement;
  /** Replies up to this message id were hidden by the citizen (a reconnect replays the history). */
  private hiddenUpTo = 0;

  constructor(
    i18n: I18n,
    /** Where focus goes when the citizen hides the numbers (the button itself disappears). */
    private readonly afterHide: () => void,
  ) {
    const titleId = uid('svar-sos');
    this.list = h('ul', { class: 'pin-numbers' });
    const hide = h(
      'button',
      { type: 'button', class: 'icon-button pin-hide' },
      h('span', { 'aria-hidden': 'true' }, '✕'),
      i18n.bind(h('span', { class: 'visually-hidden' }), (t) => t.hideEmergency),
    );
    hide.addEventListener('click', () => {
      this.hiddenUpTo = Number(this.el.dataset.messageId ?? 0);
      this.clear();
      this.afterHide();
    });
    this.el = h(
      'div',
      { class: 'pinned-emergency', role: 'region', 'aria-labelledby': titleId, hidden: true },
      h(
        'div',
        { class: 'pin-head' },
        i18n.bind(h('p', { id: titleId }), (t) => t.emergencyPinned),
        hide,
      ),
      this.list,
    );
  }

  show(numbers: Numbers, messageId: number): void {
    if (numbers.length === 0 || messageId <= this.hiddenUpTo) return;
    const seen = new Set<string>();
    const items = numbers.flatMap((n) => {
      const dial = n.number.replace(/[^0-9+]/g, '');
      if (seen.has(dial)) return [];
      seen.add(dial);
      return [
        h(
          'li',
          {},
          h(
            'a',
            { href: `tel:${dial}` },
            h('span', { class: 'pin-number' }, n.number),
            ' ',
            h('span', { class: 'pin-label' }, n.label),
          ),
        ),
      ];
    });
    this.list.replaceChildren(...items);
    this.el.dataset.messageId = String(messageId);
    this.el.hidden = false;
  }

  clear(): void {
    this.el.hidden = true;
    this.list.replaceChildren();
    delete this.el.dataset.messageId;
  }

  /** A new conversation: nothing was hidden in it yet. */
  reset(): void {
    this.hiddenUpTo = 0;
    this.clear();
  }
}
