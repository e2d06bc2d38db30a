import { existsSync } from 'node:fs';
import path from 'node:path';
import { config as loadDotenv } from 'dotenv';
import { z } from 'zod';
import { AppError } from './errors.js';

const optionalUrl = z.url({ protocol: /^https?$/ }).optional();

const envSchema = z.object({
  GENESYS_CLIENT_ID: z.string().min(1).optional(),
  GENESYS_CLIENT_SECRET: z.string().min(1).optional(),
  GENESYS_REGION: z
    .string()
    .regex(/^[a-z0-9.-]+\.[a-z]+$/, 'expected a region host such as mypurecloud.ie')
    .optional(),
  GENESYS_API_URL: optionalUrl,
  GENESYS_LOGIN_URL: optionalUrl,
  HANDOVER_CONFIG_DIR: z.string().min(1).default('./config'),
  HANDOVER_DATA_DIR: z.string().min(1).default('./data'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace']).default('info'),
});

export interface GenesysConnection {
  clientId: string;
  clientSecret: string;
  region?: string;
  apiUrl?: string;
  loginUrl?: string;
}

export interface Environment {
  configDir: string;
  dataDir: string;
  logLevel: z.infer<typeof envSchema>['LOG_LEVEL'];
  /** Absent when the variables are missing; commands that talk to Genesys ask for it. */
  genesys?: GenesysConnection;
  genesysProblems: string[];
}

/**
 * Reads the environment once, at the edge. A `.env` file in the working directory fills in
 * variables that are not already set. Secrets are only ever passed inward, never echoed.
 */
export function readEnvironment(source: NodeJS.ProcessEnv = process.env): Environment {
  if (source === process.env && existsSync('.env')) {
    loadDotenv({ path: '.env', quiet: true });
  }

  const parsed = envSchema.safeParse(source);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => `  ${issue.path.join('.')}: ${issue.message}`);
    throw new AppError('config.env', `The environment is not valid:\n${lines.join('\n')}`);
  }
  const env = parsed.data;

  const genesysProblems: string[] = [];
  if (!env.GENESYS_CLIENT_ID) genesysProblems.push('GENESYS_CLIENT_ID is not set');
  if (!env.GENESYS_CLIENT_SECRET) genesysProblems.push('GENESYS_CLIENT_SECRET is not set');
  const hasUrls = env.GENESYS_API_URL !== undefined || env.GENESYS_LOGIN_URL !== undefined;
  if (hasUrls && (!env.GENESYS_API_URL || !env.GENESYS_LOGIN_URL)) {
    genesysProblems.push('GENESYS_API_URL and GENESYS_LOGIN_URL must be set together');
  }
  if (!hasUrls && !env.GENESYS_REGION) {
    genesysProblems.push(
      'set GENESYS_REGION (e.g. mypurecloud.ie) or GENESYS_API_URL + GENESYS_LOGIN_URL',
    );
  }

  const genesys =
    genesysProblems.length === 0 && env.GENESYS_CLIENT_ID && env.GENESYS_CLIENT_SECRET
      ? {
          clientId: env.GENESYS_CLIENT_ID,
          clientSecret: env.GENESYS_CLIENT_SECRET,
          ...(hasUrls
            ? { apiUrl: env.GENESYS_API_URL, loginUrl: env.GENESYS_LOGIN_URL }
            : { region: env.GENESYS_REGION }),
        }
      : undefined;

  return {
    configDir: path.resolve(env.HANDOVER_CONFIG_DIR),
    dataDir: path.resolve(env.HANDOVER_DATA_DIR),
    logLevel: env.LOG_LEVEL,
    genesys,
    genesysProblems,
  };
}

/** The Genesys connection, or an error listing every missing variable at once. */
export function requireGenesys(env: Environment): GenesysConnection {
  if (env.genesys) return env.genesys;
  throw new AppError(
    'config.env',
    `Genesys connection is not configured:\n${env.genesysProblems.map((p) => `  ${p}`).join('\n')}`,
  );
}
