/**
 * The per-node text index (issue 14): what FTS5 and the tsvector hold, kept in memory beside the
 * facet index (facets.ts builds both from one scan, and brings both to each new catalog version:
 * mergeTextIndex lays out the index a build would give from the old one and the changed products).
 * Pure data structures and functions, no I/O.
 *
 * - Vocabulary: every word of the searchable fields (title, SKUs and tags, description, category names
 *   and option values: `search_a`, `_b`, `_c`, `_e`), sorted, so a prefix is a range.
 * - Postings per word: the product ordinals that hold it, ascending, each with the word's score in
 *   that product before idf (a Float32, computed at build from the term frequency and length of each
 *   field; negative when the word is in the title).
 * - Per product: its filter tokens (`search_d`: status, categories with ancestors, tags, options),
 *   whether a variant is in stock, and its lowest price per currency.
 *
 * A query matches what the SQL matches (every term: its word as typed, or the words starting with it
 * for the prefix term, or one of its typo alternatives; the filter tokens; published only; the price
 * range) and ranks the matches one way on both databases (compareRanked): titles that hold every word
 * as typed first, shorter titles first; then matches of every word as typed; then the text score; then
 * the later product. The text score sums, over the query's terms, the term's best field score
 * (`idf · weight · bm25 term frequency` with the field's own length normalization), taking the best of
 * a term's words: a term is scored by the best field it occurs in, never by proximity across fields.
 */
import type { ExpandedTerm } from './text.ts'

/** Field weights: title, SKUs and tags, description, category names and option values. */
export const FIELD_WEIGHTS = [10, 4, 1, 0.5] as const
const K1 = 1.2
const B = 0.75
const FIELDS = 4

/** One product's searchable text as stored (normalized, words separated by single spaces). */
export interface TextRow {
  a: string
  b: string
  c: string
  d: string
  e: string
  /** Whether a variant is in stock (the inStock filter). */
  inStock?: boolean
  /** The product's id and creation time (the newest and price orders). */
  id?: string
  createdAt?: number
}

export interface TextIndex {
  /** Products (ordinals 0 .. n - 1). */
  n: number
  /** Every word, sorted (code units). */
  vocabulary: string[]
  /** Words by their last two characters (typo candidates, text.ts typoKeys). */
  byTail: Map<string, Int32Array>
  /** Word w's postings are postOrdinal/postScore[postStart[w] .. postStart[w + 1]). */
  postStart: Int32Array
  postOrdinal: Int32Array
  /**
   * The word's score in the product before idf (fieldScore: its best field), negative when the word is
   * in the title (the exactness signal). Computed once at build: a query multiplies by its idf.
   */
  postScore: Float32Array
  /** Filter tokens (search_d) by name; product o has tokenList[tokenStart[o] .. tokenStart[o + 1]). */
  tokens: Map<string, number>
  tokenStart: Int32Array
  tokenList: Int32Array
  /** 1 for a product that storefront search shows (no draft or archived token). */
  published: Uint8Array
  /** 1 for a product with a variant in stock. */
  inStock: Uint8Array
  /** Per ordinal: the product's id and creation time (epoch ms). */
  ids: string[]
  createdAt: Float64Array
  /** Lowest price per currency and ordinal (NaN: no price in that currency). */
  prices: Map<string, Float64Array>
  /** The packed term frequency behind each posting (a byte per field), to score it again (mergeTextIndex). */
  postTf: Int32Array
  /** Per ordinal: a hash of its search text (all five fields): an update whose text is unchanged touches no posting. */
  textHash: Int32Array
  /** Per ordinal and field: its length in words; per field, the mean length the scores were computed with. */
  lengths: Uint16Array
  averages: Float64Array
  /** Reused by every query (queries run synchronously, one at a time); all zero between queries. */
  scratch: { seen: Uint8Array; typed: Uint8Array; title: Uint8Array; best: Float64Array; score: Float64Array }
}

/** What a query is filtered by, beside its text (store.Filter, less what the index does not hold). */
export interface TextFilter {
  /** Groups of filter tokens: every group needs one of its tokens (category, each tag, each option name). */
  groups: readonly (readonly string[])[]
  currency: string
  minPrice?: number
  maxPrice?: number
  inStock?: boolean
}

/** The matches of a query, in ordinal order: parallel arrays. */
export interface TextMatches {
  count: number
  ordinals: Int32Array
  rank: Float64Array
  /** Bit 1: the title holds every word as typed; bit 2: every word matched as typed. */
  flags: Uint8Array
}

