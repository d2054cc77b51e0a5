import WebSocket from 'ws';

// Frames are read loosely: the demo looks at a few fields of frames the server built from the protocol.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Frame = { type: string; [key: string]: any };

const WAIT_MS = 10_000;

/**
 * A websocket client that keeps the frames it has not looked at yet, so the demo can wait for "the next
 * frame of this kind". An error frame from the server stops the demo: it means the demo did something the
 * server refused, and a log built on that would be wrong.
 */
export class DemoSocket {
  private frames: Frame[] = [];
  private wake: (() => void) | undefined;
  private closed = false;

  private constructor(private readonly ws: WebSocket) {
    ws.on('message', (data) => {
      this.frames.push(JSON.parse(data.toString()) as Frame);
      this.wake?.();
    });
    ws.on('close', () => {
      this.closed = true;
      this.wake?.();
    });
  }

  static open(url: string, o: { origin: string; cookie?: string }): Promise<DemoSocket> {
    const ws = new WebSocket(url, {
      origin: o.origin,
      ...(o.cookie ? { headers: { cookie: o.cookie } } : {}),
    });
    return new Promise((resolve, reject) => {
      ws.once('open', () => resolve(new DemoSocket(ws)));
      ws.once('unexpected-response', (_req, res) => reject(new Error(`${url}: HTTP ${res.statusCode}`)));
      ws.once('error', reject);
    });
  }

  send(frame: object): void {
    this.ws.send(JSON.stringify(frame));
  }

  /** Forgets the frames received so far (after checking none is an error), so later waits see only news. */
  drain(): void {
    const error = this.frames.find((f) => f.type === 'error');
    this.frames = [];
    if (error) throw new Error(`server refused: ${error.code} (${error.message})`);
  }

  /** The first waiting frame of one of `types` that passes `where`; frames before it are dropped. */
  async next(types: string | readonly string[], where: (f: Frame) => boolean = () => true): Promise<Frame> {
    const wanted = typeof types === 'string' ? [types] : types;
    const deadline = Date.now() + WAIT_MS;
    for (;;) {
      const index = this.frames.findIndex((f) => f.type === 'error' || (wanted.includes(f.type) && where(f)));
      if (index >= 0) {
        const frame = this.frames[index]!;
        this.frames = this.frames.slice(index + 1);
        if (frame.type === 'error') throw new Error(`server refused: ${frame.code} (${frame.message})`);
        return frame;
      }
      if (this.closed) throw new Error(`socket closed while waiting for ${wanted.join('/')}`);
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`no ${wanted.join('/')} frame within ${WAIT_MS} ms`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.wake = () => {
          clearTimeout(timer);
          this.wake = undefined;
          resolve();
        };
      });
    }
  }

  close(): Promise<void> {
    if (this.closed) return Promise.resolve();
    return new Promise((resolve) => {
      this.ws.once('close', () => resolve());
      this.ws.close();
    });
  }
}
