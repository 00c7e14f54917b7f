/**
 * Storefront listing and search use cases: query expansion (prefix and typo tolerance against the
 * vocabulary), filters, cursors, cards with highlights and facets. A search is answered from the node's
 * text and facet index (text-index.ts, facets.ts) when it is built at the current catalog version, and
 * by SQL (search/store.ts) otherwise; docs/SEARCH.md.
 */

import type { ChangeSignal } from '../../../platform/db/change-signal.ts'
import type { Db, Dialect } from '../../../platform/db/types.ts'
import { badRequest } from '../../../platform/errors.ts'
import type { Facets, ListQuery, ProductCard, ProductPage, SearchResult } from '../schemas.ts'
import { changeCursor, changesSince, pruneChanges } from './change-log.ts'
import { type ChangeLog, type CountedFacets, createFacetCounter, type HeldIndex, type IndexState } from './facets.ts'
import * as store from './store.ts'
import { type ExpandedTerm, highlight, parseQuery, TYPO_MIN_LENGTH, typoKeys, withinOneEdit } from './text.ts'
import { matchText, sortedMatches, type TextMatches, topMatches, typoCandidates } from './text-index.ts'

export const DEFAULT_CURRENCY = 'EUR'
const MAX_TYPO_ALTERNATIVES = 12

/** Typo alternatives of one query word (`*` first for a prefix), kept per node until the catalog changes. */
export type ExpansionCache = Map<string, string[]>
const MAX_CACHED_EXPANSIONS = 50_000

/** Where a word's typo candidates come from: the `search_word` table, or the node's text index. */
export type CandidateSource = (keys: {
  head: string
  tail?: string
  minLength: number
  maxLength: number
}) => Promise<string[]> | string[]

/**
 * Expands each query term into the indexed words that satisfy it: itself first, then its one-edit
 * neighbours when it has five letters or more. A word the catalog knows is widened too (it may be a
 * typo of another: "boats" for "boots"); ranking puts matches of the words as typed first (bestFirst).
 * With `cache`, a word's alternatives are read from the vocabulary once (the caller drops the cache
 * when the catalog changes and passes none while a write is in flight). `candidates`: the words to
 * check, by default from the `search_word` table.
 */
export async function expandTerms(
  db: Db,
  q: string,
  cache?: ExpansionCache,
  candidates: CandidateSource = (keys) => store.candidateWords(db, keys),
): Promise<ExpandedTerm[]> {
  const terms = parseQuery(q)
  const out: ExpandedTerm[] = []
  for (const term of terms) {
    const word = term.text
    if (word.length < TYPO_MIN_LENGTH) {
      out.push({ words: [word], prefix: term.prefix })
      continue
    }
    const cacheKey = term.prefix ? `*${word}` : word
    let neighbours = cache?.get(cacheKey)
    if (!neighbours) {
      neighbours = await typoNeighbours(word, term.prefix, candidates)
      if (cache && cache.size < MAX_CACHED_EXPANSIONS) cache.set(cacheKey, neighbours)
    }
    out.push({ words: [word, ...neighbours], prefix: term.prefix })
  }
  return out
}

async function typoNeighbours(word: string, prefix: boolean, source: CandidateSource): Promise<string[]> {
  const keys = typoKeys(word)
  const candidates = prefix
    ? await source({ head: keys.head, minLength: word.length - 1, maxLength: 40 })
    : await source(keys)
  return candidates
    .filter((c) =>
      prefix
        ? !c.startsWith(word) &&
          [word.length - 1, word.length, word.length + 1].some((n) => withinOneEdit(word, c.slice(0, n)))
        : c !== word && withinOneEdit(word, c),
    )
    .sort()
    .slice(0, MAX_TYPO_ALTERNATIVES)
}

export interface CatalogReader {
  list(query: ListQuery): Promise<ProductPage>
  search(query: ListQuery): Promise<SearchResult>
  /** Whether the facet and text index is built at the current catalog version, its build in progress and its text part's bytes (search/facets.ts). */
  facetIndex(): IndexState
}

/** How often each node prunes the catalog change log (change-log.ts). */
const PRUNE_MS = 600_000

