export type ConnectionStatus = 'connecting' | 'open' | 'reconnecting' | 'stopped';

export interface SocketHandlers<In> {
  onOpen(): void;
  onFrame(frame: In): void;
  onStatus(status: ConnectionStatus): void;
}

const MAX_DELAY_MS = 30_000;

/**
 * A JSON websocket that comes back by itself: exponential backoff with jitter, reset once the server has
 * answered, and an immediate retry when the browser says it is online again.
 */
export class ReconnectingSocket<In extends { type: string }, Out> {
  private ws: WebSocket | undefined;
  private attempt = 0;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private stopped = true;

  constructor(
    private readonly url: string,
    private readonly handlers: SocketHandlers<In>,
  ) {
    window.addEventListener('online', () => {
      if (!this.stopped && !this.ws) this.retryNow();
    });
  }

  connect(): void {
    if (!this.stopped) return;
    this.stopped = false;
    this.open('connecting');
  }

  /** False when not connected: the caller keeps the frame and sends it after the next `onOpen`. */
  send(frame: Out): boolean {
    if (!this.ws || this.ws.readyState !== WebSocket.OPEN) return false;
    this.ws.send(JSON.stringify(frame));
    return true;
  }

  /** Drops the socket and opens a new one at once. */
  retryNow(): void {
    clearTimeout(this.timer);
    const old = this.ws;
    this.ws = undefined;
    old?.close();
    this.stopped = false;
    this.open('connecting');
  }

  stop(): void {
    this.stopped = true;
    clearTimeout(this.timer);
    const old = this.ws;
    this.ws = undefined;
    old?.close();
    this.handlers.onStatus('stopped');
  }

  private open(status: ConnectionStatus): void {
    this.handlers.onStatus(status);
    const ws = new WebSocket(this.url);
    this.ws = ws;
    ws.onopen = () => {
      if (this.ws !== ws) return;
      this.handlers.onStatus('open');
      this.handlers.onOpen();
    };
    ws.onmessage = (ev) => {
      // A socket being replaced may still deliver a frame or two: only the current one speaks.
      if (this.ws !== ws) return;
      this.attempt = 0;
      let frame: unknown;
      try {
        frame = JSON.parse(String(ev.data));
      } catch {
        return;
      }
      if (
        typeof frame === 'object' &&
        frame !== null &&
        typeof (frame as { type?: unknown }).type === 'string'
      ) {
        this.handlers.onFrame(frame as In);
      }
    };
    ws.onclose = () => {
      if (this.ws !== ws) return;
      this.ws = undefined;
      if (!this.stopped) this.scheduleRetry();
    };
  }

  private scheduleRetry(): void {
    const base = Math.min(MAX_DELAY_MS, 1000 * 2 ** this.attempt);
    this.attempt += 1;
    this.handlers.onStatus('reconnecting');
    this.timer = setTimeout(() => this.open('reconnecting'), base / 2 + (Math.random() * base) / 2);
  }
}
