import type { WebSocket } from 'ws';
import { SESSION_ENDED_CLOSE, SESSION_RECHECK_MS, type LiveSessions } from '../auth/live-sessions.ts';
import type { Clock, TimerHandle } from '../handover/clock.ts';
import type { SessionStaff } from '../store/sessions.ts';
import type { Store } from '../store/store.ts';

/** An idle socket is re-checked this often too, so it stops receiving citizens' messages soon after. */
const IDLE_RECHECK_MS = 30_000;

export interface SessionWatch {
  /** Whether the socket may act on a frame now: re-reads the session when the last check is too old. */
  valid(): Promise<boolean>;
  stop(): void;
}

/**
 * Keeps a staff socket tied to its session: closes it when the session ends here (logout, password change),
 * when it expires, and when another process (the staff CLI) disabled the account or changed its password,
 * which shows as the session row being gone at the next check.
 */
export function watchStaffSession(
  ws: WebSocket,
  me: SessionStaff,
  o: { store: Store; clock: Clock; live: LiveSessions; tokenHash: string; onEnd: () => void },
): SessionWatch {
  let ended = false;
  let checkedAt = o.clock.now().getTime();
  let timer: TimerHandle | undefined;

  const end = (): void => {
    if (ended) return;
    ended = true;
    stop();
    o.onEnd();
    ws.close(SESSION_ENDED_CLOSE, 'session ended');
  };
  const unregister = o.live.add(o.tokenHash, me.staffId, end);

  const check = async (): Promise<boolean> => {
    const now = o.clock.now();
    checkedAt = now.getTime();
    const s = await o.store.sessions.find(o.tokenHash, now.toISOString());
    if (ended) return false;
    if (!s || s.staffId !== me.staffId || (s.role !== 'agent' && s.role !== 'admin')) {
      end();
      return false;
    }
    schedule(s.expiresAt);
    return true;
  };

  function schedule(expiresAt: string): void {
    if (timer) o.clock.clearTimeout(timer);
    const untilExpiry = new Date(expiresAt).getTime() - o.clock.now().getTime();
    // Expired while the database was being asked: no need to ask again.
    if (untilExpiry <= 0) {
      end();
      return;
    }
    timer = o.clock.setTimeout(
      () => {
        timer = undefined;
        check().catch(() => end());
      },
      Math.max(0, Math.min(IDLE_RECHECK_MS, untilExpiry)),
    );
  }

  function stop(): void {
    if (timer) o.clock.clearTimeout(timer);
    timer = undefined;
    unregister();
  }

  schedule(me.expiresAt);
  return {
    valid: async () => {
      if (ended) return false;
      if (o.clock.now().getTime() - checkedAt < SESSION_RECHECK_MS) return true;
      try {
        return await check();
      } catch {
        // The database being unreadable is not a reason to trust the session longer.
        end();
        return false;
      }
    },
    stop,
  };
}
