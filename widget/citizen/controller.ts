import type {
  CitizenNotice,
  ChatLang,
  CitizenClientFrame,
  CitizenServerFrame,
  ConversationStateName,
  ErrorCode,
  OfflineReason,
} from '../../server/protocol.ts';
import { h } from '../shared/dom.ts';
import { ReconnectingSocket } from '../shared/reconnecting-socket.ts';
import type { I18n } from './i18n.ts';
import type { WidgetOptions } from './options.ts';
import { loadSaved, save } from './resume-store.ts';
import type { WidgetTexts } from './texts/index.ts';
import { downloadTranscript } from './transcript.ts';
import { createChatMenu } from './view/chat-menu.ts';
import { createComposer } from './view/composer.ts';
import { EmergencyPin } from './view/emergency-pin.ts';
import { MessageLog } from './view/message-log.ts';
import { createOfflineForm } from './view/offline-form.ts';
import { createPanel, type PanelParts } from './view/panel.ts';
import { createRating } from './view/rating.ts';
import { StatusLine } from './view/status-line.ts';

type Outgoing = Extract<CitizenClientFrame, { clientId?: string }>;
/** Frames that may be retried after these errors; others (too long, closed) are final. */
const RETRYABLE: readonly string[] = ['storage_failed', 'rate_limited', 'internal', 'not_started'];

const newClientId = (): string => `${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 10)}`;
const errorText = (code: string) => (t: WidgetTexts) => t.errors[code as ErrorCode] ?? t.errors.internal;

/**
 * The citizen side of protocol v1: starts or resumes the conversation, keeps unacknowledged messages and
 * sends them again after a reconnect (the server stores each client id once), and turns server frames into
 * what the views show.
 */
export class ChatController {
  readonly parts: PanelParts;
  private readonly connection: ReconnectingSocket<CitizenServerFrame, CitizenClientFrame>;
  private readonly log: MessageLog;
  private readonly status: StatusLine;
  private readonly composer: ReturnType<typeof createComposer>;
  private readonly menu: ReturnType<typeof createChatMenu>;
  private readonly pin: EmergencyPin;
  private offlineForm: ReturnType<typeof createOfflineForm> | undefined;
  /** Sent but not acknowledged, by client id; resent after every (re)connect. */
  private readonly outbox = new Map<string, Outgoing>();
  /** Frames without a client id waiting for the connection (e.g. "talk to a person" while reconnecting). */
  private queued: CitizenClientFrame[] = [];
  private token: string | undefined;
  private state: ConversationStateName | undefined;
  private agentName = '';
  private lastQuestion = '';
  private started = false;
  private langSwitchPending = false;
  private awaiting: 'email' | 'offline' | undefined;
  /** A person took part (issue 19): the end of the chat asks for a rating. */
  private hadPerson = false;
  /** The citizen's left message was just kept: its confirmation in the log takes focus. */
  private focusTicketNotice = false;

