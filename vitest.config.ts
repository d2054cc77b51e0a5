import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['{bot,knowledge,server,widget,eval,scripts}/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
  },
});
