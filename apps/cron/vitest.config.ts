import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // End-to-end tests start the CLI as a child process against the simulator.
    testTimeout: 60_000,
    hookTimeout: 30_000,
  },
});