export function createSearch(deps: {
  db: Db
  dialect: Dialect
  resolveCategory: (idOrHandle: string) => Promise<string | undefined>
  /** Catalog writes: parsed facet data is kept per product until the next one. */
  changes?: ChangeSignal
  /**
   * Apply catalog writes to the index from the change log (change-log.ts) instead of rebuilding it
   * (default true; false: a full build per catalog version, as before the log existed).
   */
  applyChanges?: boolean
  /** The index's memory cap in bytes (SEARCH_INDEX_MAX_MB; 0: none) and what to do when it is hit. */
  indexMaxBytes?: number
  onIndexCapped?: (bytes: number, maxBytes: number) => void
}): CatalogReader {
  const { db, dialect } = deps
  // PostgreSQL scores a row on its own, so only the hits that can reach the page are scored (ranked);
  // FTS5's bm25 needs the cursor of the whole match, so SQLite scores every hit in the match query.
  const relevanceSignals = dialect === 'postgres' ? 'tiers' : 'ranked'
  // The change log is pruned by the nodes that read it, at most every PRUNE_MS each (a read when there
  // is nothing to remove).
  let prunedAt = 0
  const prune = () => {
    if (Date.now() - prunedAt < PRUNE_MS) return
    prunedAt = Date.now()
    pruneChanges(db, dialect).catch(() => {})
  }
  const log: ChangeLog | undefined =
    deps.applyChanges === false
      ? undefined
      : {
          cursor: () => {
            prune()
            return changeCursor(db, dialect)
          },
          since: (cursor, limit) => {
            prune()
            return changesSince(db, dialect, cursor, limit)
          },
          read: (seqs) => store.indexRowsOf(db, seqs),
        }
  const facetCounter = createFacetCounter(deps.changes, (after, limit) => store.facetsAfter(db, after, limit), {
    log,
    maxBytes: deps.indexMaxBytes,
    onCapped: deps.onIndexCapped,
  })
  let expansions: { version: number; cache: ExpansionCache } | undefined
  let directory: { version: number; byKey: Map<string, store.CategoryName> } | undefined
  return { list, search, facetIndex: facetCounter.state }

  /**
   * Every category by id and by handle, read once per catalog version (filters by handle and facet
   * names then cost no query); undefined while changes cannot be observed or when the read raced a write.
   */
  async function categoryDirectory(): Promise<Map<string, store.CategoryName> | undefined> {
    const version = deps.changes?.version()
    if (version === undefined) return undefined
    if (directory?.version === version) return directory.byKey
    const rows = await store.allCategoryNames(db)
    if (deps.changes?.version() !== version) return undefined
    const byKey = new Map<string, store.CategoryName>()
    for (const row of rows) byKey.set(row.handle, row)
    for (const row of rows) byKey.set(row.id, row) // an id wins over a handle spelt the same
    directory = { version, byKey }
    return byKey
  }

  /** The typo expansions kept at the current catalog version (none while changes cannot be observed). */
  function expansionCache(): ExpansionCache | undefined {
    const version = deps.changes?.version()
    if (version === undefined) return undefined
    if (expansions?.version !== version) expansions = { version, cache: new Map() }
    return expansions.cache
  }

  /**
   * The matches from the node's text index (text-index.ts) when it is built at `readAt` and still
   * current; undefined otherwise: then SQL answers.
   */
  function indexed(filter: store.Filter, readAt: number | undefined) {
    if (!filter.terms) return undefined
    const held = facetCounter.held(readAt)
    if (!held) return undefined
    const matches = matchText(held.text, filter.terms, {
      groups: store.filterGroups(filter),
      currency: filter.currency,
      minPrice: filter.minPrice,
      maxPrice: filter.maxPrice,
      inStock: filter.inStock,
    })
    return { held, matches }
  }

  /** The page of cards `after` (an offset) by relevance from the index's matches, one more than `limit` when there are more. */
  async function rankedFromIndex(
    held: HeldIndex,
    matches: TextMatches,
    currency: string,
    after: readonly (string | number)[] | undefined,
    limit: number,
  ): Promise<store.CardRow[]> {
    const offset = after ? Number(after[0]) : 0
    const seqs = topMatches(matches, offset + limit + 1, held.words, held.seqOf)
      .slice(offset)
      .map((i) => held.seqOf[matches.ordinals[i]])
    return cardsInOrder(seqs, currency)
  }

  /** Cards of these products in this order (one indexed read); a product deleted meanwhile is left out. */
  async function cardsInOrder(seqs: number[], currency: string): Promise<store.CardRow[]> {
    const cards = new Map((await store.cardsBySeqs(db, seqs, currency)).map((c) => [Number(c.seq), c]))
    return seqs.map((seq) => cards.get(seq)).filter((c): c is store.CardRow & { seq: number } => c !== undefined)
  }

  async function list(query: ListQuery): Promise<ProductPage> {
    const { filter, terms, order, limit, after } = await prepare(query)
    if (terms && terms.length === 0) return { items: [], nextCursor: null }
    let rows: store.CardRow[]
    const fromIndex = order === 'relevance' ? indexed(filter, facetCounter.version()) : undefined
    if (fromIndex) {
      rows = await rankedFromIndex(fromIndex.held, fromIndex.matches, filter.currency, after, limit)
    } else if (order === 'relevance') {
      const readAt = facetCounter.version()
      const hits = await relevanceHits(filter, readAt)
      // Counting is cheap on held facet data, and it brings the title lengths ranking needs.
      await facetCounter.count(hits, filter.currency, readAt, (seqs) => store.facetsBySeqs(db, seqs))
      rows = await ranked(hits, filter, after, limit)
    } else {
      rows = await store.listCards(db, dialect, filter, order, after, limit + 1)
    }
    return page(rows, query, order, limit, after, undefined)
  }

  /**
   * The matches with their relevance signals. The exactness signal (the title holds every word as
   * typed) is checked on the titles the facet index keeps when it is built at `readAt`, instead of a
   * title-only match in the query (a second index walk and a probe per hit, a third of a broad search's
   * SQL); when a write raced the read, the query runs again with the signal in SQL.
   */
  async function relevanceHits(filter: store.Filter, readAt: number | undefined): Promise<store.HitRow[]> {
    const titleOf = filter.terms ? facetCounter.titles(readAt) : undefined
    if (titleOf && filter.terms) {
      const hits = await store.searchHits(db, dialect, filter, relevanceSignals, true)
      if (facetCounter.version() === readAt) {
        const typed = filter.terms.map((t) => ` ${t.words[0]}${t.prefix ? '' : ' '}`)
        for (const hit of hits) hit.exact = exactTitle(titleOf(Number(hit.seq)) ?? '', typed) ? 1 : 0
        return hits
      }
    }
    return store.searchHits(db, dialect, filter, relevanceSignals)
  }

  /** The page of cards `after` (an offset) by relevance, one more than `limit` when there are more. */
  async function ranked(
    hits: store.HitRow[],
    filter: store.Filter,
    after: readonly (string | number)[] | undefined,
    limit: number,
  ): Promise<store.CardRow[]> {
    const offset = after ? Number(after[0]) : 0
    let candidates = hits
    if (relevanceSignals === 'tiers') {
      candidates = pageCandidates(hits, offset + limit + 1)
      const ranks = await store.ranksBySeqs(
        db,
        filter,
        candidates.map((h) => Number(h.seq)),
      )
      for (const hit of candidates) hit.rank = ranks.get(Number(hit.seq)) ?? 0
    }
    const seqs = bestFirst(candidates, offset + limit + 1)
      .slice(offset)
      .map((h) => Number(h.seq))
    return cardsInOrder(seqs, filter.currency)
  }

  async function search(query: ListQuery): Promise<SearchResult> {
    const { filter, terms, order, limit, after } = await prepare(query)
    if (terms && terms.length === 0) return { items: [], nextCursor: null, total: 0, facets: emptyFacets() }
    const readAt = facetCounter.version()
    const fromIndex = indexed(filter, readAt)
    if (fromIndex) {
      const { held, matches } = fromIndex
      const facets = await nameFacets(held.count(matches.ordinals, matches.count, filter.currency))
      let rows: store.CardRow[]
      if (order === 'relevance') rows = await rankedFromIndex(held, matches, filter.currency, after, limit)
      else if (order === 'name') rows = await store.listCards(db, dialect, filter, order, after, limit + 1)
      else {
        const best = sortedMatches(held.text, matches, order, filter.currency, after, limit + 1)
        rows = await cardsInOrder(
          best.map((i) => held.seqOf[matches.ordinals[i]]),
          filter.currency,
        )
      }
      const { items, nextCursor } = page(rows, query, order, limit, after, terms)
      return { items, nextCursor, total: matches.count, facets }
    }
    // One pass over the matches gives the total, the facets and, by relevance, the page's ids.
    const hits =
      order === 'relevance' ? await relevanceHits(filter, readAt) : await store.searchHits(db, dialect, filter, 'plain')
    const counted = await facetCounter.count(hits, filter.currency, readAt, (seqs) => store.facetsBySeqs(db, seqs))
    const facets = await nameFacets(counted)
    let rows: store.CardRow[]
    if (order === 'relevance') {
      rows = await ranked(hits, filter, after, limit)
    } else {
      rows = await store.listCards(db, dialect, filter, order, after, limit + 1)
    }
    const { items, nextCursor } = page(rows, query, order, limit, after, terms)
    return { items, nextCursor, total: hits.length, facets }
  }

  async function nameFacets(counted: CountedFacets): Promise<Facets> {
    const ids = [...counted.categories.keys()]
    const names = (await categoryDirectory()) ?? new Map((await store.categoriesByIds(db, ids)).map((c) => [c.id, c]))
    const facets = emptyFacets()
    for (const [id, count] of counted.categories) {
      const category = names.get(id)
      if (category) facets.categories.push({ id, handle: category.handle, name: category.name, count })
    }
    counted.prices.forEach((count, i) => {
      if (count > 0) {
        facets.prices.push({
          min: i === 0 ? 0 : store.PRICE_BUCKETS[i - 1],
          max: store.PRICE_BUCKETS[i] ?? null,
          count,
        })
      }
    })
    facets.options.push(...counted.options)
    facets.categories.sort((a, b) => b.count - a.count || a.handle.localeCompare(b.handle))
    facets.options.sort((a, b) => a.name.localeCompare(b.name) || b.count - a.count || a.value.localeCompare(b.value))
    return facets
  }

  async function prepare(query: ListQuery) {
    const currency = query.currency ?? DEFAULT_CURRENCY
    const q = query.q?.trim() ?? ''
    let terms: ExpandedTerm[] | undefined
    if (q !== '') {
      const readAt = deps.changes?.version()
      const held = facetCounter.held(readAt)
      if (held) {
        // The node's vocabulary answers at once (and knows only the words products hold today).
        terms = await expandTerms(db, q, undefined, (keys) => typoCandidates(held.text, keys))
      } else {
        const cache = expansionCache()
        terms = await expandTerms(db, q, cache)
        // Alternatives read while the vocabulary changed are used for this answer only.
        if (cache && deps.changes?.version() !== readAt) cache.clear()
      }
    }
    const order: store.Order = query.sort ?? (terms ? 'relevance' : 'newest')
    if (order === 'relevance' && !terms) return prepareWith('newest')
    return prepareWith(order)

    async function prepareWith(order: store.Order) {
      const filter: store.Filter = { currency, tags: query.tag ?? [], options: new Map() }
      if (query.category) {
        const known = await categoryDirectory()
        const id = known ? known.get(query.category)?.id : await deps.resolveCategory(query.category)
        // An unknown category matches nothing rather than everything.
        filter.categoryId = id ?? 'cat_none'
      }
      if (query.minPrice !== undefined) filter.minPrice = query.minPrice
      if (query.maxPrice !== undefined) filter.maxPrice = query.maxPrice
      if (query.inStock) filter.inStock = true
      for (const option of query.option ?? []) {
        const colon = option.indexOf(':')
        const name = option.slice(0, colon)
        filter.options.set(name, [...(filter.options.get(name) ?? []), option.slice(colon + 1)])
      }
      if (terms && terms.length > 0) filter.terms = terms
      const limit = query.limit ?? 20
      const after = query.cursor === undefined ? undefined : decodeCursor(query.cursor, order)
      return { filter, terms, order, limit, after }
    }
  }
}

