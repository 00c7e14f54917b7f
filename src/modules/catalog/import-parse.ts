/**
 * Reading an import file into products to check (./import.ts validates and writes them). The file is
 * read as it arrives, a piece at a time with a yield to the event loop between pieces, and never held
 * whole: CSV through csv-parse, a JSON array through stream-json's tokenizer (one product assembled at
 * a time), JSON Lines one line at a time. Each product keeps the line it starts on for error reports.
 */

import { setImmediate } from 'node:timers/promises'
import { parse } from 'csv-parse'
import { getManyValues, isMany, none } from 'stream-chain/defs.js'
import { jsonParser, type Token } from 'stream-json/core/parser.js'
import { streamArray } from 'stream-json/core/streamers/stream-array.js'
import { badRequest } from '../../platform/errors.ts'
import { findNul } from '../../platform/http/input-guard.ts'

export type ImportFormat = 'csv' | 'json' | 'jsonl'
export const IMPORT_FORMATS = ['csv', 'json', 'jsonl'] as const

export interface ImportError {
  line: number
  field: string
  message: string
}
/** One product read from the file, not yet validated. */
export interface Candidate {
  /** Line of the product (its first row) and of each variant. */
  line: number
  variantLines: number[]
  body: Record<string, any>
  categoryHandles: string[]
}
export interface ParsedImport {
  candidates: Candidate[]
  /** Errors found while reading (CSV cells, a document that is not an array), by line. */
  errors: ImportError[]
  /** Set when the file is not JSON at all (the routes answer a 400 then); also in `errors`. */
  malformed?: string
}

/** CSV columns besides `price_XXX` and `compare_at_XXX` (one pair per currency). */
export const CSV_COLUMNS = [
  'handle', 'title', 'description', 'status', 'tags', 'categories', 'images', 'attributes',
  'sku', 'options', 'stock', 'weight_grams',
] as const // biome-ignore format: a table
const PRODUCT_FIELDS = ['title', 'description', 'status', 'tags', 'categories', 'images', 'attributes'] as const

/** Characters handed to a parser at once (a larger chunk is cut); the reader yields after each. */
const SLICE = 64 * 1024

/**
 * Reads a whole import file: `source` is its text (the CLI) or its chunks as they arrive (an upload:
 * bytes are decoded as UTF-8, a leading BOM dropped). Reading a chunk waits for the previous one to be
 * parsed, so a fast upload is held back rather than buffered. Throws a `validation-failed` problem for
 * a NUL character (the rule of ../../platform/http/input-guard.ts, checked here per product).
 */
export async function parseImport(
  source: string | AsyncIterable<string | Uint8Array>,
  format: ImportFormat,
): Promise<ParsedImport> {
  const text = slices(source)
  if (format === 'csv') return fromCsv(text)
  return format === 'json' ? fromJson(text) : fromJsonLines(text)
}

/** The source as strings of at most SLICE characters, yielding to the event loop between them. */
async function* slices(source: string | AsyncIterable<string | Uint8Array>): AsyncGenerator<string> {
  if (typeof source === 'string') {
    const start = source.charCodeAt(0) === 0xfeff ? 1 : 0
    for (let i = start; i < source.length; i += SLICE) {
      yield source.slice(i, i + SLICE)
      await setImmediate()
    }
    return
  }
  const decoder = new TextDecoder('utf-8')
  for await (const chunk of source) {
    const text = typeof chunk === 'string' ? chunk : decoder.decode(chunk, { stream: true })
    for (let i = 0; i < text.length; i += SLICE) {
      yield text.slice(i, i + SLICE)
      await setImmediate()
    }
  }
  const rest = decoder.decode()
  if (rest) yield rest
}

function nulInBody(pointer: string): never {
  throw badRequest('validation-failed', 'The request body is invalid', {
    errors: [{ in: 'body', pointer, detail: 'must not contain the NUL character (U+0000)' }],
  })
}

// ---------------------------------------------------------------------------------------------
// JSON: a top-level array of products

/** Tokens that start a value (stream-json with `streamValues: false` sends packed scalars). */
const VALUE_STARTS = new Set<Token['name']>([
  'startObject', 'startArray', 'stringValue', 'numberValue', 'nullValue', 'trueValue', 'falseValue',
]) // biome-ignore format: a table