  constructor(
    private readonly options: WidgetOptions,
    private readonly i18n: I18n,
  ) {
    this.token = loadSaved().token;
    this.status = new StatusLine(i18n, () => this.send({ type: 'leave_queue' }));
    this.log = new MessageLog(
      i18n,
      {
        choose: (fileId, title) =>
          this.sendWithId({ type: 'choose', fileId, clientId: newClientId() }, title),
        feedback: (messageId, helpful) => this.send({ type: 'feedback', messageId, helpful }),
      },
      (el) => this.reveal(el),
    );
    this.composer = createComposer(i18n, {
      onSend: (text) => {
        this.lastQuestion = text;
        this.sendWithId({ type: 'message', clientId: newClientId(), text }, text);
      },
      onTyping: (active) => {
        if (this.state === 'assigned') this.send({ type: 'typing', active });
      },
    });
    this.menu = createChatMenu(i18n, {
      download: (format) => void this.download(format),
      email: (email) => {
        this.awaiting = 'email';
        this.menu.showResult(undefined);
        this.send({ type: 'transcript_email', email });
      },
      end: () => {
        const endNow = (): void => {
          this.menu.close();
          this.send({ type: 'end' });
        };
        // Ending a chat with a person (or the wait for one) is asked once more.
        if (this.state === 'assigned' || this.state === 'waiting') this.menu.confirmEnd(endNow);
        else endNow();
      },
    });
    this.pin = new EmergencyPin(i18n, () => this.composer.focus());
    this.parts = createPanel(i18n, {
      id: 'svar-panel',
      pinned: this.pin.el,
      privacyUrl: options.privacyUrl,
      menu: this.menu,
      log: this.log.el,
      status: this.status.el,
      composer: this.composer.el,
      onLang: (lang) => this.chooseLang(lang),
      onHuman: () => this.send({ type: 'human' }),
    });
    const wsUrl = `${options.server.replace(/^http/, 'ws')}/ws/citizen`;
    this.connection = new ReconnectingSocket<CitizenServerFrame, CitizenClientFrame>(wsUrl, {
      onOpen: () => this.sendStart(),
      onFrame: (f) => this.onFrame(f),
      onStatus: (s) => this.status.setConnection(s === 'open' ? 'stopped' : s),
    });
  }

  /** Connects on first open, or at page load when there is a conversation to resume. */
  connect(): void {
    this.connection.connect();
  }

  get hasConversation(): boolean {
    return this.token !== undefined;
  }

  /** Escape first closes the "save or end" menu, if open, and returns focus to its button. */
  closeMenu(): boolean {
    if (!this.menu.isOpen) return false;
    this.menu.close();
    this.menu.toggle.focus();
    return true;
  }

  focusInput(): void {
    this.composer.focus();
  }

  /** The citizen's own choice of language: the widget no longer follows the language they write in. */
  chooseLang(lang: ChatLang): void {
    save({ langChosen: true });
    this.setLang(lang);
  }

  private setLang(lang: ChatLang): void {
    this.i18n.setLang(lang);
    save({ lang });
    if (this.state === 'closed') return;
    // The start frame is still on its way: act on the switch once its welcome arrives.
    if (!this.started) {
      this.langSwitchPending = true;
      return;
    }
    // Nothing said yet: start afresh, so even the greeting is in the new language. Otherwise resume on a
    // new socket, which updates the conversation's language on the server.
    if (this.state === 'bot' && !this.log.hasCitizenTurns() && this.outbox.size === 0) {
      this.token = undefined;
      save({ token: undefined });
    }
    this.connection.retryNow();
  }

  private sendStart(): void {
    this.started = false;
    this.send({
      type: 'start',
      v: 1,
      lang: this.i18n.lang,
      page: location.pathname.slice(0, 500),
      ...(this.options.queue ? { queue: this.options.queue } : {}),
      ...(this.token ? { resumeToken: this.token } : {}),
    });
  }

  private send(frame: CitizenClientFrame): void {
    if (frame.type === 'start') {
      this.connection.send(frame);
      return;
    }
    if (this.started && this.connection.send(frame)) return;
    if (frame.type !== 'typing') this.queued.push(frame);
  }

  private sendWithId(frame: Outgoing & { clientId: string }, shownText: string): void {
    this.log.addCitizen(shownText, frame.clientId);
    this.outbox.set(frame.clientId, frame);
    if (this.started) this.connection.send(frame);
  }

