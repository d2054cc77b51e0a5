import type { Config } from '../config/schema.ts';
import type { ChatLang, TopicButton } from '../protocol.ts';

/** The configured topic buttons in the conversation's language (Bokmål where a label is missing). */
export function topicsFor(config: Config, lang: ChatLang): { topics?: TopicButton[] } {
  const topics = config.widget.topics.map((t) => ({
    fileId: t.fileId,
    title: t.labels[lang] ?? t.labels.nb,
  }));
  return topics.length > 0 ? { topics } : {};
}
