import { statSync, utimesSync } from 'node:fs';
import { expect, it } from 'vitest';
// @ts-expect-error plain JavaScript on purpose (see the file), without type declarations
import { WIDGET_STAMP, widgetIsFresh } from './prestart.mjs';

const stamp = WIDGET_STAMP as string;
const isFresh = widgetIsFresh as () => Promise<boolean>;

it('rebuilds the widget only when a source is newer than its build stamp', async () => {
  const { atime, mtime } = statSync(stamp);
  try {
    utimesSync(stamp, atime, new Date(0));
    expect(await isFresh()).toBe(false);
    utimesSync(stamp, atime, new Date(Date.now() + 60_000));
    expect(await isFresh()).toBe(true);
  } finally {
    utimesSync(stamp, atime, mtime);
  }
});