function page(
  rows: store.CardRow[],
  query: ListQuery,
  order: store.Order,
  limit: number,
  after: readonly (string | number)[] | undefined,
  terms: ExpandedTerm[] | undefined,
) {
  const currency = query.currency ?? DEFAULT_CURRENCY
  const more = rows.length > limit
  const shown = more ? rows.slice(0, limit) : rows
  const items = shown.map((row) => card(row, currency, terms))
  let nextCursor: string | null = null
  if (more) {
    const last = shown[shown.length - 1]
    const key: (string | number)[] =
      order === 'relevance'
        ? [(after ? Number(after[0]) : 0) + limit]
        : order === 'newest'
          ? [Number(last.created_at), last.id]
          : order === 'name'
            ? [last.title, last.id]
            : [Number(last.min_amount), last.id]
    nextCursor = encodeCursor(order, key)
  }
  return { items, nextCursor }
}

function card(row: store.CardRow, currency: string, terms: ExpandedTerm[] | undefined): ProductCard {
  const images = JSON.parse(row.images) as { url: string; alt: string }[]
  const out: ProductCard = {
    id: row.id,
    handle: row.handle,
    title: row.title,
    image: images[0] ?? null,
    price: row.min_amount === null ? null : { currency, amount: Number(row.min_amount) },
    inStock: Number(row.in_stock) === 1,
  }
  if (terms) {
    out.highlights = { title: highlight(row.title, terms), description: highlight(row.description, terms, 160) }
  }
  return out
}

