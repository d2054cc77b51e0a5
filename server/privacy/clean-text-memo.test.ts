import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { redact } from '../../bot/index.ts';
import { rememberCleanTexts } from './clean-text-memo.ts';
import { piiArbitrary } from './pii-arbitraries.ts';

describe('rememberCleanTexts', () => {
  it('gives what redact gives, for texts with and without personal data, asked again and again', () => {
    const memo = rememberCleanTexts(redact, { max: 16 });
    const text = fc.oneof(
      fc.string(),
      piiArbitrary.map((p) => `Mitt nummer er ${p.written}, kan dere ringe?`),
      fc.constantFrom('Når er fristen for barnehage?', 'language: nb 0.93', 'ring 22 33 44 55'),
    );
    fc.assert(
      fc.property(fc.array(text, { maxLength: 30 }), (texts) => {
        for (const t of [...texts, ...texts]) expect(memo(t)).toBe(redact(t));
      }),
    );
  });

  it('redacts once per clean text and never remembers one with personal data', () => {
    const calls: string[] = [];
    const memo = rememberCleanTexts((t) => {
      calls.push(t);
      return redact(t);
    });
    const clean = 'Hvor kan jeg levere hageavfall?';
    const personal = 'Ring meg på 912 34 567';
    for (let i = 0; i < 3; i++) {
      expect(memo(clean)).toBe(clean);
      expect(memo(personal)).toBe('Ring meg på [PHONE]');
    }
    expect(calls.filter((t) => t === clean)).toHaveLength(1);
    expect(calls.filter((t) => t === personal)).toHaveLength(3);
  });

  it('stays within its size, keeping the texts asked for lately', () => {
    const calls: string[] = [];
    const memo = rememberCleanTexts(
      (t) => {
        calls.push(t);
        return t;
      },
      { max: 4 },
    );
    for (const t of ['a', 'b', 'c', 'd', 'e', 'f']) memo(t);
    calls.length = 0;
    // 'e' and 'f' are in the younger half, 'c' and 'd' in the older one; 'a' and 'b' were dropped.
    for (const t of ['f', 'e', 'd', 'a']) memo(t);
    expect(calls).toEqual(['a']);
  });
});