export const EXACT = 1
export const TYPED = 2

/** Collects products in ordinal order (0, 1, 2, ...), then freezes them into a TextIndex. */
export function createTextIndexBuilder() {
  const ids = new Map<string, number>()
  const words: string[] = []
  let triples = new Int32Array(3 * 65_536)
  let used = 0
  let lengths = new Uint16Array(FIELDS * 1024)
  const tokens = new Map<string, number>()
  const tokenRuns: number[] = []
  const tokenStarts: number[] = [0]
  const priceRows: Record<string, number>[] = []
  const stocked: number[] = []
  const productIds: string[] = []
  const created: number[] = []
  const hashes: number[] = []
  let n = 0
  return { add, finish, bytes }

  function add(row: TextRow, prices: Record<string, number>) {
    const o = n++
    if (lengths.length < n * FIELDS) lengths = grow(lengths, n * FIELDS * 2)
    const local = new Map<number, number>()
    const fields = [row.a, row.b, row.c, row.e]
    for (let f = 0; f < FIELDS; f++) {
      if (fields[f] === '') continue
      const split = fields[f].split(' ')
      lengths[o * FIELDS + f] = Math.min(split.length, 65_535)
      const shift = 8 * f
      for (const word of split) {
        if (word === '') continue
        let id = ids.get(word)
        if (id === undefined) {
          id = words.length
          words.push(word)
          ids.set(word, id)
        }
        const packed = local.get(id) ?? 0
        if (((packed >>> shift) & 255) < 255) local.set(id, packed + 2 ** shift)
      }
    }
    if (triples.length < used + 3 * local.size)
      triples = grow(triples, Math.max(triples.length * 2, used + 3 * local.size))
    for (const [id, packed] of local) {
      triples[used++] = id
      triples[used++] = o
      triples[used++] = packed | 0
    }
    for (const token of row.d === '' ? [] : row.d.split(' ')) {
      let id = tokens.get(token)
      if (id === undefined) {
        id = tokens.size
        tokens.set(token, id)
      }
      tokenRuns.push(id)
    }
    tokenStarts.push(tokenRuns.length)
    priceRows.push(prices)
    stocked.push(row.inStock ? 1 : 0)
    productIds.push(row.id ?? '')
    hashes.push(textHashOf(row))
    created.push(row.createdAt ?? 0)
  }

  function finish(hidden: readonly string[]): TextIndex {
    // The default sort compares UTF-16 code units, as lowerBound's `<` does.
    const vocabulary = words.slice().sort()
    const renumber = new Int32Array(words.length)
    for (let w = 0; w < vocabulary.length; w++) renumber[ids.get(vocabulary[w]) as number] = w
    const tails = new Map<string, number[]>()
    for (let w = 0; w < vocabulary.length; w++) {
      const tail = vocabulary[w].slice(-2)
      const list = tails.get(tail)
      if (list) list.push(w)
      else tails.set(tail, [w])
    }
    const byTail = new Map([...tails].map(([tail, list]) => [tail, Int32Array.from(list)]))
    const postStart = new Int32Array(words.length + 1)
    for (let t = 0; t < used; t += 3) postStart[renumber[triples[t]] + 1]++
    for (let w = 0; w < words.length; w++) postStart[w + 1] += postStart[w]
    const fill = postStart.slice(0, words.length)
    const postOrdinal = new Int32Array(used / 3)
    const averages = new Float64Array(FIELDS)
    for (let o = 0; o < n; o++) for (let f = 0; f < FIELDS; f++) averages[f] += lengths[o * FIELDS + f]
    for (let f = 0; f < FIELDS; f++) averages[f] = n === 0 || averages[f] === 0 ? 1 : averages[f] / n
    const postScore = new Float32Array(used / 3)
    const postTf = new Int32Array(used / 3)
    // Triples were added in ordinal order, so each word's postings come out ascending.
    for (let t = 0; t < used; t += 3) {
      const at = fill[renumber[triples[t]]]++
      postOrdinal[at] = triples[t + 1]
      postTf[at] = triples[t + 2]
      const tf = triples[t + 2] >>> 0
      const score = fieldScore(tf, lengths, triples[t + 1], averages)
      postScore[at] = (tf & 255) !== 0 ? -score : score
    }
    const tokenStart = Int32Array.from(tokenStarts)
    const tokenList = Int32Array.from(tokenRuns)
    const hiddenIds = new Set(hidden.map((t) => tokens.get(t)).filter((id) => id !== undefined))
    const published = new Uint8Array(n)
    for (let o = 0; o < n; o++) {
      published[o] = 1
      for (let i = tokenStart[o]; i < tokenStart[o + 1]; i++) if (hiddenIds.has(tokenList[i])) published[o] = 0
    }
    const prices = new Map<string, Float64Array>()
    for (let o = 0; o < n; o++) {
      for (const [currency, amount] of Object.entries(priceRows[o])) {
        let column = prices.get(currency)
        if (!column) {
          column = new Float64Array(n).fill(Number.NaN)
          prices.set(currency, column)
        }
        column[o] = amount
      }
    }
    return {
      n,
      vocabulary,
      byTail,
      postStart,
      postOrdinal,
      postScore,
      postTf,
      lengths: lengths.slice(0, n * FIELDS),
      averages,
      tokens,
      tokenStart,
      tokenList,
      published,
      inStock: Uint8Array.from(stocked),
      ids: productIds,
      createdAt: Float64Array.from(created),
      textHash: Int32Array.from(hashes),
      prices,
      scratch: scratchOf(n),
    }
  }

  /** Bytes the builder holds so far (an estimate, to stop a build that would exceed a memory cap). */
  function bytes(): number {
    return (used / 3) * 12 + n * 120
  }
}