function emptyFacets(): Facets {
  return { categories: [], prices: [], options: [] }
}

/**
 * Whether a title (normalized, between single spaces) holds every word as typed: each of `typed` is
 * ` word ` (a whole word) or ` word` (the prefix term, a word starting with it), as FTS5's
 * `{search_a} : (...)` and PostgreSQL's `:A` queries of the same words match it.
 */
export function exactTitle(title: string, typed: readonly string[]): boolean {
  for (const word of typed) if (!title.includes(word)) return false
  return true
}

/**
 * Relevance order: titles holding every word as typed first (shorter titles first), then hits matching
 * every word as typed, then the text score; the later product last of all, so pages are stable.
 */
export function compareHits(a: store.HitRow, b: store.HitRow): number {
  const ea = Number(a.exact ?? 0)
  const eb = Number(b.exact ?? 0)
  return (
    eb - ea ||
    (ea ? Number(a.words ?? 0) - Number(b.words ?? 0) : 0) ||
    Number(b.typed ?? 1) - Number(a.typed ?? 1) ||
    Number(b.rank) - Number(a.rank) ||
    Number(b.seq) - Number(a.seq)
  )
}

/**
 * The hits that can be among the best `k` before any text score is known: compareHits orders by
 * tiers first (exact titles, by title length; then hits matching every word as typed; then the
 * rest), so whole tiers after the one that reaches `k` hits cannot reach the page. Every hit of the
 * tiers kept still needs its score; the others need none.
 */
