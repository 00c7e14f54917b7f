/**
 * Whether the shop sells in a currency, kept in memory per currency between catalog writes (issue 11:
 * every new cart asked the database, a round trip per order on PostgreSQL). An answer is held only
 * while the catalog's change signal has not moved since it was read, like the document cache: a read
 * that raced a catalog write is never kept, and without a signal nothing is kept. Each answer is one
 * `limit 1` read (not the list of all sale currencies, a scan of every price on a large catalog).
 */
import type { ChangeSignal } from '../../platform/db/change-signal.ts'

export interface SaleCurrencies {
  /** `read`'s answer for `currency`, from memory when the catalog has not changed since it last ran. */
  sellsIn(currency: string, read: () => Promise<boolean>): Promise<boolean>
}

/** Currencies are ISO 4217 codes: a few hundred at most, so the map needs no other bound. */
export function createSaleCurrencies(signal: ChangeSignal | undefined): SaleCurrencies {
  const answers = new Map<string, boolean>()
  let heldVersion: number | undefined
  return {
    async sellsIn(currency, read) {
      const version = signal?.version()
      if (version === undefined) return read()
      if (version !== heldVersion) {
        answers.clear()
        heldVersion = version
      }
      const held = answers.get(currency)
      if (held !== undefined) return held
      const answer = await read()
      if (signal?.version() === version && heldVersion === version) answers.set(currency, answer)
      return answer
    },
  }
}
