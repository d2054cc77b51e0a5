import { texts } from '../../bot/index.ts';
import type { BotReply, EmergencyNumber, ReplyLang } from '../../bot/index.ts';
import type { Service24h } from '../config/schema.ts';

const digits = (number: string): string => number.replace(/[^0-9+]/g, '');
const line = (n: EmergencyNumber): string => `- **${n.number}** – ${n.label}${n.note ? ` (${n.note})` : ''}`;

/**
 * The crisis reply when nobody can take the chat: says so plainly, then what to do (the emergency numbers,
 * then the municipality's 24-hour services), each number once. The numbers stay in the text so they survive
 * any renderer, transcript or e-mail; `emergency` carries them all for the widget's pinned card.
 */
export function unattendedCrisisReply(
  reply: BotReply,
  lang: ReplyLang,
  services: readonly Service24h[],
): BotReply {
  const t = texts(lang);
  const emergency = reply.emergency ?? [];
  const known = new Set(emergency.map((n) => digits(n.number)));
  const local: EmergencyNumber[] = [];
  for (const s of services) {
    if (known.has(digits(s.number))) continue;
    known.add(digits(s.number));
    local.push({ label: s.labels?.[lang] ?? s.label, number: s.number, ...(s.note ? { note: s.note } : {}) });
  }
  const parts = [t.crisisNobodyOnDuty, emergency.map(line).join('\n')];
  if (local.length > 0) parts.push(t.crisisServicesIntro, local.map(line).join('\n'));
  parts.push(t.crisisSeenFirst);
  return { ...reply, text: parts.join('\n\n'), emergency: [...emergency, ...local], askFeedback: false };
}
