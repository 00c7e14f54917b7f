/**
 * Facet counting. Each product's facet data (`product.facets`, JSON rendered at write time: categories
 * with their ancestors, option values, lowest price per currency, title word count) is kept by each
 * node in one compact index over dense product ordinals, built from the whole catalog in the
 * background and brought to each new catalog version (the same ChangeSignal as the document cache) by
 * applying the products the change log (change-log.ts) names, read again (applyChanges; a full build
 * when the log cannot say or too much changed); above the memory cap (SEARCH_INDEX_MAX_MB) none is kept:
 *
 * - per product: its facet keys (interned categories and option values) as one flat Int32Array with
 *   offsets, its price bucket per currency and its title word count (typed arrays, no objects), and its
 *   normalized title (the relevance ranking's exactness signal is checked on it: engine.ts);
 * - per facet key: the products that have it, as a bitset (Uint32Array) when that is smaller than a
 *   list of ordinals, else as the list.
 *
 * The same scan builds the text index (text-index.ts), kept and dropped with the facet part: a search
 * with the index built matches, ranks and pages in memory and counts its matches' ordinals here.
 *
 * A search turns its hits into ordinals and counts whichever way is cheaper for it: walking each hit's
 * keys (few hits), or intersecting the match set, as a bitset, with every key's products (many hits).
 * Both give the exact counts. Until the index is built at the current version (and whenever changes
 * cannot be observed), the hits' facet data is read from the database and counted directly.
 */
import type { ChangeSignal } from '../../../platform/db/change-signal.ts'
import type { ProductFacets } from '../documents.ts'
import { PRICE_BUCKETS, UNPUBLISHED } from './store.ts'
import { createTextIndexBuilder, mergeTextIndex, type TextIndex, type TextRow, textIndexBytes } from './text-index.ts'

export interface FacetHit {
  seq: number
  /** Set by `count`: the product's title word count (a relevance signal kept with the facets). */
  words?: number
}

/** Reads the stored facet data (`product.facets` JSON) of these products, by seq. */
export type FacetLoader = (seqs: readonly number[]) => Promise<Map<number, string>>

/**
 * Reads up to `limit` products' facet data and normalized titles in seq order, starting after
 * `afterSeq`; with `text` (every row), the text index (text-index.ts) is built from the same rows.
 */
export type FacetScanner = (
  afterSeq: number,
  limit: number,
) => Promise<{ seq: number; facets: string; title?: string; text?: TextRow }[]>

/** One product's row as the scan reads it (FacetScanner). */
export type ScannedRow = { seq: number; facets: string; title?: string; text?: TextRow }

/**
 * Which products changed since a cursor (change-log.ts): with it a catalog write is applied to the
 * index (the changed products read again, nothing else) instead of a rebuild from the whole catalog.
 */
export interface ChangeLog {
  /** The cursor to keep before a full scan. */
  cursor(): Promise<number>
  /** Changed seqs at or after `cursor` and the next cursor; undefined when it cannot say (pruned) or more than `limit` changed. */
  since(cursor: number, limit: number): Promise<{ seqs: number[]; cursor: number } | undefined>
  /** The current rows of these products (a deleted one is absent), as the scan reads them. */
  read(seqs: readonly number[]): Promise<ScannedRow[]>
}

/** The index at one version, for matching, ranking and counting in memory (engine.ts). */
export interface HeldIndex {
  text: TextIndex
  /** Per ordinal: the product's seq and its title's word count. */
  seqOf: Int32Array
  words: Uint16Array
  /** Facet counts over `count` matches given as ordinals. */
  count(ordinals: Int32Array, count: number, currency: string): CountedFacets
}

export interface CountedFacets {
  /** Count per category id. */
  categories: Map<string, number>
  /** Count per price bucket (index into PRICE_BUCKETS; the last is open-ended). */
  prices: number[]
  options: { name: string; value: string; count: number }[]
}

export interface FacetCounter {
  /** The version to pass to `count` (capture it before reading the hits). */
  version(): number | undefined
  /** Counts over every hit (and sets each hit's `words`); without an index, facets are read with `load`. */
  count(hits: FacetHit[], currency: string, readAt: number | undefined, load: FacetLoader): Promise<CountedFacets>
  /**
   * The normalized title (search text `search_a`, between single spaces) of a product by seq, when the
   * index is built at `readAt` and that is still the current version; undefined otherwise.
   */
  titles(readAt: number | undefined): ((seq: number) => string | undefined) | undefined
  /**
   * The whole index, text included, when it is built at `readAt` and that is still the current
   * version; undefined otherwise (then the caller asks SQL, whose `count` starts a build).
   */
  held(readAt: number | undefined): HeldIndex | undefined
  /**
   * Whether the index is built at the current version, the build in progress (tests and benchmarks
   * wait for it), and the bytes its text part holds (an estimate, text-index.ts).
   */
  state(): IndexState
}

