import type { BotEnvironment } from './environment.ts';
import { emergencyFor } from './policy/emergency.ts';
import { fill, texts } from './texts/index.ts';
import type { BotReply, EmergencyNumber, ReplyLang } from './types.ts';

/**
 * The first message, in two short paragraphs: that this is a bot and what not to share; the emergency
 * numbers and how to reach a person. What it helps with is shown as topic buttons (config `widget.topics`).
 */
export function greeting(
  lang: ReplyLang,
  env: Pick<BotEnvironment, 'municipalityName'> & { emergency?: readonly EmergencyNumber[] },
): BotReply {
  const t = texts(lang);
  const municipality = env.municipalityName ?? t.municipalityFallback;
  const safety = safetyLine(lang, env.emergency ?? []);
  return {
    text: [
      `${fill(t.greetingIntro, { municipality })} ${t.greetingPrivacy}`,
      safety ? `${safety} ${t.greetingHuman}` : t.greetingHuman,
    ].join('\n\n'),
    askFeedback: false,
  };
}

/**
 * Crisis detection is a set of rules and will miss some messages, so the numbers are in front of every
 * citizen from the start instead of only after the bot has recognised a crisis.
 */
function safetyLine(lang: ReplyLang, numbers: readonly EmergencyNumber[]): string | undefined {
  const local = emergencyFor(numbers, lang);
  const urgent = local[0];
  const helpline = local[local.length - 1];
  if (!urgent || !helpline || local.length < 2) return undefined;
  const show = (n: EmergencyNumber) => `${n.number} (${n.label})`;
  return fill(texts(lang).greetingSafety, { urgent: show(urgent), helpline: show(helpline) });
}
