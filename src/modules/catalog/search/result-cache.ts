/**
 * Storefront list and search answers kept in memory on each node, keyed by what decides the answer:
 * the normalised query (its words and whether the last one is a prefix), the filters, the sort, the
 * cursor, the limit and the currency. Real traffic repeats a few hundred queries and category pages,
 * so most requests are answered without a query.
 *
 * What is kept is the answer as sent: the JSON body the route's response schema serialised once, its
 * ETag, and the result count (search analytics). A hit is then what a product GET from the document
 * cache is: a key, a map lookup and a string written out; nothing is serialised or hashed again.
 *
 * Exact, like the document cache (document-cache.ts), with the same rule: the whole cache is dropped
 * when the catalog's ChangeSignal version moves, an answer computed while the version moved is
 * returned but never kept, and nothing is kept while the version is undefined (changes cannot be
 * observed). Concurrent misses of one key at one version share a single computation. Bounded in bytes
 * (least recently used first).
 */
import { LRUCache } from 'lru-cache'
import type { ChangeSignal } from '../../../platform/db/change-signal.ts'
import { etagOf } from '../documents.ts'
import type { ListQuery } from '../schemas.ts'
import { parseQuery } from './text.ts'

/** A list or search answer as sent: the serialised body, its ETag and how many products matched. */
export interface Answer {
  body: string
  etag: string
  /** The search's result count (for analytics); undefined for list pages. */
  total: number | undefined
}

/** Serialises an answer's value as its route's response schema does (strips what the schema does not list). */
export type Render<T> = (value: T) => string

/** The answer for a value: rendered once, hashed once. */
export function answerOf<T extends object>(value: T, render: Render<T>, total?: number): Answer {
  const body = render(value)
  return { body, etag: etagOf(body), total }
}

export interface ResultCache {
  /** The answer for `key`: from memory when the catalog has not changed since it was computed. */
  get(key: string, compute: () => Promise<Answer>): Promise<Answer>
  stats(): { hits: number; misses: number; entries: number; bytes: number }
}

export function createResultCache(options: { maxBytes: number; signal: ChangeSignal | undefined }): ResultCache {
  const { signal } = options
  const cache =
    options.maxBytes > 0 && signal
      ? new LRUCache<string, Answer>({
          maxSize: options.maxBytes,
          // About what the strings hold in memory (V8 stores Latin-1 text at a byte per character).
          sizeCalculation: (answer, key) => Buffer.byteLength(answer.body) + answer.etag.length + key.length + 100,
        })
      : undefined
  // Computations in flight at the current version, by key.
  let inFlight = new Map<string, Promise<Answer>>()
  let cachedVersion: number | undefined
  let hits = 0
  let misses = 0

  return {
    async get(key, compute) {
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
        return hit
      }
      misses++
      const pending = inFlight.get(key)
      if (pending) return pending
      const running = compute()
      const shared = inFlight
      shared.set(key, running)
      try {
        const answer = await running
        if (signal?.version() === version && cachedVersion === version) cache.set(key, answer)
        return answer
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
  const terms = q === '' ? null : termsOf(q)
  return JSON.stringify([
    kind,
    terms,
    query.category ?? null,
    query.currency ?? defaultCurrency,
    query.minPrice ?? null,
    query.maxPrice ?? null,
    query.inStock === true,
    distinctSorted(query.tag),
    distinctSorted(query.option),
    query.sort ?? null,
    query.cursor ?? null,
    query.limit ?? 20,
  ])
}

function distinctSorted(values: readonly string[] | undefined): readonly string[] {
  if (!values || values.length === 0) return NONE
  return values.length === 1 ? values : [...new Set(values)].sort()
}
const NONE: readonly string[] = []

/**
 * The parsed words of a query text (`*` marks a prefix). Parsing (Unicode normalisation, splitting)
 * was most of a key's cost, and a head query's text repeats; the parse is a pure function of the text,
 * so recent ones are kept (a bounded map, emptied when full).
 */
function termsOf(q: string): string[] {
  let terms = parsedTerms.get(q)
  if (!terms) {
    terms = parseQuery(q).map((t) => (t.prefix ? `${t.text}*` : t.text))
    if (parsedTerms.size >= MAX_PARSED_TERMS) parsedTerms.clear()
    parsedTerms.set(q, terms)
  }
  return terms
}
const parsedTerms = new Map<string, string[]>()
const MAX_PARSED_TERMS = 10_000