  private onFrame(f: CitizenServerFrame): void {
    switch (f.type) {
      case 'welcome':
        return this.welcome(f);
      case 'ack':
        this.outbox.delete(f.clientId);
        return this.log.confirm(f.clientId, f.messageId);
      case 'bot':
        if (f.emergency?.length) this.pin.show(f.emergency, f.messageId);
        // The language notice goes first, so the answer is the last turn and is scrolled to its top.
        if (f.lang) this.followLang(f.lang);
        return this.log.addBot(f, f.messageId);
      case 'queue':
        this.state = 'waiting';
        this.status.setQueue({ position: f.position, seconds: f.estimatedWaitSeconds });
        return this.updateHumanButton();
      case 'agent_joined':
        this.state = 'assigned';
        this.agentName = f.firstName;
        this.hadPerson = true;
        this.status.setQueue(undefined);
        return this.updateHumanButton();
      case 'agent_left':
        // The notice that follows says so in the conversation; it is kept for a reload too.
        this.state = 'waiting';
        this.status.setTyping(undefined);
        return this.updateHumanButton();
      case 'notice':
        return this.notice(f.notice, f.messageId);
      case 'queue_left':
        this.state = 'bot';
        this.status.setQueue(undefined);
        this.updateHumanButton();
        return this.composer.focus();
      case 'agent':
        this.status.setTyping(undefined);
        return this.log.addAgent(f.text, f.firstName, f.messageId);
      case 'typing':
        return this.status.setTyping(f.active ? this.agentName : undefined);
      case 'offline':
        this.state = 'offline';
        this.status.setQueue(undefined);
        save({
          offline: {
            reason: f.reason,
            ...(f.opensAt ? { opensAt: f.opensAt } : {}),
            ...(f.urgent ? { urgent: true } : {}),
          },
        });
        if (f.urgent) return this.offerOfflineForm(f.reason, f.opensAt);
        return this.showOfflineForm(f.reason, f.opensAt);
      case 'ticket_created':
        // The confirmation is a turn in the conversation (a stored notice follows), not pinned below it.
        this.awaiting = undefined;
        save({ ticketId: f.ticketId });
        this.focusTicketNotice = this.offlineForm?.el.contains(this.activeElement()) ?? false;
        this.offlineForm?.el.remove();
        this.offlineForm = undefined;
        return;
      case 'transcript_sent':
        this.awaiting = undefined;
        return this.menu.showResult((t) => t.transcriptSent);
      case 'feedback_saved':
        return;
      case 'closed':
        if (this.state === 'assigned') this.hadPerson = true;
        return this.showClosed(f.reason === 'agent_closed' ? (t) => t.chatClosedByAgent : (t) => t.chatEnded);
      case 'error':
        return this.error(f.code, f.clientId);
    }
  }

  private welcome(f: Extract<CitizenServerFrame, { type: 'welcome' }>): void {
    // A different token means the old conversation is gone (expired): its unsent messages go with it.
    const lost = this.token !== undefined && f.resumeToken !== this.token;
    this.token = f.resumeToken;
    if (f.privacyUrl) this.parts.setPrivacyUrl(f.privacyUrl);
    save({ token: f.resumeToken, lang: this.i18n.lang });
    this.started = true;
    this.state = f.state;
    this.agentName = f.agentFirstName ?? '';
    this.hadPerson = f.history.some((i) => i.role === 'agent' || i.notice?.kind === 'agent_joined');
    this.status.setConnection('stopped');
    this.status.setQueue(undefined);
    this.status.setTyping(undefined);
    this.log.showHistory(f.history, !lost);
    if (f.topics) this.log.showTopics(f.topics);
    this.updateHumanButton();
    const crisis = [...f.history].reverse().find((i) => i.bot?.emergency?.length);
    if (crisis?.bot?.emergency) this.pin.show(crisis.bot.emergency, crisis.messageId);
    else this.pin.clear();
    this.parts.extra.replaceChildren();
    this.offlineForm = undefined;
    this.composer.setEnabled(f.state !== 'closed');
    if (lost) {
      this.outbox.clear();
      save({ offline: undefined, ticketId: undefined });
    }
    if (f.state === 'closed') this.showClosed((t) => t.chatEnded);
    if (f.state === 'offline') this.restoreOffline();
    for (const frame of this.outbox.values()) this.connection.send(frame);
    const queued = this.queued;
    this.queued = [];
    for (const frame of queued) this.send(frame);
    if (this.langSwitchPending) {
      this.langSwitchPending = false;
      if (f.lang !== this.i18n.lang) this.setLang(this.i18n.lang);
    }
  }