/** FNV-1a over the five fields (with separators). */
function textHashOf(row: TextRow): number {
  let h = 0x811c9dc5
  for (const field of [row.a, row.b, row.c, row.d, row.e]) {
    for (let i = 0; i < field.length; i++) h = Math.imul(h ^ field.charCodeAt(i), 0x01000193)
    h = Math.imul(h ^ 0x1f, 0x01000193)
  }
  return h | 0
}

function scratchOf(n: number): TextIndex['scratch'] {
  return {
    seen: new Uint8Array(n),
    typed: new Uint8Array(n),
    title: new Uint8Array(n),
    best: new Float64Array(n),
    score: new Float64Array(n),
  }
}

/**
 * The index after some products changed, as a full build over the new catalog would lay it out:
 * `old` less the products it maps to -1 in `oldToNew` (changed or deleted), plus `added` (a small index
 * built from the changed products' current rows), whose ordinal m becomes `addedTo[m]`. Ordinals of
 * the new index are the catalog's seq order, as in a build, and every array is the one a build gives:
 * unchanged products are copied, not tokenized again; a word no product holds any more leaves the
 * vocabulary. Every posting's score depends on the mean field lengths, so when those moved (a text
 * changed, a product came or went) every posting is scored again from its term frequency; otherwise
 * scores are copied. Cost: a few passes over the postings (no database read, no tokenizing) instead of
 * a rebuild's tokenizing of every product.
 */