export function pageCandidates<T extends store.HitRow>(hits: readonly T[], k: number): T[] {
  const tierOf = (h: store.HitRow) =>
    Number(h.exact ?? 0) ? Number(h.words ?? 0) : Number(h.typed ?? 1) ? 70_000 : 70_001
  const sizes = new Map<number, number>()
  for (const hit of hits) {
    const tier = tierOf(hit)
    sizes.set(tier, (sizes.get(tier) ?? 0) + 1)
  }
  let last = Number.POSITIVE_INFINITY
  let seen = 0
  for (const tier of [...sizes.keys()].sort((a, b) => a - b)) {
    seen += sizes.get(tier) ?? 0
    if (seen >= k) {
      last = tier
      break
    }
  }
  return last === Number.POSITIVE_INFINITY ? [...hits] : hits.filter((h) => tierOf(h) <= last)
}

/**
 * The best `k` hits (compareHits), best first. A full sort of every match only when the page reaches
 * that deep; otherwise one pass keeping the best k.
 */
export function bestFirst<T extends store.HitRow>(hits: readonly T[], k: number): T[] {
  const before = compareHits
  if (k <= 0) return []
  if (k >= hits.length / 4) return [...hits].sort(before).slice(0, k)
  const best: T[] = []
  for (const hit of hits) {
    if (best.length === k && before(hit, best[k - 1]) >= 0) continue
    let i = best.length === k ? k - 1 : best.length
    while (i > 0 && before(hit, best[i - 1]) < 0) {
      best[i] = best[i - 1]
      i--
    }
    best[i] = hit
  }
  return best
}

/** Cursors are opaque to clients: the order they belong to and the last key, base64url JSON. */
export function encodeCursor(order: store.Order, key: (string | number)[]): string {
  return Buffer.from(JSON.stringify([order, ...key])).toString('base64url')
}

export function decodeCursor(cursor: string, order: store.Order): (string | number)[] {
  let parsed: unknown
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'))
  } catch {
    parsed = undefined
  }
  const ok =
    Array.isArray(parsed) &&
    parsed[0] === order &&
    parsed.length === (order === 'relevance' ? 2 : 3) &&
    parsed.slice(1).every((v) => typeof v === 'string' || (typeof v === 'number' && Number.isFinite(v)))
  if (!ok) throw badRequest('invalid-cursor', 'The cursor is malformed or belongs to another sort order')
  return (parsed as (string | number)[]).slice(1)
}
