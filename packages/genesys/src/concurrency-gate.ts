/** A counting semaphore: at most `limit` holders at once, waiters served in arrival order. */
export class ConcurrencyGate {
  readonly #limit: number;
  #active = 0;
  #peak = 0;
  readonly #waiters: Array<() => void> = [];

  constructor(limit: number) {
    this.#limit = Math.max(1, Math.floor(limit));
  }

  /** Most holders seen at once. */
  get peak(): number {
    return this.#peak;
  }

  /** Resolves once a slot is held; pair with exactly one release(). */
  async acquire(): Promise<void> {
    if (this.#active < this.#limit) {
      this.#take();
      return;
    }
    // The releasing holder hands its slot straight over, so nobody can slip in between.
    await new Promise<void>((resolve) => this.#waiters.push(resolve));
  }

  release(): void {
    const next = this.#waiters.shift();
    if (next === undefined) this.#active -= 1;
    else next();
  }

  #take(): void {
    this.#active += 1;
    this.#peak = Math.max(this.#peak, this.#active);
  }
}
