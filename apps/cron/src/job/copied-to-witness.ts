import type { GenesysClient } from '@handover/genesys';
import type { ForwardKey } from '@handover/store';
import { hasCopy } from './plan.js';

/**
 * Whether this org's Genesys records copies on the source message's `copiedTo`. Genesys does not
 * document that it always does, and a copy whose answer was lost may be sent again only if
 * `copiedTo` can be believed when it shows nothing: otherwise the recipient could get the message
 * twice. The witness holds one copy known to have landed (the ledger's latest, or this run's
 * first clean copy) and asks Genesys about it once.
 */
export class CopiedToWitness {
  readonly #genesys: GenesysClient;
  #evidence: ForwardKey | undefined;
  #verdict: Promise<boolean | undefined> | undefined;

  constructor(genesys: GenesysClient, evidence?: ForwardKey) {
    this.#genesys = genesys;
    this.#evidence = evidence;
  }

  /** Offers a copy Genesys confirmed with a clean answer, used when no evidence is held yet. */
  offer(key: ForwardKey): void {
    this.#evidence ??= key;
  }

  /** True once a landed copy was seen in `copiedTo`; false while that is not established. */
  async trusted(): Promise<boolean> {
    const evidence = this.#evidence;
    if (!evidence) return false;
    this.#verdict ??= this.#check(evidence);
    const verdict = await this.#verdict;
    if (verdict === undefined && this.#evidence === evidence) {
      // The message is gone or could not be read: no verdict, let later evidence decide.
      this.#evidence = undefined;
      this.#verdict = undefined;
    }
    return verdict === true;
  }

  async #check(evidence: ForwardKey): Promise<boolean | undefined> {
    try {
      const message = await this.#genesys.getVoicemail(evidence.messageId);
      return message ? hasCopy(message, evidence) : undefined;
    } catch {
      return undefined;
    }
  }
}
