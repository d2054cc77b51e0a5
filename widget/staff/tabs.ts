import { h } from '../shared/dom.ts';

interface Tab {
  id: string;
  tab: HTMLButtonElement;
  label: HTMLElement;
  panel: HTMLElement;
}

/**
 * WAI-ARIA tabs: one tab stop for the list, arrow keys/Home/End move between tabs, activation selects.
 * Chat tabs come and go; the queue and tickets tabs stay.
 */
export class Tabs {
  readonly list: HTMLElement;
  readonly panels: HTMLElement;
  private tabs: Tab[] = [];
  private selected: string | undefined;

  constructor(label: string) {
    this.list = h('div', { role: 'tablist', 'aria-label': label, class: 'tablist' });
    this.panels = h('div', { class: 'tabpanels' });
    this.list.addEventListener('keydown', (ev) => this.onKey(ev));
  }

  add(id: string, label: string, panel: HTMLElement): void {
    if (this.tabs.some((t) => t.id === id)) return;
    const labelEl = h('span', {}, label);
    const tab = h(
      'button',
      {
        type: 'button',
        role: 'tab',
        id: `tab-${id}`,
        'aria-controls': `panel-${id}`,
        'aria-selected': 'false',
        tabindex: -1,
      },
      labelEl,
    );
    tab.addEventListener('click', () => this.select(id));
    panel.id = `panel-${id}`;
    panel.setAttribute('role', 'tabpanel');
    panel.setAttribute('aria-labelledby', tab.id);
    panel.tabIndex = 0;
    panel.hidden = true;
    this.list.appendChild(tab);
    this.panels.appendChild(panel);
    this.tabs.push({ id, tab, label: labelEl, panel });
    if (!this.selected) this.select(id);
  }

  setLabel(id: string, label: string, attention = false): void {
    const t = this.tabs.find((x) => x.id === id);
    if (!t) return;
    t.label.textContent = label;
    t.tab.classList.toggle('attention', attention);
  }

  has(id: string): boolean {
    return this.tabs.some((t) => t.id === id);
  }

  get current(): string | undefined {
    return this.selected;
  }

  remove(id: string): void {
    const i = this.tabs.findIndex((t) => t.id === id);
    const t = this.tabs[i];
    if (!t) return;
    t.tab.remove();
    t.panel.remove();
    this.tabs.splice(i, 1);
    if (this.selected === id) {
      this.selected = undefined;
      const next = this.tabs[Math.max(0, i - 1)];
      if (next) this.select(next.id, true);
    }
  }

  select(id: string, focus = false): void {
    for (const t of this.tabs) {
      const on = t.id === id;
      t.tab.setAttribute('aria-selected', String(on));
      t.tab.tabIndex = on ? 0 : -1;
      t.panel.hidden = !on;
      if (on && focus) t.tab.focus();
    }
    this.selected = id;
    this.tabs.find((t) => t.id === id)?.tab.classList.remove('attention');
  }

  private onKey(ev: KeyboardEvent): void {
    const i = this.tabs.findIndex((t) => t.tab === document.activeElement);
    if (i < 0) return;
    const n = this.tabs.length;
    const to =
      ev.key === 'ArrowRight'
        ? (i + 1) % n
        : ev.key === 'ArrowLeft'
          ? (i - 1 + n) % n
          : ev.key === 'Home'
            ? 0
            : ev.key === 'End'
              ? n - 1
              : -1;
    const target = this.tabs[to];
    if (!target) return;
    ev.preventDefault();
    this.select(target.id, true);
  }
}
