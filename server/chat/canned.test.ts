import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { cannedPath, parseCanned } from './canned.ts';

describe('the sample canned replies', () => {
  it.each(['nb', 'nn', 'da', 'en'] as const)(
    '%s: parse, and give staff replies to begin a crisis chat with',
    async (lang) => {
      const path = cannedPath(lang);
      const parsed = parseCanned(await readFile(`knowledge/sample/${path}`, 'utf8'), path);
      if (!parsed.ok) throw new Error(parsed.issue.message);
      const crisis = parsed.responses.filter((r) => r.id.startsWith('crisis-'));
      expect(crisis.map((r) => r.id)).toEqual(['crisis-safe', 'crisis-stay', 'crisis-help-now']);
      // The first asks whether the person is safe and gives the number to call.
      expect(crisis[0]?.text).toMatch(/11[23]/);
    },
  );
});