export function mergeTextIndex(
  old: TextIndex,
  oldToNew: Int32Array,
  added: TextIndex,
  addedTo: Int32Array,
  n: number,
  hidden: readonly string[],
): TextIndex {
  const unchanged = sameText(old, oldToNew, added, addedTo, n)
  if (unchanged) return unchanged
  // Per new ordinal: its old ordinal (>= 0), or -(m + 1) for the added product m.
  const source = new Int32Array(n)
  for (let o = 0; o < old.n; o++) if (oldToNew[o] >= 0) source[oldToNew[o]] = o
  for (let m = 0; m < added.n; m++) source[addedTo[m]] = -(m + 1)
  // Filter tokens: the old ids stay, the added products' tokens are interned by name.
  const tokens = new Map(old.tokens)
  const addedToken = new Int32Array(added.tokens.size)
  for (const [token, id] of added.tokens) {
    let merged = tokens.get(token)
    if (merged === undefined) {
      merged = tokens.size
      tokens.set(token, merged)
    }
    addedToken[id] = merged
  }
  const tokenStart = new Int32Array(n + 1)
  for (let j = 0; j < n; j++) {
    const s = source[j]
    const count = s >= 0 ? old.tokenStart[s + 1] - old.tokenStart[s] : added.tokenStart[-s] - added.tokenStart[-s - 1]
    tokenStart[j + 1] = tokenStart[j] + count
  }
  const tokenList = new Int32Array(tokenStart[n])
  const lengths = new Uint16Array(n * FIELDS)
  const inStock = new Uint8Array(n)
  const ids: string[] = new Array(n)
  const createdAt = new Float64Array(n)
  const textHash = new Int32Array(n)
  const prices = new Map<string, Float64Array>()
  for (const currency of new Set([...old.prices.keys(), ...added.prices.keys()]))
    prices.set(currency, new Float64Array(n).fill(Number.NaN))
  // Price columns as parallel lists (from, to), so the loop below allocates nothing per product.
  const oldFrom = [...old.prices.values()]
  const oldTo = [...old.prices.keys()].map((c) => prices.get(c) as Float64Array)
  const addedFrom = [...added.prices.values()]
  const addedInto = [...added.prices.keys()].map((c) => prices.get(c) as Float64Array)
  for (let j = 0; j < n; j++) {
    const s = source[j]
    let at = tokenStart[j]
    if (s >= 0) {
      for (let i = old.tokenStart[s]; i < old.tokenStart[s + 1]; i++) tokenList[at++] = old.tokenList[i]
      for (let f = 0; f < FIELDS; f++) lengths[j * FIELDS + f] = old.lengths[s * FIELDS + f]
      inStock[j] = old.inStock[s]
      ids[j] = old.ids[s]
      createdAt[j] = old.createdAt[s]
      textHash[j] = old.textHash[s]
      for (let c = 0; c < oldFrom.length; c++) oldTo[c][j] = oldFrom[c][s]
    } else {
      const m = -s - 1
      for (let i = added.tokenStart[m]; i < added.tokenStart[m + 1]; i++)
        tokenList[at++] = addedToken[added.tokenList[i]]
      for (let f = 0; f < FIELDS; f++) lengths[j * FIELDS + f] = added.lengths[m * FIELDS + f]
      inStock[j] = added.inStock[m]
      ids[j] = added.ids[m]
      createdAt[j] = added.createdAt[m]
      textHash[j] = added.textHash[m]
      for (let c = 0; c < addedFrom.length; c++) addedInto[c][j] = addedFrom[c][m]
    }
  }
  const averages = new Float64Array(FIELDS)
  for (let j = 0; j < n; j++) for (let f = 0; f < FIELDS; f++) averages[f] += lengths[j * FIELDS + f]
  for (let f = 0; f < FIELDS; f++) averages[f] = n === 0 || averages[f] === 0 ? 1 : averages[f] / n
  let rescore = false
  for (let f = 0; f < FIELDS; f++) if (averages[f] !== old.averages[f]) rescore = true

  // The vocabulary: both sorted lists merged, keeping the words some product still holds.
  const kept = new Int32Array(old.vocabulary.length)
  for (let w = 0; w < old.vocabulary.length; w++) {
    let k = 0
    for (let p = old.postStart[w]; p < old.postStart[w + 1]; p++) if (oldToNew[old.postOrdinal[p]] >= 0) k++
    kept[w] = k
  }
  const vocabulary: string[] = []
  const fromOld: number[] = []
  const fromAdded: number[] = []
  const postStart: number[] = [0]
  let total = 0
  for (let w = 0, a = 0; w < old.vocabulary.length || a < added.vocabulary.length; ) {
    const ow = old.vocabulary[w]
    const aw = added.vocabulary[a]
    let word: string
    let o = -1
    let m = -1
    if (a >= added.vocabulary.length || (w < old.vocabulary.length && ow < aw)) {
      word = ow
      o = w++
    } else if (w >= old.vocabulary.length || aw < ow) {
      word = aw
      m = a++
    } else {
      word = ow
      o = w++
      m = a++
    }
    const count = (o >= 0 ? kept[o] : 0) + (m >= 0 ? added.postStart[m + 1] - added.postStart[m] : 0)
    if (count === 0) continue
    vocabulary.push(word)
    fromOld.push(o)
    fromAdded.push(m)
    total += count
    postStart.push(total)
  }
  const postOrdinal = new Int32Array(total)
  const postScore = new Float32Array(total)
  const postTf = new Int32Array(total)
  const score = (at: number, j: number, tf: number) => {
    const v = fieldScore(tf >>> 0, lengths, j, averages)
    postScore[at] = (tf & 255) !== 0 ? -v : v
  }
  let at = 0
  for (let w = 0; w < vocabulary.length; w++) {
    // Both runs ascend in new ordinals (oldToNew keeps order; added rows were built in seq order).
    let p = fromOld[w] >= 0 ? old.postStart[fromOld[w]] : 0
    const pEnd = fromOld[w] >= 0 ? old.postStart[fromOld[w] + 1] : 0
    let q = fromAdded[w] >= 0 ? added.postStart[fromAdded[w]] : 0
    const qEnd = fromAdded[w] >= 0 ? added.postStart[fromAdded[w] + 1] : 0
    for (;;) {
      while (p < pEnd && oldToNew[old.postOrdinal[p]] < 0) p++
      const jo = p < pEnd ? oldToNew[old.postOrdinal[p]] : n
      const ja = q < qEnd ? addedTo[added.postOrdinal[q]] : n
      if (jo === n && ja === n) break
      if (jo < ja) {
        postOrdinal[at] = jo
        postTf[at] = old.postTf[p]
        if (rescore) score(at, jo, old.postTf[p])
        else postScore[at] = old.postScore[p]
        p++
      } else {
        postOrdinal[at] = ja
        postTf[at] = added.postTf[q]
        score(at, ja, added.postTf[q])
        q++
      }
      at++
    }
  }
  // The same words as before (a price or stock change, most text edits): the old vocabulary and its
  // by-tail table stay as they are.
  let same = vocabulary.length === old.vocabulary.length
  for (let w = 0; same && w < vocabulary.length; w++) same = fromOld[w] === w
  let byTail = old.byTail
  if (!same) {
    const tails = new Map<string, number[]>()
    for (let w = 0; w < vocabulary.length; w++) {
      const tail = vocabulary[w].slice(-2)
      const list = tails.get(tail)
      if (list) list.push(w)
      else tails.set(tail, [w])
    }
    byTail = new Map([...tails].map(([tail, list]) => [tail, Int32Array.from(list)]))
  }
  // Old token ids are kept, so a kept product's flag is copied; an added one's is computed.
  const hiddenIds = new Set(hidden.map((t) => tokens.get(t)).filter((id) => id !== undefined))
  const published = new Uint8Array(n)
  for (let j = 0; j < n; j++) {
    if (source[j] >= 0) {
      published[j] = old.published[source[j]]
      continue
    }
    published[j] = 1
    for (let i = tokenStart[j]; i < tokenStart[j + 1]; i++) if (hiddenIds.has(tokenList[i])) published[j] = 0
  }
  return {
    n,
    vocabulary: same ? old.vocabulary : vocabulary,
    byTail,
    postStart: Int32Array.from(postStart),
    postOrdinal,
    postScore,
    postTf,
    lengths,
    averages,
    tokens,
    tokenStart,
    tokenList,
    published,
    inStock,
    ids,
    createdAt,
    textHash,
    prices,
    scratch: n === old.n ? old.scratch : scratchOf(n),
  }
}

