/**
 * Facet counting. Each hit carries its product's facet data (`product.facets`, JSON rendered at write
 * time); parsing that JSON for thousands of hits per search cost as much as the SQL, so each node
 * keeps every product's facets parsed into small integer keys, dropped whenever the catalog changes
 * (the same ChangeSignal as the document cache). A search then counts with array increments.
 */
import type { ChangeSignal } from '../../../platform/db/change-signal.ts'
import type { ProductFacets } from '../documents.ts'
import { PRICE_BUCKETS } from './store.ts'

export interface FacetHit {
  seq: number
  /** Set by `count`: the product's title word count (a relevance signal kept with the facets). */
  words?: number
}

/** Reads the stored facet data (`product.facets` JSON) of these products, by seq. */
export type FacetLoader = (seqs: readonly number[]) => Promise<Map<number, string>>

export interface CountedFacets {
  /** Count per category id. */
  categories: Map<string, number>
  /** Count per price bucket (index into PRICE_BUCKETS; the last is open-ended). */
  prices: number[]
  options: { name: string; value: string; count: number }[]
}

interface Parsed {
  /** Interned keys: categories and option values. */
  keys: Int32Array
  /** Lowest price by currency. */
  prices: Record<string, number>
  /** Title word count. */
  words: number
}

type Key = { kind: 'c'; id: string } | { kind: 'o'; name: string; value: string }

/** At most this many products are kept parsed (a catalog of a million products parses the rest per search). */
const MAX_PRODUCTS = 500_000

export interface FacetCounter {
  /** The version to pass to `count` (capture it before reading the hits). */
  version(): number | undefined
  /** Counts over every hit (and sets each hit's `words`); facets not held in memory are read with `load`. */
  count(hits: FacetHit[], currency: string, readAt: number | undefined, load: FacetLoader): Promise<CountedFacets>
}

/** Facet keys interned as small integers; replaced (never emptied) when the catalog changes. */
interface Dictionary {
  keys: Key[]
  ids: Map<string, number>
}

export function createFacetCounter(signal: ChangeSignal | undefined): FacetCounter {
  let dictionary: Dictionary = { keys: [], ids: new Map() }
  let products = new Map<number, Parsed>()
  let cachedVersion: number | undefined

  function intern(d: Dictionary, name: string, key: Key): number {
    let id = d.ids.get(name)
    if (id === undefined) {
      id = d.keys.length
      d.keys.push(key)
      d.ids.set(name, id)
    }
    return id
  }

  function parse(d: Dictionary, json: string): Parsed {
    const facets = JSON.parse(json) as ProductFacets
    const ids = new Int32Array(facets.c.length + facets.o.length)
    let i = 0
    for (const id of facets.c) ids[i++] = intern(d, `c\u0000${id}`, { kind: 'c', id })
    for (const [name, value] of facets.o)
      ids[i++] = intern(d, `o\u0000${name}\u0000${value}`, { kind: 'o', name, value })
    return { keys: ids, prices: facets.p, words: facets.w ?? 0 }
  }

  return {
    version: () => signal?.version(),
    async count(hits, currency, readAt, load) {
      const now = signal?.version()
      const keep = readAt !== undefined && now === readAt
      if (keep && now !== cachedVersion) {
        dictionary = { keys: [], ids: new Map() }
        products = new Map()
        cachedVersion = now
      }
      // This count's dictionary and parsed products, even if a concurrent search replaces them
      // while this one awaits the database (their key ids would not match a new dictionary).
      const d = dictionary
      const held = products
      const all: (Parsed | undefined)[] = new Array(hits.length)
      const missing: number[] = []
      for (let h = 0; h < hits.length; h++) {
        const parsed = keep ? held.get(hits[h].seq) : undefined
        if (parsed) all[h] = parsed
        else missing.push(hits[h].seq)
      }
      if (missing.length > 0) {
        const loaded = await load(missing)
        // Kept only if the catalog did not move while the hits and their facets were read.
        const keepLoaded = keep && signal?.version() === readAt
        for (let h = 0; h < hits.length; h++) {
          if (all[h]) continue
          const json = loaded.get(hits[h].seq)
          if (json === undefined) continue // deleted since the hits were read
          const parsed = parse(d, json)
          all[h] = parsed
          if (keepLoaded && held.size < MAX_PRODUCTS) held.set(hits[h].seq, parsed)
        }
      }
      const tally = new Int32Array(d.keys.length)
      const prices: number[] = new Array(PRICE_BUCKETS.length + 1).fill(0)
      for (let h = 0; h < all.length; h++) {
        const parsed = all[h]
        if (!parsed) continue
        hits[h].words = parsed.words
        const ids = parsed.keys
        for (let i = 0; i < ids.length; i++) tally[ids[i]]++
        const price = parsed.prices[currency]
        if (price !== undefined) prices[bucketOf(price)]++
      }
      const counted: CountedFacets = { categories: new Map(), prices, options: [] }
      tally.forEach((n, id) => {
        if (!n) return
        const key = d.keys[id]
        if (key.kind === 'c') counted.categories.set(key.id, n)
        else counted.options.push({ name: key.name, value: key.value, count: n })
      })
      return counted
    },
  }
}

function bucketOf(amount: number): number {
  let i = 0
  while (i < PRICE_BUCKETS.length && amount >= PRICE_BUCKETS[i]) i++
  return i
}
