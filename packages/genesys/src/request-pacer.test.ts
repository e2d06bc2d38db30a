import { describe, expect, it } from 'vitest';
import { RequestPacer } from './request-pacer.js';

/** Virtual time: sleeping moves the clock, so minutes of pacing run in milliseconds. */
function virtualClock() {
  let time = 0;
  return {
    now: () => time,
    sleep: async (ms: number) => {
      time += ms;
    },
    advance: (ms: number) => {
      time += ms;
    },
  };
}

/** The server side of a rate limit: a token bucket like Genesys' per-token limit. */
function serverBucket(rpm: number, burstSeconds: number, now: () => number) {
  const perMs = rpm / 60_000;
  const capacity = Math.max(1, rpm / 60) * burstSeconds;
  let tokens = capacity;
  let last = now();
  return {
    /** Undefined when admitted, else the Retry-After in ms (whole seconds, at least 1). */
    take(): number | undefined {
      const t = now();
      tokens = Math.min(capacity, tokens + (t - last) * perMs);
      last = t;
      if (tokens >= 1) {
        tokens -= 1;
        return undefined;
      }
      return Math.max(1, Math.ceil((1 - tokens) / perMs / 1000)) * 1000;
    },
  };
}

async function run(configuredRpm: number, serverRpm: number, requests: number) {
  const clock = virtualClock();
  const pacer = new RequestPacer({ requestsPerMinute: configuredRpm, ...clock });
  const server = serverBucket(serverRpm, 1, clock.now);
  let rateLimited = 0;
  let done = 0;
  while (done < requests) {
    await pacer.acquire();
    clock.advance(20);
    const retryAfter = server.take();
    if (retryAfter === undefined) {
      pacer.onSuccess();
      done += 1;
    } else {
      rateLimited += 1;
      pacer.onRateLimited(retryAfter);
    }
  }
  return { rateLimited, elapsedMs: clock.now(), finalRpm: pacer.currentRpm };
}

describe('RequestPacer', () => {
  it('spaces requests at the configured rate after a small burst', async () => {
    const clock = virtualClock();
    const pacer = new RequestPacer({ requestsPerMinute: 120, ...clock });
    const starts: number[] = [];
    for (let i = 0; i < 11; i += 1) {
      await pacer.acquire();
      starts.push(clock.now());
    }
    // 120 rpm is one request per 500 ms; ten intervals after the first request.
    expect(starts[10]).toBe(5_000);
    expect(starts[1]).toBe(500);
  });

  it('stays clear of 429s when the server allows exactly the configured rate', async () => {
    const result = await run(300, 300, 2_000);
    expect(result.rateLimited).toBe(0);
  });

  it('sees only a handful of 429s when the real limit is half the configured one', async () => {
    const result = await run(600, 300, 3_000);
    const idealMs = (3_000 / 300) * 60_000;
    console.info(
      `pacer 600→300 rpm: ${result.rateLimited} 429s in 3000 requests, ` +
        `${(result.elapsedMs / idealMs).toFixed(3)}× the minimum time, final ${result.finalRpm.toFixed(0)} rpm`,
    );
    expect(result.rateLimited).toBeGreaterThan(0);
    expect(result.rateLimited).toBeLessThanOrEqual(12);
    expect(result.elapsedMs).toBeLessThan(idealMs * 1.25);
  });

  it('pauses every request until Retry-After has passed', async () => {
    const clock = virtualClock();
    const pacer = new RequestPacer({ requestsPerMinute: 6_000, ...clock });
    await pacer.acquire();
    pacer.onRateLimited(3_000);
    await pacer.acquire();
    expect(clock.now()).toBeGreaterThanOrEqual(3_000);
    expect(pacer.currentRpm).toBeCloseTo(4_200);
  });

  it('steps the rate down once for a burst of 429s from requests already in flight', () => {
    const clock = virtualClock();
    const pacer = new RequestPacer({ requestsPerMinute: 1_000, ...clock });
    pacer.onRateLimited(1_000);
    pacer.onRateLimited(1_000);
    pacer.onRateLimited(1_000);
    expect(pacer.currentRpm).toBeCloseTo(700);
  });
});
