import { GenesysError } from './genesys-error.js';

/**
 * Sleeps that close() can cut short: a client that is closed while a retry or a Retry-After
 * pause is waiting must not keep the process alive, so pending waits reject instead.
 */
export class TimerSet {
  readonly #pending = new Map<NodeJS.Timeout, (error: Error) => void>();
  #closed = false;

  /** A sleep function honouring close(); an injected sleep is used as is, then checked. */
  wrap(injected?: (ms: number) => Promise<void>): (ms: number) => Promise<void> {
    return async (ms) => {
      if (this.#closed) throw closedError();
      if (injected !== undefined) {
        await injected(ms);
      } else {
        await new Promise<void>((resolve, reject) => {
          const timer = setTimeout(() => {
            this.#pending.delete(timer);
            resolve();
          }, ms);
          this.#pending.set(timer, reject);
        });
      }
      if (this.#closed) throw closedError();
    };
  }

  close(): void {
    this.#closed = true;
    for (const [timer, reject] of this.#pending) {
      clearTimeout(timer);
      reject(closedError());
    }
    this.#pending.clear();
  }
}

function closedError(): GenesysError {
  return new GenesysError('config', 'Genesys client was closed while waiting', {
    retryable: false,
  });
}
