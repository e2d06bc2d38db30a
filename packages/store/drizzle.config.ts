import { defineConfig } from 'drizzle-kit';

// The output folder lives here rather than on the command line: drizzle-kit ignores this file
// when `--out` is given, and the runtime migrator reads the same folder.
export default defineConfig({
  dialect: 'sqlite',
  schema: './src/schema.ts',
  out: './drizzle',
});
