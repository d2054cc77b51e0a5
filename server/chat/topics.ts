import type { Config } from '../config/schema.ts';
import type { ChatLang, TopicButton } from '../protocol.ts';

/**
 * The configured topic buttons in the conversation's language (Bokmål where a label is missing), without
 * those whose knowledge file is gone (editors rename and remove files while the server runs).
 */
export function topicsFor(
  config: Config,
  lang: ChatLang,
  hasFile: (fileId: string) => boolean = () => true,
): { topics?: TopicButton[] } {
  const topics = config.widget.topics
    .filter((t) => hasFile(t.fileId))
    .map((t) => ({ fileId: t.fileId, title: t.labels[lang] ?? t.labels.nb }));
  return topics.length > 0 ? { topics } : {};
}