export interface IndexState {
  built: boolean
  building: Promise<void> | undefined
  textBytes: number
  /** The whole index's bytes (an estimate: text and facet parts). */
  bytes: number
  /** Whether the index is off because it would exceed the memory cap (SEARCH_INDEX_MAX_MB). */
  capped: boolean
  /**
   * How the index last moved to a new version: a full build, or the changed products applied (`ms`
   * from start to end, reads included; `applyMs` the CPU time of the synchronous step that lays out the new index).
   */
  last: { kind: 'build' | 'apply'; products: number; ms: number; applyMs?: number } | undefined
}

export interface FacetCounterOptions {
  now?: () => number
  /** The change log: catalog writes are applied instead of rebuilding (without it, every version is a build). */
  log?: ChangeLog
  /** The index's memory cap in bytes (undefined: none; 0: no index); above it, searches stay on SQL. */
  maxBytes?: number
  /** Called once when the cap turns the index off. */
  onCapped?: (bytes: number, maxBytes: number) => void
}

type Key = { kind: 'c'; id: string } | { kind: 'o'; name: string; value: string }

/** Rows read per step of a build; the event loop serves requests between steps (500 rows: ~15 ms of tokenizing). */
const SCAN_CHUNK = 500
/** Catalogs whose product seqs go beyond this are counted from the database (the seq → ordinal table is an Int32Array). */
const MAX_SEQ = 5_000_000
/** After a build was overtaken by a write, the next one waits at least this long, doubling up to MAX_RETRY_MS. */
const FIRST_RETRY_MS = 500
const MAX_RETRY_MS = 60_000
/** After the memory cap stopped a build, the next attempt waits this long (the catalog may have shrunk). */
const CAPPED_RETRY_MS = 600_000
/** Changes are applied when at most this share of the catalog changed (and at least MIN_APPLY products); a build otherwise. */
const APPLY_SHARE = 0.1
const MIN_APPLY = 256

/** The per-node facet index at one catalog version (see the file comment). */
interface FacetIndex {
  version: number
  /** The change log's cursor: every change at or after it is still to apply (undefined without a log). */
  cursor: number | undefined
  /** Facet key name → id (keys). */
  dictionary: Map<string, number>
  /** Products (ordinals 0 .. n - 1, in seq order). */
  n: number
  keys: Key[]
  /** seq → ordinal, -1 for none; ordinal → seq. */
  ordinalOf: Int32Array
  seqOf: Int32Array
  /** Product ordinal o has keys keyList[keyStart[o] .. keyStart[o + 1]). */
  keyStart: Int32Array
  keyList: Int32Array
  words: Uint16Array
  /** Per ordinal: ` ${normalized title} ` (spaces at both ends, so every word has one on each side). */
  titles: string[]
  /** Per currency, per ordinal: 1 + the price bucket, or 0 without a price in that currency. */
  buckets: Map<string, Uint8Array>
  /** Per key: its products as a bitset over ordinals, or as a sorted list of ordinals. */
  members: (Uint32Array | Int32Array)[]
  dense: boolean[]
  /** Work to count by intersecting every key (words of dense keys plus entries of sparse ones). */
  intersectCost: number
  /** Mean keys per product (the cost of walking one hit). */
  keysPerProduct: number
  /** The searchable text (undefined when the scanner gave none). */
  text: TextIndex | undefined
}

