import type { BotReply, Decision, HandoverReason, ReplyLang } from '../../bot/types.ts';
import type { Responder } from '../chat/responder.ts';

const FILES: Record<string, { title: string; owner: string; link: string; text: string }> = {
  'barnehage-opptak': {
    title: 'Opptak i barnehage',
    owner: 'oppvekst',
    link: 'https://fjordvik.kommune.example/barnehage/soknad',
    text: 'Hovedopptaket har søknadsfrist 1. mars.',
  },
  tommekalender: {
    title: 'Tømmekalender',
    owner: 'teknisk',
    link: 'https://fjordvik.kommune.example/avfall/tomming',
    text: 'Se tømmekalenderen for din adresse.',
  },
  renovasjonsgebyr: {
    title: 'Renovasjonsgebyr',
    owner: 'okonomi',
    link: 'https://fjordvik.kommune.example/avfall/gebyr',
    text: 'Gebyret faktureres fire ganger i året.',
  },
};

export const stubRedact = (text: string): string =>
  text
    .replace(/\b\d{11}\b/g, '[FNR]')
    .replace(/[\w.+-]+@[\w-]+\.[\w.-]+/g, '[EMAIL]')
    .replace(/\b\d{8}\b/g, '[PHONE]');

function base(text: string, lang: ReplyLang): Omit<Decision, 'kind' | 'reply'> {
  return {
    lang,
    detectedLang: lang,
    priority: 'normal',
    candidates: [],
    why: ['stub'],
    redacted: stubRedact(text),
    unanswered: false,
  };
}

function answer(fileId: string, text: string, lang: ReplyLang): Decision {
  const f = FILES[fileId]!;
  return {
    ...base(text, lang),
    kind: 'answer',
    fileId,
    queue: f.owner,
    reply: {
      text: f.text,
      source: { fileId, title: f.title, path: `${fileId}.md` },
      link: f.link,
      askFeedback: true,
    },
  };
}

/**
 * A predictable bot for server tests. `handover:<reason>[:<queue>]` hands over; "barnehage" is answered;
 * "avfall" asks which of two files; anything else falls back. `gate` lets a test hold the next reply.
 */
export function stubResponder(): Responder & { gate?: Promise<void>; calls: string[] } {
  const self: Responder & { gate?: Promise<void>; calls: string[] } = {
    calls: [],
    async decide(message, context) {
      self.calls.push(message);
      if (self.gate) await self.gate;
      const lang = context.widgetLang ?? 'nb';
      const handover = /^handover:(\w+)(?::([\w-]+))?/.exec(message);
      if (handover) {
        const reason = handover[1] as HandoverReason;
        return {
          ...base(message, lang),
          kind: 'handover',
          handoverReason: reason,
          ...(handover[2] ? { queue: handover[2] } : {}),
          priority: reason === 'crisis' ? 'urgent' : 'normal',
          reply: {
            text: 'Jeg setter deg over til en medarbeider.',
            askFeedback: false,
            ...(reason === 'crisis' ? { emergency: [{ label: 'Medisinsk nødhjelp', number: '113' }] } : {}),
          },
        };
      }
      if (/barnehage/i.test(message)) return answer('barnehage-opptak', message, lang);
      if (/avfall/i.test(message)) {
        return {
          ...base(message, lang),
          kind: 'clarify',
          reply: {
            text: 'Mener du en av disse?',
            askFeedback: false,
            suggestions: [
              { fileId: 'tommekalender', title: 'Tømmekalender' },
              { fileId: 'renovasjonsgebyr', title: 'Renovasjonsgebyr' },
            ],
          },
        };
      }
      return {
        ...base(message, lang),
        kind: 'fallback',
        fallbackReason: 'no_match',
        unanswered: true,
        reply: { text: 'Det vet jeg dessverre ikke.', askFeedback: false },
      };
    },
    decideChoice(fileId, context) {
      return answer(
        FILES[fileId] ? fileId : 'tommekalender',
        FILES[fileId]?.title ?? fileId,
        context.widgetLang ?? 'nb',
      );
    },
    greeting(lang): BotReply {
      return { text: `Hei! Jeg er en chatbot (${lang}).`, askFeedback: false };
    },
    redact: stubRedact,
  };
  return self;
}