/**
 * When the same products remain (each changed one in its old place) and every changed product's text
 * hash is the one the index holds (a price or stock change), the words, postings, scores, tokens and
 * vocabulary stay as they are: only the in-stock flags and prices are copied with the changes.
 * Undefined otherwise.
 */
function sameText(
  old: TextIndex,
  oldToNew: Int32Array,
  added: TextIndex,
  addedTo: Int32Array,
  n: number,
): TextIndex | undefined {
  if (n !== old.n) return undefined
  for (let m = 0; m < added.n; m++) {
    const j = addedTo[m]
    if (oldToNew[j] !== -1 || old.textHash[j] !== added.textHash[m]) return undefined
    // (j is the changed product's old ordinal too: no product came or went, and ordinals follow seq.)
  }
  for (let o = 0; o < old.n; o++) if (oldToNew[o] !== o && oldToNew[o] !== -1) return undefined
  const inStock = old.inStock.slice()
  const prices = new Map<string, Float64Array>()
  for (const [currency, column] of old.prices) prices.set(currency, column.slice())
  for (const currency of added.prices.keys())
    if (!prices.has(currency)) prices.set(currency, new Float64Array(n).fill(Number.NaN))
  for (let m = 0; m < added.n; m++) {
    const j = addedTo[m]
    if (old.ids[j] !== added.ids[m] || old.createdAt[j] !== added.createdAt[m]) return undefined
    inStock[j] = added.inStock[m]
    for (const [currency, column] of prices) column[j] = added.prices.get(currency)?.[m] ?? Number.NaN
  }
  return { ...old, inStock, prices }
}