export function createFacetCounter(
  signal: ChangeSignal | undefined,
  scan: FacetScanner,
  options: FacetCounterOptions = {},
): FacetCounter {
  const now = options.now ?? Date.now
  const { log } = options
  const maxBytes = options.maxBytes ?? Number.POSITIVE_INFINITY
  let index: FacetIndex | undefined
  let build: { version: number; done: Promise<void> } | undefined
  let retryAt = 0
  let retryMs = FIRST_RETRY_MS
  let capped = false
  let last: IndexState['last']
  let sizes: { index: FacetIndex; text: number; all: number } | undefined

  return {
    version: () => signal?.version(),
    state: () => ({
      built: index !== undefined && index.version === signal?.version(),
      building: build?.done,
      textBytes: index ? sizeOf(index).text : 0,
      bytes: index ? sizeOf(index).all : 0,
      capped,
      last,
    }),
    held(readAt) {
      const at = index
      if (readAt === undefined || at?.version !== readAt || signal?.version() !== readAt || !at.text) return undefined
      return {
        text: at.text,
        seqOf: at.seqOf,
        words: at.words,
        count: (ordinals, count, currency) => countOrdinals(at, ordinals, count, currency),
      }
    },
    titles(readAt) {
      const held = index
      if (readAt === undefined || held?.version !== readAt || signal?.version() !== readAt) return undefined
      return (seq) => {
        const o = seq < held.ordinalOf.length ? held.ordinalOf[seq] : -1
        return o < 0 ? undefined : held.titles[o]
      }
    },
    async count(hits, currency, readAt, load) {
      const current = signal?.version()
      if (readAt !== undefined && current === readAt) {
        if (index?.version === current) return countIndexed(index, hits, currency)
        startBuild(current)
      }
      return countLoaded(hits, currency, await load(hits.map((h) => h.seq)))
    },
  }

  /** The estimates walk every word and id: computed once per index (state() is asked per /metrics scrape). */
  function sizeOf(at: FacetIndex): { text: number; all: number } {
    if (sizes?.index !== at) {
      const text = at.text ? textIndexBytes(at.text) : 0
      sizes = { index: at, text, all: text + facetBytes(at) }
    }
    return sizes
  }

  function fail() {
    retryAt = now() + retryMs
    retryMs = Math.min(MAX_RETRY_MS, retryMs * 2)
  }

  /** Keeps an index unless it exceeds the cap (then drops it and stays on SQL for a while). */
  function adopt(next: FacetIndex): boolean {
    const bytes = maxBytes < Number.POSITIVE_INFINITY ? sizeOf(next).all : 0
    if (bytes > maxBytes) {
      overCap(bytes)
      return false
    }
    index = next
    capped = false
    return true
  }

  function overCap(bytes: number) {
    index = undefined
    retryAt = now() + CAPPED_RETRY_MS
    if (!capped) options.onCapped?.(bytes, maxBytes)
    capped = true
  }

  function startBuild(version: number) {
    if (build?.version === version || now() < retryAt) return
    if (maxBytes === 0) return overCap(0)
    const base = index
    const started = now()
    const work = async () => {
      if (base && log && base.cursor !== undefined && base.text) {
        const limit = Math.max(MIN_APPLY, Math.floor(base.n * APPLY_SHARE))
        const changes = await log.since(base.cursor, limit)
        if (changes) {
          const rows = await log.read(changes.seqs)
          if (index !== base) return // replaced meanwhile
          const cpu = process.threadCpuUsage()
          const next = applyChanges(base, changes.seqs, rows, version, changes.cursor)
          const spent = process.threadCpuUsage(cpu)
          const applyMs = (spent.user + spent.system) / 1000
          if (next === null) retryAt = Number.POSITIVE_INFINITY
          else if (adopt(next)) {
            last = { kind: 'apply', products: changes.seqs.length, ms: now() - started, applyMs }
            retryMs = FIRST_RETRY_MS
          }
          return
        }
      }
      const cursor = log ? await log.cursor() : undefined
      const built = await buildIndex(version, cursor, scan, () => signal?.version(), maxBytes, log !== undefined)
      if (built === null) {
        retryAt = Number.POSITIVE_INFINITY // too large a catalog for the index: count from the database
      } else if (typeof built === 'number') {
        overCap(built)
      } else if (built) {
        // With a change log, a build that a write overtook is kept: the writes it may have missed are
        // at or after its cursor, and the next search applies them.
        if (signal?.version() === version || log) {
          if (adopt(built)) {
            last = { kind: 'build', products: built.n, ms: now() - started }
            retryMs = FIRST_RETRY_MS
          }
        }
      } else {
        // Overtaken by a write: under a stream of writes, do not rebuild after every one of them.
        fail()
      }
    }
    const done = work().then(() => {}, fail)
    const entry = { version, done }
    build = entry
    done.finally(() => {
      if (build === entry) build = undefined
    })
  }
}

/**
 * Reads the whole catalog's facet data in seq order; undefined once the version moves (the read raced
 * a write) unless `keepGoing` (a change log will bring what it missed), null when a seq is beyond
 * MAX_SEQ, the estimated bytes when they pass `maxBytes`.
 */
