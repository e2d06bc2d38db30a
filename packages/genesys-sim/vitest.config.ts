import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // Suites run beside each other on two shared cores in CI: a ceiling against hangs, not a
    // speed check.
    testTimeout: 30_000,
  },
});
