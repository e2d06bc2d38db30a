import { readFileSync } from 'node:fs';

/** The program version recorded in every run row. */
export const version: string = (
  JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as {
    version: string;
  }
).version;
