import { describe, expect, it } from 'vitest';
import { parseInline, parseMarkdown } from './markdown-parse.ts';

describe('parseMarkdown', () => {
  it('keeps raw HTML as plain text', () => {
    const blocks = parseMarkdown('Hei <img src=x onerror=alert(1)> der');
    expect(blocks).toEqual([
      { t: 'p', children: [{ t: 'text', text: 'Hei <img src=x onerror=alert(1)> der' }] },
    ]);
  });

  it('reads paragraphs, headings, bullet and numbered lists', () => {
    const blocks = parseMarkdown(
      '## Frist\nSøk innen **1. mars**.\n\n- Min side\n- Svar i april\n\n3. tre\n4. fire',
    );
    expect(blocks.map((b) => b.t)).toEqual(['heading', 'p', 'list', 'list']);
    expect(blocks[1]).toEqual({
      t: 'p',
      children: [
        { t: 'text', text: 'Søk innen ' },
        { t: 'strong', children: [{ t: 'text', text: '1. mars' }] },
        { t: 'text', text: '.' },
      ],
    });
    expect(blocks[2]).toMatchObject({
      ordered: false,
      items: [[{ text: 'Min side' }], [{ text: 'Svar i april' }]],
    });
    expect(blocks[3]).toMatchObject({ ordered: true, start: 3 });
  });

  it('joins wrapped lines and continues list items on indented lines', () => {
    const [list] = parseMarkdown('- first line\n  still first\n- second');
    expect(list).toMatchObject({
      t: 'list',
      items: [[{ text: 'first line still first' }], [{ text: 'second' }]],
    });
  });

  it('shows an HTML block, a table and an image description as text, never as markup', () => {
    expect(parseMarkdown('<div onclick="x()">hei</div>')).toEqual([
      { t: 'p', children: [{ t: 'text', text: '<div onclick="x()">hei</div>' }] },
    ]);
    expect(parseMarkdown('| a | b |\n| - | - |\n| 1 | 2 |')[0]).toEqual({
      t: 'p',
      children: [{ t: 'text', text: '| a | b |\n| - | - |\n| 1 | 2 |' }],
    });
    expect(parseMarkdown('![kart](https://x.example/k.png)')).toEqual([
      { t: 'p', children: [{ t: 'text', text: 'kart' }] },
    ]);
  });

  it('flattens a nested list into its item, one line per entry', () => {
    const [list] = parseMarkdown('- Betal\n  - med Vipps\n  - med faktura\n- Ferdig');
    expect(list).toMatchObject({
      t: 'list',
      items: [
        [
          { t: 'text', text: 'Betal' },
          { t: 'br' },
          { t: 'text', text: '– med Vipps' },
          { t: 'br' },
          { t: 'text', text: '– med faktura' },
        ],
        [{ t: 'text', text: 'Ferdig' }],
      ],
    });
  });

  it('keeps fenced code verbatim', () => {
    expect(parseMarkdown('```\n<b>x</b>\n```')).toEqual([{ t: 'pre', text: '<b>x</b>' }]);
  });

  it('reads quotes and hard line breaks', () => {
    expect(parseMarkdown('> sitat')).toEqual([{ t: 'quote', children: [{ t: 'text', text: 'sitat' }] }]);
    expect(parseMarkdown('a  \nb')[0]).toEqual({
      t: 'p',
      children: [{ t: 'text', text: 'a' }, { t: 'br' }, { t: 'text', text: 'b' }],
    });
  });
});

describe('parseInline', () => {
  it('reads links, autolinks and bare URLs without trailing punctuation', () => {
    expect(parseInline('[Min side](https://fjordvik.kommune.example/min-side)')).toEqual([
      {
        t: 'link',
        href: 'https://fjordvik.kommune.example/min-side',
        children: [{ t: 'text', text: 'Min side' }],
      },
    ]);
    const bare = parseInline('Se https://fjordvik.kommune.example/avfall.');
    expect(bare[1]).toMatchObject({ t: 'link', href: 'https://fjordvik.kommune.example/avfall' });
    expect(bare[2]).toEqual({ t: 'text', text: '.' });
    expect(parseInline('<mailto:post@fjordvik.kommune.example>')[0]).toMatchObject({ t: 'link' });
  });

  it('passes a javascript: link through as a link node for the renderer to refuse', () => {
    expect(parseInline('[x](javascript:alert(1))')[0]).toMatchObject({
      t: 'link',
      href: 'javascript:alert(1)',
    });
  });

  it('reads emphasis, code and escapes, but not underscores inside words', () => {
    expect(parseInline('*a* _b_ `c` \\*d\\* snake_case_name')).toEqual([
      { t: 'em', children: [{ t: 'text', text: 'a' }] },
      { t: 'text', text: ' ' },
      { t: 'em', children: [{ t: 'text', text: 'b' }] },
      { t: 'text', text: ' ' },
      { t: 'code', text: 'c' },
      { t: 'text', text: ' *d* snake_case_name' },
    ]);
  });
});
