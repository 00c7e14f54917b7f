/**
 * Storefront list and search answers kept in memory on each node, keyed by what decides the answer:
 * the normalised query (its words and whether the last one is a prefix), the filters, the sort, the
 * cursor, the limit and the currency. Real traffic repeats a few hundred queries and category pages,
 * so most requests are answered without a query.
 *
 * Exact, like the document cache (document-cache.ts), with the same rule: the whole cache is dropped
 * when the catalog's ChangeSignal version moves, an answer computed while the version moved is
 * returned but never kept, and nothing is kept while the version is undefined (changes cannot be
 * observed). Concurrent misses of one key at one version share a single computation. Bounded in bytes
 * (least recently used first).
 */
import { LRUCache } from 'lru-cache'
import type { ChangeSignal } from '../../../platform/db/change-signal.ts'
import type { ListQuery } from '../schemas.ts'
import { parseQuery } from './text.ts'

export interface ResultCache {
  /** The answer for `key`: from memory when the catalog has not changed since it was computed. */
  get<T extends object>(key: string, compute: () => Promise<T>): Promise<T>
  stats(): { hits: number; misses: number; entries: number; bytes: number }
}

export function createResultCache(options: { maxBytes: number; signal: ChangeSignal | undefined }): ResultCache {
  const { signal } = options
  const cache =
    options.maxBytes > 0 && signal
      ? new LRUCache<string, { value: object }>({
          maxSize: options.maxBytes,
          // Measured once, when stored: the JSON text is close to what the objects hold in memory.
          sizeCalculation: (entry, key) => Math.max(1, JSON.stringify(entry.value).length + key.length + 200),
        })
      : undefined
  // Computations in flight at the current version, by key.
  let inFlight = new Map<string, Promise<object>>()
  let cachedVersion: number | undefined
  let hits = 0
  let misses = 0

  return {
    async get<T extends object>(key: string, compute: () => Promise<T>): Promise<T> {
      const version = cache ? signal?.version() : undefined
      if (!cache || version === undefined) return compute()
      if (version !== cachedVersion) {
        cache.clear()
        inFlight = new Map()
        cachedVersion = version
      }
      const hit = cache.get(key)
      if (hit) {
        hits++
        return hit.value as T
      }
      misses++
      const pending = inFlight.get(key)
      if (pending) return pending as Promise<T>
      const running = compute()
      const shared = inFlight
      shared.set(key, running)
      try {
        const value = await running
        if (signal?.version() === version && cachedVersion === version) cache.set(key, { value })
        return value
      } finally {
        if (shared.get(key) === running) shared.delete(key)
      }
    },
    stats: () => ({ hits, misses, entries: cache?.size ?? 0, bytes: cache?.calculatedSize ?? 0 }),
  }
}

/**
 * The cache key of a list or search request: everything that decides its answer, normalised (the
 * query as parsed words, tags and options sorted, defaults filled in), and nothing else.
 */
export function resultKey(kind: 'list' | 'search', query: ListQuery, defaultCurrency: string): string {
  const q = query.q?.trim() ?? ''
  const terms = q === '' ? null : parseQuery(q).map((t) => (t.prefix ? `${t.text}*` : t.text))
  return JSON.stringify([
    kind,
    terms,
    query.category ?? null,
    query.currency ?? defaultCurrency,
    query.minPrice ?? null,
    query.maxPrice ?? null,
    query.inStock === true,
    [...new Set(query.tag ?? [])].sort(),
    [...new Set(query.option ?? [])].sort(),
    query.sort ?? null,
    query.cursor ?? null,
    query.limit ?? 20,
  ])
}