  private restoreOffline(): void {
    const saved = loadSaved();
    // A message already left is confirmed in the history (a stored notice).
    if (saved.ticketId !== undefined) return;
    if (saved.offline?.urgent) this.offerOfflineForm(saved.offline.reason, saved.offline.opensAt);
    else this.showOfflineForm(saved.offline?.reason ?? 'no_agent', saved.offline?.opensAt);
  }

  /**
   * A crisis nobody can take now: no form asking for an e-mail address and consent first. The bot's reply
   * says what to do; leaving a message is an option the citizen opens.
   */
  private offerOfflineForm(reason: OfflineReason, opensAt: string | undefined): void {
    const open = this.i18n.bind(
      h('button', { type: 'button', class: 'button crisis-leave-message' }),
      (t) => t.crisisLeaveMessage,
    );
    open.addEventListener('click', () => {
      this.showOfflineForm(reason, opensAt);
      this.offlineForm?.focus();
    });
    this.offlineForm = undefined;
    this.parts.extra.replaceChildren(h('div', { class: 'offline-option' }, open));
  }

  private showOfflineForm(reason: OfflineReason, opensAt: string | undefined): void {
    this.offlineForm = createOfflineForm(this.i18n, {
      reason,
      ...(opensAt ? { opensAt } : {}),
      question: this.lastQuestion,
      submit: (msg) => {
        this.awaiting = 'offline';
        this.send({ type: 'leave_message', consent: true, ...msg });
      },
    });
    // Focus follows only when the citizen just asked for a person; a form that turns up later (wait limit)
    // must not pull focus away from what they are typing.
    const root = this.parts.panel.getRootNode() as ShadowRoot | Document;
    const asked = root.activeElement === this.parts.humanButton;
    this.parts.extra.replaceChildren(this.offlineForm.el);
    this.scrollToEnd();
    if (asked) this.offlineForm.focus();
  }

  private showClosed(pick: (t: WidgetTexts) => string): void {
    if (this.state === 'closed' && this.parts.extra.querySelector('.closed')) return;
    this.state = 'closed';
    this.status.setQueue(undefined);
    this.status.setTyping(undefined);
    this.composer.setEnabled(false);
    this.updateHumanButton();
    const again = this.i18n.bind(h('button', { type: 'button', class: 'button primary' }), (t) => t.newChat);
    again.addEventListener('click', () => this.newChat());
    const block = h('div', { class: 'closed' }, this.i18n.bind(h('p', { role: 'status' }), pick));
    // After a chat with a person: a rating, once per conversation, and the transcript to keep.
    const rated = this.token !== undefined && loadSaved().rated === this.token;
    if (this.hadPerson && !rated) {
      block.appendChild(
        createRating(this.i18n, {
          rate: (helpful, comment) => {
            save({ rated: this.token });
            this.send({ type: 'feedback', helpful, ...(comment ? { comment } : {}) });
          },
        }),
      );
    }
    if (this.log.hasCitizenTurns()) block.appendChild(this.transcriptOffer());
    block.appendChild(again);
    this.parts.extra.replaceChildren(block);
    // On a phone the rating and the transcript offer are taller than the view: show from the top.
    this.reveal(block);
  }

  private transcriptOffer(): HTMLElement {
    const button = (pick: (t: WidgetTexts) => string, onClick: () => void): HTMLButtonElement => {
      const b = this.i18n.bind(h('button', { type: 'button', class: 'button' }), pick);
      b.addEventListener('click', onClick);
      return b;
    };
    return h(
      'div',
      { class: 'keep-transcript' },
      this.i18n.bind(h('p'), (t) => t.keepTranscript),
      h(
        'div',
        { class: 'row' },
        button(
          (t) => t.downloadTxt,
          () => void this.download('txt'),
        ),
        button(
          (t) => t.downloadHtml,
          () => void this.download('html'),
        ),
        button(
          (t) => t.emailTranscript,
          () => this.menu.openEmail(),
        ),
      ),
    );
  }

