import type { BotEnvironment } from './environment.ts';
import { fill, texts } from './texts/index.ts';
import type { BotReply, ReplyLang } from './types.ts';

/** The first message: says plainly that this is a bot, what it helps with, what not to share, how to reach a person. */
export function greeting(lang: ReplyLang, env: Pick<BotEnvironment, 'municipalityName'>): BotReply {
  const t = texts(lang);
  const municipality = env.municipalityName ?? t.municipalityFallback;
  return {
    text: [fill(t.greetingIntro, { municipality }), t.greetingScope, t.greetingPrivacy, t.greetingHuman].join(
      '\n\n',
    ),
    askFeedback: false,
  };
}
