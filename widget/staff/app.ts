import type {
  CannedResponse,
  ContactType,
  HistoryItem,
  StaffClientFrame,
  StaffServerFrame,
} from '../../server/protocol.ts';
import { ct } from '../console-texts/index.ts';
import { currentStaff, logout, type Me } from '../shared/api.ts';
import { h } from '../shared/dom.ts';
import { languageSwitch } from '../shared/language-switch.ts';
import { isChatLang } from '../shared/langs.ts';
import { ReconnectingSocket } from '../shared/reconnecting-socket.ts';
import { ChatView } from './chat-view.ts';
import { Alerts } from './notify.ts';
import { QueueView } from './queue-view.ts';
import { Tabs } from './tabs.ts';
import { TicketsView } from './tickets-view.ts';
import { contactTypeLabel, errorText, reasonLabel } from './texts.ts';

type Hello = Extract<StaffServerFrame, { type: 'hello' }>;
const newClientId = (): string => `${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 10)}`;

/** The staff console: presence, the queue, offline messages and one tab per claimed chat, over /ws/staff. */
export class StaffApp {
  readonly el: HTMLElement;
  private readonly socket: ReconnectingSocket<StaffServerFrame, StaffClientFrame>;
  private readonly tabs = new Tabs(ct().staff.tabs);
  private readonly queue: QueueView;
  private readonly tickets: TicketsView;
  private readonly alerts = new Alerts();
  private readonly chats = new Map<string, ChatView>();
  private readonly canned = new Map<string, CannedResponse[]>();
  /**
   * Replies not yet acknowledged, kept until the server says it stored them and sent again after every
   * reconnect (the server keeps a reply once per client id), as the citizen widget does.
   */
  private readonly sent = new Map<string, { conversationId: string; text: string }>();
  private readonly seenWaiting = new Set<string>();
  /** The page's own title, before any count of waiting chats is put in front of it. */
  private readonly title = document.title;
  private readonly status: HTMLElement;
  private readonly connection: HTMLElement;
  private readonly presence: HTMLButtonElement;
  private hello: Hello | undefined;
  private agents: { id: number; firstName: string }[] = [];
  /** Where each chat was last transferred to, so the console can say so when it leaves. */
  private readonly transferredTo = new Map<string, string>();
  private away = false;

  constructor(private readonly me: Me) {
    const t = ct().staff;
    this.queue = new QueueView({
      view: (conversationId) => this.send({ type: 'view', conversationId }),
      claim: (conversationId) => this.send({ type: 'claim', conversationId }),
    });
    this.tickets = new TicketsView(me.staff.id);
    this.tickets.onCount = (n) => this.tabs.setLabel('tickets', t.ticketsTab(n));
    this.status = h('p', { class: 'notice', role: 'status' });
    this.connection = h('span', { class: 'connection', role: 'status' });
    this.presence = h('button', { type: 'button', class: 'presence', 'aria-pressed': 'true' }, t.available);
    this.presence.addEventListener('click', () => this.setAway(!this.away));

    const alertsBox = h('input', { type: 'checkbox', id: 'alerts', checked: this.alerts.enabled });
    alertsBox.addEventListener('change', () => this.alerts.setEnabled(alertsBox.checked));
    const logoutButton = h('button', { type: 'button' }, ct().common.logOut);
    logoutButton.addEventListener('click', () => void logout().finally(() => location.reload()));

    this.tabs.add('queue', t.queueTab(0, false), this.queue.el);
    this.tabs.add('tickets', t.ticketsTab(undefined), this.tickets.el);
    this.el = h(
      'div',
      { class: 'console' },
      h(
        'header',
        { class: 'topbar' },
        h('h1', {}, t.title),
        h('span', {}, `${me.staff.firstName} (${ct().common.roles[me.staff.role]})`),
        this.presence,
        h('span', { class: 'check' }, alertsBox, h('label', { for: 'alerts' }, t.alerts)),
        this.connection,
        languageSwitch({ loggedIn: true }),
        logoutButton,
      ),
      h('main', {}, this.status, this.tabs.list, this.tabs.panels),
    );

    const url = `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/ws/staff`;
    this.socket = new ReconnectingSocket(url, {
      onOpen: () => {
        if (this.away) this.send({ type: 'presence', status: 'away' });
        for (const [clientId, s] of this.sent)
          this.socket.send({ type: 'send', conversationId: s.conversationId, clientId, text: s.text });
      },
      onFrame: (f) => this.onFrame(f),
      onStatus: (s) => {
        this.connection.textContent = s === 'reconnecting' ? ct().staff.reconnecting : '';
        // A socket that keeps failing may mean the session has ended.
        if (s === 'reconnecting') {
          currentStaff()
            .then((m) => m || location.reload())
            .catch(() => undefined);
        }
      },
    });
    this.socket.connect();
    void this.tickets.refresh();
  }

