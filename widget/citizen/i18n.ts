import type { ChatLang } from '../../server/protocol.ts';
import { TEXTS, type WidgetTexts } from './texts/index.ts';

type Pick = (t: WidgetTexts) => string;
interface Binding {
  el: WeakRef<Element>;
  attr: string | undefined;
  pick: Pick;
}

/**
 * Keeps every visible text in step with the chosen language: views bind an element (or one attribute) to a
 * function of the texts, and switching the language re-runs those functions in place.
 */
export class I18n {
  private bindings: Binding[] = [];
  private listeners: ((lang: ChatLang) => void)[] = [];

  constructor(private current: ChatLang) {}

  get lang(): ChatLang {
    return this.current;
  }

  get t(): WidgetTexts {
    return TEXTS[this.current];
  }

  /** Sets the element's text (or `attr`) now and after every language change. Returns the element. */
  bind<E extends Element>(el: E, pick: Pick, attr?: string): E {
    this.apply(el, pick, attr);
    this.bindings.push({ el: new WeakRef(el), attr, pick });
    return el;
  }

  onChange(listener: (lang: ChatLang) => void): void {
    this.listeners.push(listener);
  }

  setLang(lang: ChatLang): void {
    if (lang === this.current) return;
    this.current = lang;
    this.bindings = this.bindings.filter((b) => {
      const el = b.el.deref();
      if (el) this.apply(el, b.pick, b.attr);
      return el !== undefined;
    });
    for (const l of this.listeners) l(lang);
  }

  private apply(el: Element, pick: Pick, attr: string | undefined): void {
    const text = pick(this.t);
    if (attr) el.setAttribute(attr, text);
    else el.textContent = text;
  }
}
