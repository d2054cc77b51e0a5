import { h } from '../../shared/dom.ts';
import type { ConnectionStatus } from '../../shared/reconnecting-socket.ts';
import type { I18n } from '../i18n.ts';
import type { WidgetTexts } from '../texts/index.ts';

/**
 * The quiet line above the composer: connection trouble and the live queue position go to a polite status
 * region; the typing indicator is visual only, so screen readers are not interrupted on every keystroke.
 */
export class StatusLine {
  readonly el: HTMLElement;
  private readonly status: HTMLElement;
  private readonly typing: HTMLElement;
  private connection: ConnectionStatus = 'stopped';
  private queue: { position: number; seconds: number } | undefined;
  private typingName: string | undefined;
  /** Shown while waiting for a person: the way out of the queue, back to the bot (issue 19). */
  readonly leaveButton: HTMLButtonElement;

  constructor(
    private readonly i18n: I18n,
    onLeaveQueue: () => void = () => {},
  ) {
    this.status = h('p', { class: 'status', role: 'status' });
    this.typing = h('p', { class: 'typing', 'aria-hidden': 'true' });
    this.leaveButton = i18n.bind(
      h('button', { type: 'button', class: 'button leave-queue', hidden: true }),
      (t) => t.leaveQueue,
    );
    this.leaveButton.addEventListener('click', onLeaveQueue);
    this.el = h('div', { class: 'status-line' }, this.status, this.leaveButton, this.typing);
    i18n.onChange(() => this.render());
  }

  setConnection(status: ConnectionStatus): void {
    this.connection = status;
    this.render();
  }

  setQueue(queue: { position: number; seconds: number } | undefined): void {
    this.queue = queue;
    this.render();
  }

  setTyping(name: string | undefined): void {
    this.typingName = name;
    this.render();
  }

  private render(): void {
    const t: WidgetTexts = this.i18n.t;
    const parts: string[] = [];
    if (this.connection === 'connecting') parts.push(t.connecting);
    if (this.connection === 'reconnecting') parts.push(t.reconnecting);
    if (this.queue)
      parts.push(t.queue(this.queue.position, Math.max(1, Math.round(this.queue.seconds / 60))));
    const text = parts.join(' ');
    if (this.status.textContent !== text) this.status.textContent = text;
    this.typing.textContent = this.typingName ? t.agentTyping(this.typingName) : '';
    this.typing.hidden = !this.typingName;
    // Waiting for a person is the one thing going on: the position stands out, with the way out next to it.
    this.el.classList.toggle('queued', this.queue !== undefined);
    this.leaveButton.hidden = this.queue === undefined;
  }
}