/**
 * A word's score in one product before idf: its best field's weight times bm25's term frequency
 * saturation, normalized by that field's own length (not the whole row's).
 */
function fieldScore(tf: number, lengths: Uint16Array, o: number, averages: Float64Array): number {
  let best = 0
  for (let f = 0; f < FIELDS; f++) {
    const count = (tf >>> (8 * f)) & 255
    if (count === 0) continue
    const norm = K1 * (1 - B + (B * lengths[o * FIELDS + f]) / averages[f])
    const v = (FIELD_WEIGHTS[f] * count * (K1 + 1)) / (count + norm)
    if (v > best) best = v
  }
  return best
}

function grow<T extends Int32Array | Uint16Array>(array: T, size: number): T {
  const bigger = new (array.constructor as new (n: number) => T)(size)
  bigger.set(array)
  return bigger
}

/** Bytes the index holds in typed arrays and strings (an estimate: strings at 2 bytes a character plus a header). */
export function textIndexBytes(index: TextIndex): number {
  let bytes =
    index.postStart.byteLength +
    index.postOrdinal.byteLength +
    index.postScore.byteLength +
    index.postTf.byteLength +
    index.lengths.byteLength +
    index.tokenStart.byteLength +
    index.tokenList.byteLength +
    index.published.byteLength +
    index.inStock.byteLength
  for (const word of index.vocabulary) bytes += 16 + word.length + 8 + 4
  bytes += index.byTail.size * 64
  for (const token of index.tokens.keys()) bytes += 16 + token.length + 40
  for (const id of index.ids) bytes += 16 + id.length + 8
  bytes += index.createdAt.byteLength + index.textHash.byteLength
  for (const column of index.prices.values()) bytes += column.byteLength
  const s = index.scratch
  return bytes + s.seen.byteLength * 3 + s.best.byteLength * 2
}

/** Position of the first vocabulary word not below `word`. */
function lowerBound(vocabulary: readonly string[], word: string): number {
  let lo = 0
  let hi = vocabulary.length
  while (lo < hi) {
    const mid = (lo + hi) >>> 1
    if (vocabulary[mid] < word) lo = mid + 1
    else hi = mid
  }
  return lo
}

/**
 * Typo candidates of a word from the vocabulary, as the SQL path reads them from `search_word`
 * (store.candidateWords): words sharing its first two characters or (not for a prefix) its last two,
 * within one letter of its length (a prefix: at least its length less one, at most 40 letters).
 */
export function typoCandidates(
  index: TextIndex,
  keys: { head: string; tail?: string; minLength: number; maxLength: number },
): string[] {
  const { vocabulary } = index
  const out = new Set<string>()
  const fits = (word: string) => word.length >= keys.minLength && word.length <= keys.maxLength
  for (let at = lowerBound(vocabulary, keys.head); at < vocabulary.length; at++) {
    const word = vocabulary[at]
    if (!word.startsWith(keys.head)) break
    if (fits(word)) out.add(word)
  }
  if (keys.tail !== undefined) {
    for (const w of index.byTail.get(keys.tail) ?? []) if (fits(vocabulary[w])) out.add(vocabulary[w])
  }
  return [...out]
}

/** The vocabulary ids a term accepts: its word as typed (every word it starts, for a prefix) first, then its alternatives. */
function termWords(index: TextIndex, term: ExpandedTerm): { ids: number[]; typed: number } {
  const { vocabulary } = index
  const ids: number[] = []
  const first = term.words[0]
  let at = lowerBound(vocabulary, first)
  if (term.prefix) {
    while (at < vocabulary.length && vocabulary[at].startsWith(first)) ids.push(at++)
  } else if (vocabulary[at] === first) {
    ids.push(at)
  }
  const typed = ids.length
  for (const word of term.words.slice(1)) {
    at = lowerBound(vocabulary, word)
    if (vocabulary[at] === word && !ids.includes(at)) ids.push(at)
  }
  return { ids, typed }
}