  private send(frame: StaffClientFrame): void {
    if (!this.socket.send(frame)) this.status.textContent = ct().staff.notConnected;
  }

  private setAway(away: boolean): void {
    this.away = away;
    this.presence.setAttribute('aria-pressed', String(!away));
    this.send({ type: 'presence', status: away ? 'away' : 'online' });
  }

  /** An on-call alert links to `/staff#conversation=<id>`: show that chat's preview once connected. */
  private viewLinkedConversation(): void {
    const id = /^#conversation=([\w-]{1,64})$/.exec(location.hash)?.[1];
    if (id) this.send({ type: 'view', conversationId: id });
  }

  private onFrame(f: StaffServerFrame): void {
    switch (f.type) {
      case 'hello':
        this.hello = f;
        this.queue.setQueueNames(f.queues);
        this.tickets.setQueues(f.queues);
        this.viewLinkedConversation();
        return;
      case 'queue': {
        this.queue.update(f.items);
        const fresh = f.items.filter((i) => !this.seenWaiting.has(i.conversationId));
        for (const i of fresh) this.seenWaiting.add(i.conversationId);
        const first = fresh[0];
        if (first && !this.away)
          this.alerts.newChat(
            first.preview,
            fresh.some((i) => i.priority === 'urgent'),
          );
        const urgent = f.items.some((i) => i.priority === 'urgent');
        // The browser tab says it too, for an agent working in another window.
        document.title =
          f.items.length > 0 ? `${ct().staff.titleCount(f.items.length, urgent)} ${this.title}` : this.title;
        this.tabs.setLabel(
          'queue',
          ct().staff.queueTab(f.items.length, urgent),
          fresh.length > 0 && this.tabs.current !== 'queue',
        );
        return;
      }
      case 'queue_preview':
        return this.queue.updatePreviews(f.items);
      case 'agents':
        this.agents = f.agents.filter((a) => a.id !== this.me.staff.id && a.presence === 'online');
        for (const chat of this.chats.values())
          chat.setTransferTargets(this.hello?.queues ?? [], this.agents);
        return;
      case 'assigned':
        return this.openChat(f.conversation, f.history);
      case 'unassigned':
        this.chats
          .get(f.conversationId)
          ?.ended(
            f.reason === 'transferred'
              ? ct().staff.transferredTo(this.transferredTo.get(f.conversationId) ?? ct().staff.aColleague)
              : ct().staff.backToQueue,
          );
        return;
      case 'history':
        return this.queue.showPreview(f.conversation, f.history);
      case 'message':
        this.chats.get(f.conversationId)?.add(f.item);
        if (this.tabs.current !== `chat-${f.conversationId}`)
          this.tabs.setLabel(`chat-${f.conversationId}`, this.chatLabel(f.conversationId), true);
        return;
      case 'ack': {
        const s = this.sent.get(f.clientId);
        this.sent.delete(f.clientId);
        if (s) {
          this.chats.get(s.conversationId)?.settle(f.clientId);
          this.chats.get(s.conversationId)?.add({
            messageId: f.messageId,
            role: 'agent',
            text: s.text,
            at: new Date().toISOString(),
            firstName: this.me.staff.firstName,
          });
        }
        return;
      }
      case 'typing':
        return this.chats.get(f.conversationId)?.setTyping(f.active);
      case 'conversation_closed':
        if (f.reason === 'agent_closed') {
          this.tabs.remove(`chat-${f.conversationId}`);
          this.chats.delete(f.conversationId);
          this.status.textContent = ct().staff.chatClosed;
        } else
          this.chats
            .get(f.conversationId)
            ?.ended(f.reason === 'abandoned' ? ct().staff.abandoned : ct().staff.citizenEnded);
        return;
      case 'visitor':
        this.queue.setVisitor(f.conversationId, f.visitor);
        this.chats.get(f.conversationId)?.setVisitor(f.visitor);
        return;
      case 'canned':
        this.canned.set(f.lang, f.responses);
        for (const chat of this.chats.values()) if (chat.lang === f.lang) chat.setCanned(f.responses);
        return;
      case 'tickets_changed':
        this.tabs.setLabel('tickets', ct().staff.ticketsTab(f.open));
        void this.tickets.refresh();
        return;
      case 'error': {
        const text = errorText(f.code, f.message);
        // A reply the server refused will not be stored by sending it again: drop it from the outbox.
        if (f.clientId && this.sent.delete(f.clientId))
          this.chats.get(f.conversationId ?? '')?.settle(f.clientId);
        const chat = f.conversationId ? this.chats.get(f.conversationId) : undefined;
        if (chat) chat.showNotice(text);
        else this.status.textContent = text;
      }
    }
  }