async function buildIndex(
  version: number,
  cursor: number | undefined,
  scan: FacetScanner,
  currentVersion: () => number | undefined,
  maxBytes: number,
  keepGoing: boolean,
): Promise<FacetIndex | undefined | null | number> {
  const parts = newParts(new Map(), [])
  const text = createTextIndexBuilder()
  let withText = true
  let after = 0
  for (;;) {
    const rows = await scan(after, SCAN_CHUNK)
    if (!keepGoing && currentVersion() !== version) return undefined
    for (const row of rows) {
      const seq = Number(row.seq)
      if (seq > MAX_SEQ) return null
      const facets = addRow(parts, row)
      if (row.text && withText) text.add(row.text, facets.p)
      else withText = false
      after = seq
    }
    if (maxBytes < Number.POSITIVE_INFINITY) {
      const bytes = text.bytes() + parts.keyRuns.length * 8 + parts.seqs.length * 64
      if (bytes > maxBytes) return bytes
    }
    if (rows.length < SCAN_CHUNK) break
  }
  const n = parts.seqs.length
  const buckets = new Map<string, Uint8Array>()
  for (let o = 0; o < n; o++) setBuckets(buckets, n, o, parts.prices[o])
  return assemble(version, cursor, parts, buckets, withText ? text.finish(UNPUBLISHED) : undefined)
}

/** Per-product facet data in ordinal order, before it is laid out (assemble). */
interface Parts {
  dictionary: Map<string, number>
  keys: Key[]
  seqs: number[]
  keyRuns: number[]
  keyStarts: number[]
  words: number[]
  titles: string[]
  prices: Record<string, number>[]
}

function newParts(dictionary: Map<string, number>, keys: Key[]): Parts {
  return { dictionary, keys, seqs: [], keyRuns: [], keyStarts: [0], words: [], titles: [], prices: [] }
}

function intern(parts: Parts, name: string, key: Key): number {
  let id = parts.dictionary.get(name)
  if (id === undefined) {
    id = parts.keys.length
    parts.keys.push(key)
    parts.dictionary.set(name, id)
  }
  return id
}

function addRow(parts: Parts, row: ScannedRow): ProductFacets {
  const facets = JSON.parse(row.facets) as ProductFacets
  for (const id of facets.c) parts.keyRuns.push(intern(parts, `c\u0000${id}`, { kind: 'c', id }))
  for (const [name, value] of facets.o)
    parts.keyRuns.push(intern(parts, `o\u0000${name}\u0000${value}`, { kind: 'o', name, value }))
  parts.keyStarts.push(parts.keyRuns.length)
  parts.seqs.push(Number(row.seq))
  parts.words.push(facets.w ?? 0)
  parts.titles.push(` ${row.title ?? ''} `)
  parts.prices.push(facets.p)
  return facets
}

function setBuckets(buckets: Map<string, Uint8Array>, n: number, o: number, prices: Record<string, number>) {
  for (const [currency, amount] of Object.entries(prices)) {
    let column = buckets.get(currency)
    if (!column) {
      column = new Uint8Array(n)
      buckets.set(currency, column)
    }
    column[o] = 1 + bucketOf(amount)
  }
}

/** Lays out the facet part from its per-product parts (a build's or an apply's). */
function assemble(
  version: number,
  cursor: number | undefined,
  parts: Parts,
  buckets: Map<string, Uint8Array>,
  text: TextIndex | undefined,
): FacetIndex {
  const { keys, seqs } = parts
  const n = seqs.length
  const ordinalOf = new Int32Array((n === 0 ? 0 : seqs[n - 1]) + 1).fill(-1)
  for (let o = 0; o < n; o++) ordinalOf[seqs[o]] = o
  const keyList = Int32Array.from(parts.keyRuns)
  const keyStart = Int32Array.from(parts.keyStarts)
  // Members per key: a bitset costs n/32 words, a list one entry per product; keep the smaller.
  const sizes = new Int32Array(keys.length)
  for (let i = 0; i < keyList.length; i++) sizes[keyList[i]]++
  const bitsetWords = (n + 31) >>> 5
  const dense = Array.from(sizes, (size) => size > bitsetWords)
  const members = Array.from(sizes, (size, k) => (dense[k] ? new Uint32Array(bitsetWords) : new Int32Array(size)))
  const filled = new Int32Array(keys.length)
  for (let o = 0; o < n; o++) {
    for (let i = keyStart[o]; i < keyStart[o + 1]; i++) {
      const k = keyList[i]
      const set = members[k]
      if (dense[k]) set[o >>> 5] |= 1 << (o & 31)
      else set[filled[k]++] = o
    }
  }
  let intersectCost = 0
  for (let k = 0; k < keys.length; k++) intersectCost += dense[k] ? bitsetWords : sizes[k]
  return {
    version,
    cursor,
    dictionary: parts.dictionary,
    n,
    keys,
    ordinalOf,
    seqOf: Int32Array.from(seqs),
    keyStart,
    keyList,
    words: Uint16Array.from(parts.words, (w) => Math.min(w, 65_535)),
    titles: parts.titles,
    buckets,
    members,
    dense,
    intersectCost,
    keysPerProduct: n === 0 ? 0 : keyList.length / n,
    text,
  }
}