async function fromJson(text: AsyncIterable<string>): Promise<ParsedImport> {
  const tokenize = jsonParser({ streamValues: false })
  const elements = streamArray()
  const candidates: Candidate[] = []
  /** Lines of the elements begun and not yet assembled (one, unless an element is a scalar). */
  const starts: number[] = []
  let line = 1
  let depth = 0
  let seen = false
  let notArray = false
  const take = (tokens: unknown) => {
    for (const token of all<Token>(tokens)) {
      if (!seen) {
        seen = true
        notArray = token.name !== 'startArray'
      }
      if (depth === 1 && VALUE_STARTS.has(token.name)) starts.push(line)
      if (token.name === 'startObject' || token.name === 'startArray') depth++
      else if (token.name === 'endObject' || token.name === 'endArray') depth--
      if (notArray) continue // still tokenized to the end: malformed JSON is a 400 whatever its shape
      for (const { value } of all<{ value: unknown }>(elements(token))) {
        const index = candidates.length
        if (findNul(value) !== undefined) nulInBody(`/${index}${findNul(value)}`)
        candidates.push(jsonCandidate(value, starts.shift() ?? line))
      }
    }
  }
  // After a failure the rest of the upload is still read (not parsed): the answer waits for the body.
  let failure: unknown
  for await (const piece of text) {
    if (failure !== undefined) continue
    try {
      // Fed a line at a time, so the tokens of an element come while its line is the current one.
      for (let from = 0; from < piece.length; ) {
        const newline = piece.indexOf('\n', from)
        const to = newline === -1 ? piece.length : newline + 1
        take(tokenize(piece.slice(from, to)))
        if (newline !== -1) line++
        from = to
      }
    } catch (error) {
      failure = error
    }
  }
  try {
    if (failure === undefined) {
      take(tokenize(none as never))
      if (!seen) throw new Error('the document is empty')
      if (depth !== 0) throw new Error('the document ends early')
    }
  } catch (error) {
    failure = error
  }
  if (failure === undefined && notArray) failure = new NotAnArray()
  if (failure === undefined) return { candidates, errors: [] }
  if (failure instanceof NotAnArray) {
    return { candidates: [], errors: [{ line, field: 'row', message: 'the document must be an array of products' }] }
  }
  if (!(failure instanceof Error) || 'kind' in failure) throw failure // a NUL (a problem)
  const message = `not valid JSON on line ${line}: ${failure.message.replace(/^Parser cannot parse input: /, '')}`
  return { candidates: [], errors: [{ line, field: 'row', message }], malformed: message }
}

class NotAnArray extends Error {}

/** The values of a stream-chain result: one value, several (`many`) or none. */
function all<T>(result: unknown): T[] {
  if (result === none) return []
  return isMany(result) ? (getManyValues(result) as T[]) : [result as T]
}

function jsonCandidate(item: unknown, line: number): Candidate {
  const body = (typeof item === 'object' && item !== null ? item : {}) as Record<string, any>
  const handles = Array.isArray(body.categories) ? body.categories.map(String) : []
  const variantCount = Array.isArray(body.variants) ? body.variants.length : 0
  return { line, variantLines: new Array(variantCount).fill(line), body, categoryHandles: handles }
}

// ---------------------------------------------------------------------------------------------
// JSON Lines: one product per line (application/x-ndjson, .jsonl); blank lines are skipped

async function fromJsonLines(text: AsyncIterable<string>): Promise<ParsedImport> {
  const candidates: Candidate[] = []
  let line = 0
  let pending = ''
  const take = (raw: string): string | undefined => {
    line++
    if (raw.trim() === '') return
    let value: unknown
    try {
      value = JSON.parse(raw)
    } catch (error) {
      return `not valid JSON on line ${line}: ${(error as Error).message}`
    }
    const nul = findNul(value)
    if (nul !== undefined) nulInBody(`/${candidates.length}${nul}`)
    candidates.push(jsonCandidate(value, line))
  }
  let malformed: string | undefined
  for await (const piece of text) {
    if (malformed) continue // the rest is read, not parsed
    let from = 0
    for (let newline = piece.indexOf('\n'); newline !== -1 && !malformed; newline = piece.indexOf('\n', from)) {
      malformed = take(pending + piece.slice(from, newline))
      pending = ''
      from = newline + 1
    }
    pending += piece.slice(from)
  }
  if (!malformed && pending !== '') malformed = take(pending)
  if (malformed) return { candidates: [], errors: [{ line, field: 'row', message: malformed }], malformed }
  return { candidates, errors: [] }
}

// ---------------------------------------------------------------------------------------------
// CSV

type CsvRecord = { record: Record<string, string>; info: { lines: number } }

