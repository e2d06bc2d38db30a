import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // The browser test starts a real Chromium; on two busy shared cores that can take seconds.
    // This is a ceiling against hangs, not a speed check.
    testTimeout: 60_000,
  },
});