/** Every product the query matches (terms and filter), with its text score and flags. */
export function matchText(index: TextIndex, terms: readonly ExpandedTerm[], filter: TextFilter): TextMatches {
  const { postStart, postOrdinal, postScore, n } = index
  const none: TextMatches = {
    count: 0,
    ordinals: new Int32Array(0),
    rank: new Float64Array(0),
    flags: new Uint8Array(0),
  }
  const groups = terms.map((t) => {
    const { ids, typed } = termWords(index, t)
    let postings = 0
    for (const id of ids) postings += postStart[id + 1] - postStart[id]
    // Rarer terms weigh more: bm25's idf over the products holding any of the term's words.
    const held = Math.min(postings, n)
    return { ids, typed, postings, idf: Math.log(1 + (n - held + 0.5) / (held + 0.5)) }
  })
  if (groups.length === 0 || groups.some((g) => g.ids.length === 0)) return none
  // The score is a sum over terms, so their order is free: the rarest first keeps later passes to its matches.
  groups.sort((x, y) => x.postings - y.postings)
  const { seen, typed, title, best, score } = index.scratch
  for (let g = 0; g < groups.length; g++) {
    const { ids, idf } = groups[g]
    for (let j = 0; j < ids.length; j++) {
      const isTyped = j < groups[g].typed
      for (let p = postStart[ids[j]]; p < postStart[ids[j] + 1]; p++) {
        const o = postOrdinal[p]
        const state = seen[o]
        if (state < g) continue // missed an earlier term
        const pre = postScore[p]
        const inTitle = pre < 0
        let s = inTitle ? -pre : pre
        s *= idf
        if (state === g) {
          seen[o] = g + 1
          best[o] = s
          score[o] += s
        } else if (s > best[o]) {
          score[o] += s - best[o]
          best[o] = s
        }
        if (isTyped) {
          if (typed[o] === g) typed[o] = g + 1
          if (inTitle && title[o] === g) title[o] = g + 1
        }
      }
    }
  }
  // Every match holds one of the first (rarest) term's words: collect from those postings, in ordinal order.
  const all = groups.length
  const first = groups[0].ids
  let size = 0
  for (const id of first) size += postStart[id + 1] - postStart[id]
  let candidates = new Int32Array(size)
  let found = 0
  for (const id of first) {
    for (let p = postStart[id]; p < postStart[id + 1]; p++) {
      const o = postOrdinal[p]
      if (seen[o] === all) {
        candidates[found++] = o
        seen[o] = 255 // collected once, even when it holds several of the term's words
      }
    }
  }
  candidates = candidates.subarray(0, found)
  if (first.length > 1) candidates.sort()
  const keep = filterOf(index, filter)
  const ordinals = new Int32Array(found)
  const rank = new Float64Array(found)
  const flags = new Uint8Array(found)
  let count = 0
  for (let c = 0; c < found; c++) {
    const o = candidates[c]
    if (!keep(o)) continue
    ordinals[count] = o
    rank[count] = score[o]
    flags[count] = (title[o] === all ? EXACT : 0) | (typed[o] === all ? TYPED : 0)
    count++
  }
  for (const id of first) {
    for (let p = postStart[id]; p < postStart[id + 1]; p++) {
      const o = postOrdinal[p]
      seen[o] = typed[o] = title[o] = 0
      best[o] = score[o] = 0
    }
  }
  return {
    count,
    ordinals: ordinals.subarray(0, count),
    rank: rank.subarray(0, count),
    flags: flags.subarray(0, count),
  }
}

/** Whether a product passes the filter: published, every token group, the price range. */
function filterOf(index: TextIndex, filter: TextFilter): (o: number) => boolean {
  const { tokenStart, tokenList, published, inStock } = index
  const stocked = filter.inStock === true
  // A token no product holds leaves its group empty (an unknown tag, category or option matches nothing).
  const groups = filter.groups.map((group) => new Set(group.map((t) => index.tokens.get(t) ?? -1)))
  const priced = filter.minPrice !== undefined || filter.maxPrice !== undefined
  const column = index.prices.get(filter.currency)
  const min = filter.minPrice ?? Number.NEGATIVE_INFINITY
  const max = filter.maxPrice ?? Number.POSITIVE_INFINITY
  return (o) => {
    if (published[o] === 0 || (stocked && inStock[o] === 0)) return false
    if (priced) {
      const amount = column ? column[o] : Number.NaN
      if (!(amount >= min && amount <= max)) return false
    }
    for (const group of groups) {
      let found = false
      for (let i = tokenStart[o]; i < tokenStart[o + 1] && !found; i++) found = group.has(tokenList[i])
      if (!found) return false
    }
    return true
  }
}

/**
 * Relevance order of two matches (indexes into `m`): exact titles first, shorter titles first among
 * them; then every word as typed; then the text score; then the later product (higher seq).
 */