async function fromCsv(text: AsyncIterable<string>): Promise<ParsedImport> {
  const errors: ImportError[] = []
  let records: CsvRecord[]
  try {
    records = await parseCsv(text)
  } catch (error) {
    if ((error as { kind?: string }).kind !== undefined) throw error
    const e = error as { lines?: number; message: string }
    errors.push({ line: e.lines ?? 1, field: 'row', message: e.message })
    return { candidates: [], errors }
  }
  const header = Object.keys(records[0]?.record ?? {})
  for (const column of ['handle', 'sku']) {
    if (records.length > 0 && !header.includes(column))
      errors.push({ line: 1, field: column, message: 'column is missing' })
  }
  const byHandle = new Map<string, { candidate: Candidate; first: Record<string, string> }>()
  for (const { record, info } of records) {
    const line = info.lines
    const handle = record.handle ?? ''
    let group = byHandle.get(handle)
    if (!group) {
      const body: Record<string, any> = { handle, title: record.title, variants: [] }
      if (record.description) body.description = record.description
      if (record.status) body.status = record.status
      if (record.tags) body.tags = list(record.tags)
      if (record.images) {
        body.images = list(record.images).map((entry) => {
          const bar = entry.indexOf('|')
          return bar === -1
            ? { url: entry, alt: '' }
            : { url: entry.slice(0, bar).trim(), alt: entry.slice(bar + 1).trim() }
        })
      }
      if (record.attributes) {
        try {
          body.attributes = JSON.parse(record.attributes)
        } catch {
          errors.push({ line, field: 'attributes', message: 'must be a JSON object' })
        }
      }
      group = {
        candidate: { line, variantLines: [], body, categoryHandles: list(record.categories ?? '') },
        first: record,
      }
      byHandle.set(handle, group)
    } else {
      for (const field of PRODUCT_FIELDS) {
        const value = record[field] ?? ''
        if (value !== '' && value !== (group.first[field] ?? '')) {
          errors.push({
            line,
            field,
            message: `differs from line ${group.candidate.line} of the same product (leave it empty)`,
          })
        }
      }
    }
    const variant: Record<string, any> = { sku: record.sku, prices: [] }
    if (record.options) {
      variant.options = {}
      for (const pair of list(record.options)) {
        const eq = pair.indexOf('=')
        if (eq < 1) errors.push({ line, field: 'options', message: `"${pair}" is not name=value` })
        else variant.options[pair.slice(0, eq).trim()] = pair.slice(eq + 1).trim()
      }
    }
    for (const [column, field] of [
      ['stock', 'stock'],
      ['weight_grams', 'weightGrams'],
    ] as const) {
      const raw = record[column]
      if (raw) variant[field] = integer(raw, line, column, errors)
    }
    for (const column of Object.keys(record)) {
      const m = /^price_([A-Z]{3})$/.exec(column)
      if (!m || record[column] === '') continue
      const price: Record<string, any> = { currency: m[1], amount: integer(record[column], line, column, errors) }
      const compare = record[`compare_at_${m[1]}`]
      if (compare) price.compareAt = integer(compare, line, `compare_at_${m[1]}`, errors)
      variant.prices.push(price)
    }
    group.candidate.body.variants.push(variant)
    group.candidate.variantLines.push(line)
  }
  return { candidates: [...byHandle.values()].map((g) => g.candidate), errors }
}

/** All records of the text, parsed a slice at a time as the slices arrive. */
async function parseCsv(text: AsyncIterable<string>): Promise<CsvRecord[]> {
  const parser = parse({ columns: true, bom: true, skip_empty_lines: true, trim: true, info: true })
  const records: CsvRecord[] = []
  let failure: unknown
  parser.on('data', (r) => records.push(r))
  parser.on('error', (error) => {
    failure ??= error
  })
  let nul = false
  for await (const piece of text) {
    if (failure !== undefined || nul) continue // the rest is read, not parsed
    if (piece.includes('\u0000')) nul = true
    else parser.write(piece)
  }
  if (nul) nulInBody('/')
  if (failure === undefined) {
    parser.end()
    await new Promise<void>((resolve) => {
      if (parser.readableEnded) resolve()
      parser.once('end', resolve)
      parser.once('error', () => resolve())
    })
  }
  if (failure !== undefined) throw failure
  return records
}

function list(cell: string): string[] {
  return cell
    .split(';')
    .map((s) => s.trim())
    .filter(Boolean)
}

function integer(raw: string, line: number, field: string, errors: ImportError[]): number {
  if (!/^-?\d+$/.test(raw.trim())) {
    errors.push({ line, field, message: `"${raw}" is not a whole number (money is in minor units)` })
    return 0
  }
  return Number(raw)
}
