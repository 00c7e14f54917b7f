/**
 * Search text, done in JavaScript so that SQLite and PostgreSQL see exactly the same tokens: text is
 * lower-cased, stripped of diacritics and split on anything that is not a letter or digit. The indexes
 * (FTS5 unicode61, tsvector 'simple') then only split on spaces. Pure functions, no I/O.
 */

/** Words of at least this many letters tolerate one typo (issue 4). */
export const TYPO_MIN_LENGTH = 5
export const MAX_QUERY_TERMS = 8
const MAX_TERM_LENGTH = 40

const NON_WORD = /[^\p{L}\p{N}]+/u
const MARKS = /\p{M}/gu
const ASCII = /^\p{ASCII}*$/u

/** Lower case, no diacritics, words separated by single spaces. */
export function normalize(text: string): string {
  return text.normalize('NFKD').replace(MARKS, '').toLowerCase().split(NON_WORD).filter(Boolean).join(' ')
}

/** The distinct words of a text, normalized. */
export function words(text: string): string[] {
  const out = normalize(text)
  return out === '' ? [] : [...new Set(out.split(' '))]
}

/** A parsed query: each term must match; the last one also matches as a prefix (search as you type). */
export interface QueryTerm {
  text: string
  prefix: boolean
}

export function parseQuery(q: string): QueryTerm[] {
  const all = normalize(q).split(' ').filter(Boolean)
  const terms = all.slice(0, MAX_QUERY_TERMS).map((text) => ({ text: text.slice(0, MAX_TERM_LENGTH), prefix: false }))
  if (terms.length > 0 && q.length > 0 && !/[\s\p{P}]$/u.test(q)) terms[terms.length - 1].prefix = true
  return terms
}

/** Whether `a` and `b` are at most one edit apart (insert, delete, substitute, or swap of neighbours). */
export function withinOneEdit(a: string, b: string): boolean {
  if (a === b) return true
  const la = a.length
  const lb = b.length
  if (Math.abs(la - lb) > 1) return false
  let i = 0
  while (i < la && i < lb && a[i] === b[i]) i++
  if (la === lb) {
    if (a.slice(i + 1) === b.slice(i + 1)) return true // substitution
    return a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2) // transposition
  }
  return la > lb ? a.slice(i + 1) === b.slice(i) : a.slice(i) === b.slice(i + 1)
}

/**
 * Keys a one-edit neighbour of a word of five or more letters must share with it: its first two or its
 * last two characters (one edit cannot touch both ends), at a length within one.
 */
export function typoKeys(word: string): { head: string; tail: string; minLength: number; maxLength: number } {
  return { head: word.slice(0, 2), tail: word.slice(-2), minLength: word.length - 1, maxLength: word.length + 1 }
}

/** Head, tail and length stored for each vocabulary word (see typoKeys). */
export function vocabularyRow(word: string): { word: string; head: string; tail: string; len: number } {
  return { word, head: word.slice(0, 2), tail: word.slice(-2), len: word.length }
}

/**
 * Index token of a filter key: a category id, a tag or `name=value` of an option. Hex keeps it one
 * token for both engines; the `zz` + kind prefix and the separate column keep it away from user words.
 */
export function filterToken(kind: 'c' | 't' | 'o' | 's', key: string): string {
  return `zz${kind}${Buffer.from(key, 'utf8').toString('hex')}`
}

/** One group per query term: the words any of which satisfies it. */
export interface ExpandedTerm {
  words: string[]
  prefix: boolean
}

/** SQLite FTS5 MATCH expression: AND of groups, OR inside a group, `*` for prefixes. `typed`: the words as typed only. */
export function toFts5(terms: readonly ExpandedTerm[], typed = false): string {
  return terms
    .map((t) => {
      const words = typed ? t.words.slice(0, 1) : t.words
      const alternatives = words.map((w, i) => (i === 0 && t.prefix ? `"${w}"*` : `"${w}"`))
      return alternatives.length === 1 ? alternatives[0] : `(${alternatives.join(' OR ')})`
    })
    .join(' AND ')
}

/**
 * PostgreSQL to_tsquery text: same structure as toFts5 (`:*` for prefixes). `typed`: the words as typed
 * only; `weight`: only occurrences in that field (A title, B SKUs and tags, C description, D the rest).
 */
export function toTsquery(terms: readonly ExpandedTerm[], typed = false, weight = ''): string {
  return terms
    .map((t) => {
      const words = typed ? t.words.slice(0, 1) : t.words
      const alternatives = words.map((w, i) =>
        i === 0 && t.prefix ? `${w}:*${weight}` : weight === '' ? w : `${w}:${weight}`,
      )
      return alternatives.length === 1 ? alternatives[0] : `(${alternatives.join(' | ')})`
    })
    .join(' & ')
}

/**
 * Wraps each word of `text` that a term matches (exactly, or by prefix) in <mark>…</mark>, HTML-escaping
 * everything. With `maxLength`, returns a window around the first match (a snippet).
 */
export function highlight(text: string, terms: readonly ExpandedTerm[], maxLength?: number): string {
  const exact = new Set<string>()
  const prefixes: string[] = []
  for (const t of terms) {
    for (const [i, w] of t.words.entries()) {
      if (i === 0 && t.prefix) prefixes.push(w)
      else exact.add(w)
    }
  }
  let source = text
  let lead = ''
  let trail = ''
  const pieces = source.split(/([\p{L}\p{N}\p{M}]+)/u)
  const matches = (piece: string) => {
    // A run of ASCII letters and digits normalizes to its lower case (the common case, without NFKD).
    const n = ASCII.test(piece) ? piece.toLowerCase() : normalize(piece)
    return n !== '' && (exact.has(n) || prefixes.some((p) => n.startsWith(p)))
  }
  if (maxLength !== undefined && source.length > maxLength) {
    let offset = 0
    let first = -1
    for (const piece of pieces) {
      if (matches(piece)) {
        first = offset
        break
      }
      offset += piece.length
    }
    const start = first <= 0 ? 0 : Math.max(0, source.lastIndexOf(' ', Math.max(0, first - 40)) + 1)
    const end = Math.min(source.length, start + maxLength)
    const cut = source.slice(start, end)
    lead = start > 0 ? '…' : ''
    trail = end < source.length ? '…' : ''
    source = cut
    return lead + render(source.split(/([\p{L}\p{N}\p{M}]+)/u), matches) + trail
  }
  return render(pieces, matches)
}

function render(pieces: string[], matches: (piece: string) => boolean): string {
  let out = ''
  for (const [i, piece] of pieces.entries()) {
    if (i % 2 === 1 && matches(piece)) out += `<mark>${escapeHtml(piece)}</mark>`
    else out += escapeHtml(piece)
  }
  return out
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"]/g, (c) => (c === '&' ? '&amp;' : c === '<' ? '&lt;' : c === '>' ? '&gt;' : '&quot;'))
}