  private chatLabel(conversationId: string): string {
    const chat = this.chats.get(conversationId);
    if (!chat) return ct().staff.chat;
    // Reason, language and the start of the id tell two chats apart without showing what the citizen wrote.
    const { info } = chat;
    const urgent = info.priority === 'urgent' ? ct().staff.urgentPrefix : '';
    return `${urgent}${reasonLabel(info.reason)} · ${info.lang} · ${conversationId.slice(0, 4)}`;
  }

  private openChat(conversation: ChatView['info'], history: HistoryItem[]): void {
    const id = conversation.conversationId;
    const existing = this.chats.get(id);
    if (existing) {
      existing.setHistory(history);
      return;
    }
    const chat = new ChatView(
      conversation,
      {
        send: (text) => {
          const clientId = newClientId();
          this.sent.set(clientId, { conversationId: id, text });
          chat.pending(clientId, text);
          if (!this.socket.send({ type: 'send', conversationId: id, clientId, text }))
            chat.showNotice(ct().staff.sendLater);
        },
        typing: (active) => this.send({ type: 'typing', conversationId: id, active }),
        transfer: (target, note) => {
          const to =
            'toQueue' in target
              ? (this.hello?.queues.find((q) => q.id === target.toQueue)?.name ?? target.toQueue)
              : (this.agents.find((a) => a.id === target.toAgentId)?.firstName ?? ct().staff.aColleague);
          this.transferredTo.set(id, to);
          this.send({ type: 'transfer', conversationId: id, ...target, ...(note ? { note } : {}) });
        },
        close: (contactType: ContactType, note) => {
          this.send({ type: 'close', conversationId: id, contactType, ...(note ? { note } : {}) });
          this.status.textContent = ct().staff.closingAs(contactTypeLabel(contactType));
        },
        dismiss: () => {
          this.tabs.remove(`chat-${id}`);
          this.chats.delete(id);
        },
      },
      { queues: this.hello?.queues ?? [], contactTypes: this.hello?.contactTypes ?? [] },
    );
    chat.setHistory(history);
    chat.setTransferTargets(this.hello?.queues ?? [], this.agents);
    this.chats.set(id, chat);
    this.tabs.add(`chat-${id}`, this.chatLabel(id), chat.el);
    const canned = this.canned.get(conversation.lang);
    if (canned) chat.setCanned(canned);
    else if (isChatLang(conversation.lang)) this.send({ type: 'canned', lang: conversation.lang });
    this.queue.hidePreview();
    this.tabs.select(`chat-${id}`);
    chat.showLatest();
    chat.focus();
  }
}
