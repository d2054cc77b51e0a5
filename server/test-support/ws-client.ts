import WebSocket from 'ws';

// Tests read frames loosely and check them with assertions (and the protocol schemas where it matters).
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyFrame = { type: string; [key: string]: any };

/** A real ws client that buffers frames so tests can wait for "the next frame of this kind". */
export class TestSocket {
  readonly frames: AnyFrame[] = [];
  private cursor = 0;
  private waiters: (() => void)[] = [];
  closed: Promise<{ code: number }>;

  private constructor(readonly ws: WebSocket) {
    ws.on('message', (data) => {
      this.frames.push(JSON.parse(data.toString()) as AnyFrame);
      for (const w of this.waiters.splice(0)) w();
    });
    this.closed = new Promise((resolve) =>
      ws.on('close', (code) => {
        resolve({ code });
        for (const w of this.waiters.splice(0)) w();
      }),
    );
  }

  static open(
    url: string,
    o: { origin?: string; cookie?: string; autoPong?: boolean; headers?: Record<string, string> } = {},
  ): Promise<TestSocket> {
    const headers: Record<string, string> = { ...o.headers };
    if (o.cookie) headers.cookie = o.cookie;
    const ws = new WebSocket(url, {
      headers,
      ...(o.origin ? { origin: o.origin } : {}),
      autoPong: o.autoPong ?? true,
    });
    const socket = new TestSocket(ws);
    return new Promise((resolve, reject) => {
      ws.once('open', () => resolve(socket));
      ws.once('unexpected-response', (_req, res) => reject(new Error(`HTTP ${res.statusCode}`)));
      ws.once('error', reject);
    });
  }

  /** The HTTP status a refused upgrade got. */
  static async refusal(
    url: string,
    o: { origin?: string; cookie?: string; headers?: Record<string, string> } = {},
  ): Promise<number> {
    try {
      const s = await TestSocket.open(url, o);
      s.close();
      return 101;
    } catch (error) {
      const m = /HTTP (\d+)/.exec((error as Error).message);
      if (!m) throw error;
      return Number(m[1]);
    }
  }

  send(frame: object): void {
    this.ws.send(JSON.stringify(frame));
  }

  sendRaw(data: string | Buffer): void {
    this.ws.send(data);
  }

  /** The next frame (after earlier `next` results) matching `type` and `where`; skips others. */
  async next(
    type: string,
    where: (f: AnyFrame) => boolean = () => true,
    timeoutMs = 5000,
  ): Promise<AnyFrame> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      for (let i = this.cursor; i < this.frames.length; i++) {
        const f = this.frames[i]!;
        if (f.type === type && where(f)) {
          this.cursor = i + 1;
          return f;
        }
      }
      if (this.ws.readyState === WebSocket.CLOSED) throw new Error(`socket closed while waiting for ${type}`);
      const left = deadline - Date.now();
      if (left <= 0) {
        throw new Error(
          `no ${type} frame; got ${JSON.stringify(this.frames.slice(this.cursor).map((f) => f.type))}`,
        );
      }
      await new Promise<void>((resolve) => {
        const t = setTimeout(resolve, left);
        this.waiters.push(() => {
          clearTimeout(t);
          resolve();
        });
      });
    }
  }

  /** Frames of `type` received so far, regardless of the cursor. */
  all(type: string): AnyFrame[] {
    return this.frames.filter((f) => f.type === type);
  }

  /** Sends a start frame and waits for welcome. */
  async start(extra: Record<string, unknown> = {}): Promise<AnyFrame> {
    this.send({ type: 'start', v: 1, lang: 'nb', ...extra });
    return this.next('welcome');
  }

  close(): void {
    this.ws.close();
  }
}