/**
 * The index after the products `changed` (seqs) changed: `rows` are their current rows (a deleted
 * product has none). Unchanged products are copied from `base`; the changed ones are parsed and
 * tokenized; the result is laid out as a build over the same catalog lays it out (ordinals in seq
 * order, the same postings and scores: text-index.ts mergeTextIndex). Null when a seq passes MAX_SEQ.
 */
function applyChanges(
  base: FacetIndex,
  changed: readonly number[],
  rows: readonly ScannedRow[],
  version: number,
  cursor: number,
): FacetIndex | null {
  const gone = new Set(changed)
  const fresh = [...rows].sort((a, b) => Number(a.seq) - Number(b.seq))
  for (const row of fresh) if (Number(row.seq) > MAX_SEQ) return null
  // The added products' text, in seq order (ordinal m of `added` is fresh[m]).
  const builder = createTextIndexBuilder()
  const addedParts = newParts(new Map(base.dictionary), [...base.keys])
  for (const row of fresh) {
    const facets = addRow(addedParts, row)
    builder.add(row.text as TextRow, facets.p)
  }
  const added = builder.finish(UNPUBLISHED)
  // New ordinals: the kept old products and the fresh rows merged by seq.
  const oldToNew = new Int32Array(base.n).fill(-1)
  const addedTo = new Int32Array(fresh.length)
  const parts = newParts(addedParts.dictionary, addedParts.keys)
  const n0 = base.n
  let kept = 0
  for (let o = 0; o < n0; o++) if (!gone.has(base.seqOf[o])) kept++
  const n = kept + fresh.length
  const buckets = new Map<string, Uint8Array>()
  for (const [currency] of base.buckets) buckets.set(currency, new Uint8Array(n))
  for (let o = 0, m = 0; o < n0 || m < fresh.length; ) {
    const j = parts.seqs.length
    while (o < n0 && gone.has(base.seqOf[o])) o++
    const oldSeq = o < n0 ? base.seqOf[o] : Number.POSITIVE_INFINITY
    const newSeq = m < fresh.length ? Number(fresh[m].seq) : Number.POSITIVE_INFINITY
    if (oldSeq === Number.POSITIVE_INFINITY && newSeq === Number.POSITIVE_INFINITY) break
    if (oldSeq < newSeq) {
      for (let i = base.keyStart[o]; i < base.keyStart[o + 1]; i++) parts.keyRuns.push(base.keyList[i])
      parts.keyStarts.push(parts.keyRuns.length)
      parts.seqs.push(oldSeq)
      parts.words.push(base.words[o])
      parts.titles.push(base.titles[o])
      for (const [currency, column] of base.buckets) (buckets.get(currency) as Uint8Array)[j] = column[o]
      oldToNew[o] = j
      o++
    } else {
      for (let i = addedParts.keyStarts[m]; i < addedParts.keyStarts[m + 1]; i++)
        parts.keyRuns.push(addedParts.keyRuns[i])
      parts.keyStarts.push(parts.keyRuns.length)
      parts.seqs.push(newSeq)
      parts.words.push(addedParts.words[m])
      parts.titles.push(addedParts.titles[m])
      setBuckets(buckets, n, j, addedParts.prices[m])
      addedTo[m] = j
      m++
    }
  }
  const text = mergeTextIndex(base.text as TextIndex, oldToNew, added, addedTo, n, UNPUBLISHED)
  return assemble(version, cursor, parts, buckets, text)
}

