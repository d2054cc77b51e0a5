import { describe, expect, it } from 'vitest';
import { addWordings } from './add-wordings.ts';

const file = `---
id: parking
title: Parking permits
# owner decides
questions:
  - How do I get a parking permit?
owner: transport
---
Body **stays**.
`;

describe('addWordings', () => {
  it('appends new wordings to a learned list and keeps the rest of the file', () => {
    const r = addWordings(file, [
      'resident card for my car',
      'how do I get a parking permit',
      'Parking permits',
    ]);
    expect(r.ok && r.added).toEqual(['resident card for my car']);
    if (!r.ok) return;
    expect(r.text).toContain('owner: transport\nlearned:\n  - resident card for my car\n---\n');
    expect(r.text).toContain('questions:\n  - How do I get a parking permit?\nowner');
    expect(r.text).toContain('# owner decides');
    expect(r.text.endsWith('---\nBody **stays**.\n')).toBe(true);
  });

  it('creates the list when the file has none, and refuses a file without front matter', () => {
    const r = addWordings('---\nid: a\ntitle: A\n---\nx\n', ['a new way to ask']);
    expect(r.ok && r.text).toBe('---\nid: a\ntitle: A\nlearned:\n  - a new way to ask\n---\nx\n');
    const again = r.ok ? addWordings(r.text, ['A new way to ask?', 'another way']) : r;
    expect(again.ok && again.added).toEqual(['another way']);
    expect(addWordings('no front matter', ['x'])).toEqual({ ok: false, code: 'front_matter_missing' });
  });
});