  // ---- issue 19 ----

  private notice(notice: CitizenNotice, messageId: number): void {
    const el = this.log.addNotice(notice, messageId);
    if (notice.kind === 'agent_joined') this.hadPerson = true;
    if (notice.kind === 'ticket_created' && el && this.focusTicketNotice) {
      this.focusTicketNotice = false;
      el.focus();
    }
  }

  /**
   * The bot answered in another language than the widget's: the whole widget follows, with a way back,
   * unless the citizen chose a language themselves.
   */
  private followLang(lang: ChatLang): void {
    if (lang === this.i18n.lang || loadSaved().langChosen) return;
    const back = this.i18n.lang;
    this.i18n.setLang(lang);
    save({ lang });
    this.log.addLangNotice(back, () => this.chooseLang(back));
  }

  /** "Talk to a person" only where it does something: not while waiting for or talking with one. */
  private updateHumanButton(): void {
    const button = this.parts.humanButton;
    const hide = this.state === 'waiting' || this.state === 'assigned' || this.state === 'closed';
    if (hide && this.activeElement() === button) {
      button.hidden = true;
      (this.state === 'waiting' ? this.status.leaveButton : this.composer).focus();
      return;
    }
    button.hidden = hide;
  }

  private activeElement(): Element | null {
    return (this.parts.panel.getRootNode() as ShadowRoot | Document).activeElement;
  }

  /**
   * Shows a new turn: a reply taller than the view from its top (so its first line is what the citizen
   * reads), anything else by scrolling to the end.
   */
  private reveal(el: HTMLElement | undefined): void {
    const s = this.parts.scroller;
    const end = s.scrollHeight - s.clientHeight;
    if (!el || el.classList.contains('msg-citizen')) {
      s.scrollTop = s.scrollHeight;
      return;
    }
    const top = el.getBoundingClientRect().top - s.getBoundingClientRect().top + s.scrollTop - 8;
    s.scrollTop = Math.max(0, Math.min(end, top));
  }

  private newChat(): void {
    this.token = undefined;
    this.hadPerson = false;
    this.outbox.clear();
    this.queued = [];
    this.lastQuestion = '';
    save({ token: undefined, offline: undefined, ticketId: undefined });
    this.log.showHistory([], false);
    this.pin.reset();
    this.parts.extra.replaceChildren();
    this.composer.setEnabled(true);
    this.state = undefined;
    this.updateHumanButton();
    this.composer.focus();
    // A closed conversation frees the socket for a fresh `start`.
    this.sendStart();
  }

  private error(code: string, clientId: string | undefined): void {
    if (clientId && this.outbox.has(clientId)) {
      const frame = this.outbox.get(clientId);
      const retry = RETRYABLE.includes(code) && frame ? () => this.connection.send(frame) : undefined;
      if (!retry) this.outbox.delete(clientId);
      return this.log.fail(clientId, errorText(code), retry);
    }
    if (this.awaiting === 'email') {
      this.awaiting = undefined;
      return this.menu.showResult(errorText(code));
    }
    if (this.awaiting === 'offline' && this.offlineForm) {
      this.awaiting = undefined;
      return this.offlineForm.error(errorText(code));
    }
    if (code === 'conversation_closed') return this.showClosed((t) => t.chatEnded);
    if (code === 'rate_limited' || code === 'invalid_state') return;
    this.log.addSystem(errorText(code));
  }

  private async download(format: 'txt' | 'html'): Promise<void> {
    if (!this.token) return;
    this.menu.showResult(undefined);
    try {
      await downloadTranscript(this.options.server, this.token, format);
    } catch {
      this.menu.showResult((t) => t.downloadFailed);
    }
  }

  private scrollToEnd(): void {
    const s = this.parts.scroller;
    s.scrollTop = s.scrollHeight;
  }
}
