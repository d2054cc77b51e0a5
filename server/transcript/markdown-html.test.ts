import { describe, expect, it } from 'vitest';
import { markdownToHtml } from './markdown-html.ts';

describe("the transcript renders the editors' Markdown as the widget does, safely", () => {
  it('renders emphasis, lists and web links', () => {
    const html = markdownToHtml(
      'Fristen er **1. mars**.\n\n- Søk på [Min side](https://fjordvik.example/min-side)',
    );
    expect(html).toContain('<strong>1. mars</strong>');
    expect(html).toContain(
      '<li>Søk på <a href="https://fjordvik.example/min-side" rel="noopener noreferrer">',
    );
    expect(html).not.toContain('**');
  });

  it('keeps raw HTML as text and drops script links', () => {
    const html = markdownToHtml('<img src=x onerror="alert(1)"> <b>fet</b> [klikk](javascript:alert(1))');
    expect(html).not.toMatch(/<img|<b>|javascript:/);
    expect(html).toContain('&lt;img src=x onerror=&quot;alert(1)&quot;&gt;');
    expect(html).toContain('klikk');
  });
});