export function compareRanked(m: TextMatches, words: Uint16Array, seqOf: Int32Array, i: number, j: number): number {
  const ei = m.flags[i] & EXACT
  const ej = m.flags[j] & EXACT
  if (ei !== ej) return ej - ei
  if (ei) {
    const d = words[m.ordinals[i]] - words[m.ordinals[j]]
    if (d !== 0) return d
  }
  const ti = m.flags[i] & TYPED
  const tj = m.flags[j] & TYPED
  if (ti !== tj) return tj - ti
  if (m.rank[i] !== m.rank[j]) return m.rank[j] - m.rank[i]
  return seqOf[m.ordinals[j]] - seqOf[m.ordinals[i]]
}

/**
 * The best `k` matches (indexes into `m`), best first: a bounded heap (the worst kept on top), so a
 * broad query costs a comparison per match and a heap step only for those that enter the top k.
 */
export function topMatches(m: TextMatches, k: number, words: Uint16Array, seqOf: Int32Array): number[] {
  return topK(m.count, k, (i, j) => compareRanked(m, words, seqOf, i, j))
}

/**
 * The best `k` of `0 .. count - 1` under `before`, best first: a bounded heap (the worst kept on top),
 * so a broad query costs a comparison per match and a heap step only for those that enter the top k.
 * `keep` leaves some out (a cursor's keyset).
 */
export function topK(
  count: number,
  k: number,
  before: (i: number, j: number) => number,
  keep: (i: number) => boolean = () => true,
): number[] {
  const size = Math.min(k, count)
  if (size <= 0) return []
  const heap: number[] = []
  // heap[0] is the worst of the kept: a max-heap under `before`.
  const worse = (i: number, j: number) => before(heap[i], heap[j]) > 0
  const swap = (i: number, j: number) => {
    const t = heap[i]
    heap[i] = heap[j]
    heap[j] = t
  }
  const down = (from: number) => {
    let i = from
    for (;;) {
      const l = 2 * i + 1
      const r = l + 1
      let w = i
      if (l < heap.length && worse(l, w)) w = l
      if (r < heap.length && worse(r, w)) w = r
      if (w === i) return
      swap(i, w)
      i = w
    }
  }
  for (let x = 0; x < count; x++) {
    if (!keep(x)) continue
    if (heap.length < size) {
      heap.push(x)
      let i = heap.length - 1
      while (i > 0) {
        const parent = (i - 1) >>> 1
        if (!worse(i, parent)) break
        swap(i, parent)
        i = parent
      }
    } else if (before(x, heap[0]) < 0) {
      heap[0] = x
      down(0)
    }
  }
  return heap.sort(before)
}

/**
 * The page of matches in a stored order, as store.listCardsQuery orders it: newest (created_at, id
 * descending) or by price (the lowest price in the currency, then id; products without a price in it
 * are not listed), `after` the cursor's keyset; `k` of them, in order. Ids compare as code units
 * (they are ASCII, so every collation orders them so); 'name' is not answered here (titles compare by
 * the database's collation).
 */
export function sortedMatches(
  index: TextIndex,
  m: TextMatches,
  order: 'newest' | 'price' | '-price',
  currency: string,
  after: readonly (string | number)[] | undefined,
  k: number,
): number[] {
  const { ids, createdAt } = index
  const amounts = index.prices.get(currency)
  if (order !== 'newest' && !amounts) return []
  const keyOf = (o: number) => (order === 'newest' ? createdAt[o] : (amounts as Float64Array)[o])
  const sign = order === 'price' ? 1 : -1 // ascending by price; newest and -price descend
  const compareKeys = (ka: number, ia: string, kb: number, ib: string) =>
    sign * (ka !== kb ? (ka < kb ? -1 : 1) : ia < ib ? -1 : ia > ib ? 1 : 0)
  const before = (i: number, j: number) => {
    const a = m.ordinals[i]
    const b = m.ordinals[j]
    return compareKeys(keyOf(a), ids[a], keyOf(b), ids[b])
  }
  const afterKey = after === undefined ? undefined : Number(after[0])
  const afterId = after === undefined ? '' : String(after[1])
  const keep = (i: number) => {
    const o = m.ordinals[i]
    const key = keyOf(o)
    if (Number.isNaN(key)) return false
    return afterKey === undefined || compareKeys(key, ids[o], afterKey, afterId) > 0
  }
  return topK(m.count, k, before, keep)
}
