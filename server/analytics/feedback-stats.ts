import type { Classified } from './conversation-outcome.ts';
import { eventsOf, type ConversationLog } from './event-log.ts';
import type { Stats, UpDown } from './stats-types.ts';
import { ratio } from './summary.ts';

const add = (t: UpDown, helpful: boolean): void => {
  if (helpful) t.up++;
  else t.down++;
};

/** Most rated first. */
export function sortedByFile(files: ReadonlyMap<string, UpDown>): Stats['feedback']['byFile'] {
  return [...files]
    .map(([fileId, t]) => ({ fileId, ...t }))
    .sort((a, b) => b.up + b.down - (a.up + a.down) || b.down - a.down || a.fileId.localeCompare(b.fileId));
}

/** 👍/👎 on the bot's answers per file, and how satisfied citizens were after talking to a person. */
export function feedbackStats(
  conversations: readonly ConversationLog[],
  classified: readonly Classified[],
): Stats['feedback'] {
  const bot: UpDown = { up: 0, down: 0 };
  const files = new Map<string, UpDown>();
  const afterHandover: UpDown = { up: 0, down: 0 };
  conversations.forEach((c, i) => {
    const handedOver = classified[i]?.outcome === 'handed_over';
    for (const f of eventsOf(c, 'feedback')) {
      if (f.p.target === 'bot') {
        add(bot, f.p.helpful);
        if (f.p.fileId) {
          let t = files.get(f.p.fileId);
          if (!t) files.set(f.p.fileId, (t = { up: 0, down: 0 }));
          add(t, f.p.helpful);
        }
      } else if (handedOver) {
        add(afterHandover, f.p.helpful);
      }
    }
  });
  return {
    bot,
    byFile: sortedByFile(files),
    afterHandover: {
      ...afterHandover,
      satisfaction: ratio(afterHandover.up, afterHandover.up + afterHandover.down),
    },
  };
}
