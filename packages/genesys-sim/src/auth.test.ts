import { afterEach, describe, expect, it } from 'vitest';
import { demoOrg } from './demo-org.js';
import { startSimulator } from './server.js';
import { accessToken, api, type ErrorJson, fetchToken } from './test-support.js';
import type { Simulator } from './types.js';

const org = demoOrg(new Date('2026-01-15T12:00:00Z'));
let sim: Simulator | undefined;

afterEach(async () => {
  await sim?.close();
  sim = undefined;
});

describe('POST /oauth/token', () => {
  it('issues a bearer token for valid client credentials', async () => {
    sim = await startSimulator(org, { tokenLifetimeSeconds: 3600 });
    const response = await fetchToken(sim);
    const body = (await response.json()) as Record<string, unknown>;

    expect(response.status).toBe(200);
    expect(body).toMatchObject({ token_type: 'bearer', expires_in: 3600 });
    expect(typeof body.access_token).toBe('string');
    expect(sim.stats()).toMatchObject({ tokensIssued: 1, total: 1 });
  });

  it('refuses a wrong secret and an unknown client with invalid_client', async () => {
    sim = await startSimulator(org);
    for (const [id, secret] of [
      ['handover-sim', 'wrong'],
      ['nobody', 'sim-secret'],
    ]) {
      const response = await fetchToken(sim, id, secret);
      const body = (await response.json()) as Record<string, unknown>;
      expect(response.status).toBe(401);
      expect(body.error).toBe('invalid_client');
      expect(JSON.stringify(body)).not.toContain('sim-secret');
    }
    expect(sim.stats().tokensIssued).toBe(0);
  });

  it('refuses other grant types', async () => {
    sim = await startSimulator(org);
    const response = await fetch(`${sim.url}/oauth/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'grant_type=password',
    });
    expect(response.status).toBe(400);
  });
});

describe('bearer authentication on /api/v2', () => {
  it('answers 401 authentication.required without a token, with a correlation id', async () => {
    sim = await startSimulator(org);
    const answer = await api<ErrorJson>(sim, undefined, '/api/v2/users');

    expect(answer.status).toBe(401);
    expect(answer.body).toMatchObject({ code: 'authentication.required', status: 401 });
    expect(answer.body.details).toEqual([]);
    expect(answer.body.errors).toEqual([]);
    expect(answer.headers.get('inin-correlation-id')).toBe(answer.body.contextId);
  });

  it('answers 401 bad.credentials for an unknown token', async () => {
    sim = await startSimulator(org);
    const answer = await api<ErrorJson>(sim, 'not-a-token', '/api/v2/users');
    expect(answer.status).toBe(401);
    expect(answer.body.code).toBe('bad.credentials');
  });

  it('expires tokens after tokenLifetimeSeconds of the injected clock', async () => {
    let now = Date.parse('2026-01-15T12:00:00Z');
    sim = await startSimulator(org, { tokenLifetimeSeconds: 60, now: () => now });
    const token = await accessToken(sim);

    now += 59_000;
    expect((await api(sim, token, '/api/v2/users')).status).toBe(200);
    now += 1_000;
    const expired = await api<ErrorJson>(sim, token, '/api/v2/users');
    expect(expired.status).toBe(401);
    expect(expired.body.code).toBe('bad.credentials');
  });

  it('answers unknown routes with a 404 ErrorBody', async () => {
    sim = await startSimulator(org);
    const token = await accessToken(sim);
    const answer = await api<ErrorJson>(sim, token, '/api/v2/nothing/here');
    expect(answer.status).toBe(404);
    expect(answer.body.status).toBe(404);
    expect(sim.stats().byRoute['GET (unmatched)']).toBe(1);
  });
});
