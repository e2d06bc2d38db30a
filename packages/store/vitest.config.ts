import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // The lock tests start real tsx child processes; on two busy shared cores that can take a
    // few seconds, which is a ceiling against hangs here, not a speed check.
    testTimeout: 30_000,
  },
});
