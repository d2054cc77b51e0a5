import type { ChatLang } from '../../server/protocol.ts';
import { isChatLang } from '../shared/langs.ts';

export interface WidgetOptions {
  lang: ChatLang;
  queue?: string;
  /** Origin of the Svar server: where widget.js came from. */
  server: string;
  privacyUrl?: string;
}

/** Reads the `data-*` attributes of the embedding `<script>` tag. */
export function readOptions(script: HTMLScriptElement | null): WidgetOptions {
  const data = script?.dataset ?? {};
  const server = new URL(script?.src || location.href).origin;
  const privacy = data.privacyUrl && /^https:\/\//.test(data.privacyUrl) ? data.privacyUrl : undefined;
  return {
    lang: isChatLang(data.lang) ? data.lang : 'nb',
    server,
    ...(data.queue ? { queue: data.queue.slice(0, 40) } : {}),
    ...(privacy ? { privacyUrl: privacy } : {}),
  };
}
