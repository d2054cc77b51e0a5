import { SvarChatElement } from './chat-element.ts';
import { readOptions } from './options.ts';

// `document.currentScript` is only set while this script first runs, so read the tag's options now.
const options = readOptions(document.currentScript as HTMLScriptElement | null);

function mount(): void {
  if (!customElements.get('svar-chat')) customElements.define('svar-chat', SvarChatElement);
  if (document.querySelector('svar-chat')) return;
  const el = document.createElement('svar-chat') as SvarChatElement;
  document.body.appendChild(el);
  el.setup(options);
}

if (document.body) mount();
else document.addEventListener('DOMContentLoaded', mount, { once: true });
