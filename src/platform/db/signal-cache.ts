/**
 * A small read-through cache of configuration that changes rarely (shipping methods and tax rates by
 * country, webhook subscribers by event type), kept per process and correct across processes and
 * nodes through a ChangeSignal topic (change-signal.ts): every write of what it holds calls
 * `changed(trx)` in its transaction, and every node drops everything once the topic's version moves.
 * A value read while the version moved (a write raced the read) is not kept, and nothing is kept while
 * the version is unknown (PostgreSQL: the listening connection is down, or this node's own write has not
 * come back as a notification yet; SQLite: this process's writing transaction is still open).
 *
 * Bounded by entries: once full, it starts again empty (the keys are few: countries, event types).
 */
import type { ChangeSignal } from './change-signal.ts'
import type { Db } from './types.ts'

export interface SignalCache<V> {
  /** The value for `key`: from memory when the topic has not changed since it was read, else `read()`. */
  get(key: string, read: () => Promise<V>): Promise<V>
  /** Inside every transaction that writes what this cache holds. */
  changed(trx: Db): Promise<void>
  stats(): { hits: number; misses: number; entries: number }
}

export function createSignalCache<V>(options: {
  signal: ChangeSignal | undefined
  maxEntries?: number
}): SignalCache<V> {
  const { signal } = options
  const maxEntries = options.maxEntries ?? 1000
  const cache = new Map<string, V>()
  let cachedVersion: number | undefined
  let hits = 0
  let misses = 0
  return {
    async get(key, read) {
      const version = signal?.version()
      if (version === undefined) {
        misses++
        return read()
      }
      if (version !== cachedVersion) {
        cache.clear()
        cachedVersion = version
      }
      const hit = cache.get(key)
      if (hit !== undefined) {
        hits++
        return hit
      }
      misses++
      const value = await read()
      if (signal?.version() === version && cachedVersion === version) {
        if (cache.size >= maxEntries) cache.clear()
        cache.set(key, value)
      }
      return value
    },
    async changed(trx) {
      await signal?.changed(trx)
    },
    stats: () => ({ hits, misses, entries: cache.size }),
  }
}