/** Bytes the facet part holds (an estimate: typed arrays, strings at 2 bytes a character plus a header). */
function facetBytes(index: FacetIndex): number {
  let bytes = 0
  bytes += index.ordinalOf.byteLength + index.seqOf.byteLength + index.keyStart.byteLength + index.keyList.byteLength
  bytes += index.words.byteLength
  for (const title of index.titles) bytes += 16 + 2 * title.length
  for (const column of index.buckets.values()) bytes += column.byteLength
  for (const set of index.members) bytes += set.byteLength + 32
  return bytes
}

function countIndexed(index: FacetIndex, hits: FacetHit[], currency: string): CountedFacets {
  const { ordinalOf, words } = index
  const ordinals = new Int32Array(hits.length)
  let found = 0
  for (const hit of hits) {
    const o = hit.seq < ordinalOf.length ? ordinalOf[hit.seq] : -1
    if (o < 0) continue // not in the catalog at this version (cannot happen when the hits were read at it)
    hit.words = words[o]
    ordinals[found++] = o
  }
  return countOrdinals(index, ordinals, found, currency)
}

/** Counts over the first `found` of `ordinals`: walking each one's keys, or intersecting bitsets, whichever is cheaper. */
function countOrdinals(index: FacetIndex, ordinals: Int32Array, found: number, currency: string): CountedFacets {
  const column = index.buckets.get(currency)
  const prices: number[] = new Array(PRICE_BUCKETS.length + 1).fill(0)
  if (column) for (let h = 0; h < found; h++) if (column[ordinals[h]] > 0) prices[column[ordinals[h]] - 1]++
  const tally = new Int32Array(index.keys.length)
  if (found * index.keysPerProduct <= index.intersectCost) {
    const { keyStart, keyList } = index
    for (let h = 0; h < found; h++) {
      const o = ordinals[h]
      for (let i = keyStart[o]; i < keyStart[o + 1]; i++) tally[keyList[i]]++
    }
  } else {
    const match = new Uint32Array((index.n + 31) >>> 5)
    for (let h = 0; h < found; h++) match[ordinals[h] >>> 5] |= 1 << (ordinals[h] & 31)
    for (let k = 0; k < tally.length; k++) {
      const set = index.members[k]
      let n = 0
      if (index.dense[k]) {
        for (let w = 0; w < set.length; w++) n += popcount(set[w] & match[w])
      } else {
        for (let i = 0; i < set.length; i++) n += (match[set[i] >>> 5] >>> (set[i] & 31)) & 1
      }
      tally[k] = n
    }
  }
  return named(index.keys, tally, prices)
}

/** Without the index: the hits' own facet data, parsed for this count only. */
function countLoaded(hits: FacetHit[], currency: string, loaded: Map<number, string>): CountedFacets {
  const dictionary = new Map<string, number>()
  const keys: Key[] = []
  const counts: number[] = []
  const add = (name: string, key: Key) => {
    const id = dictionary.get(name)
    if (id !== undefined) counts[id]++
    else {
      dictionary.set(name, keys.length)
      keys.push(key)
      counts.push(1)
    }
  }
  const prices: number[] = new Array(PRICE_BUCKETS.length + 1).fill(0)
  for (const hit of hits) {
    const json = loaded.get(hit.seq)
    if (json === undefined) continue // deleted since the hits were read
    const facets = JSON.parse(json) as ProductFacets
    hit.words = facets.w ?? 0
    for (const id of facets.c) add(`c\u0000${id}`, { kind: 'c', id })
    for (const [name, value] of facets.o) add(`o\u0000${name}\u0000${value}`, { kind: 'o', name, value })
    const price = facets.p[currency]
    if (price !== undefined) prices[bucketOf(price)]++
  }
  return named(keys, counts, prices)
}

function named(keys: Key[], tally: ArrayLike<number>, prices: number[]): CountedFacets {
  const counted: CountedFacets = { categories: new Map(), prices, options: [] }
  for (let id = 0; id < keys.length; id++) {
    const n = tally[id]
    if (!n) continue
    const key = keys[id]
    if (key.kind === 'c') counted.categories.set(key.id, n)
    else counted.options.push({ name: key.name, value: key.value, count: n })
  }
  return counted
}

function popcount(x: number): number {
  let v = x - ((x >>> 1) & 0x55555555)
  v = (v & 0x33333333) + ((v >>> 2) & 0x33333333)
  return Math.imul((v + (v >>> 4)) & 0x0f0f0f0f, 0x01010101) >>> 24
}

function bucketOf(amount: number): number {
  let i = 0
  while (i < PRICE_BUCKETS.length && amount >= PRICE_BUCKETS[i]) i++
  return i
}
