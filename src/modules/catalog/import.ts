/**
 * Catalog import from CSV (one row per variant, product fields on the first row of a handle) or JSON
 * (an array of products). Every row is validated and every error reported with its line; nothing is
 * written unless all rows are valid. `importText` (the synchronous route, the CLI) then writes all of
 * it in one transaction; an import job (./import-jobs.ts) writes it in batches. Re-import updates by
 * handle (products) and SKU (variants) instead of duplicating.
 */

import { setImmediate } from 'node:timers/promises'
import { Ajv } from 'ajv'
import addFormats from 'ajv-formats'
import { parse } from 'csv-parse'
import { Type } from 'typebox'
import type { Db } from '../../platform/db/types.ts'
import { invalid } from '../../platform/errors.ts'
import { CreateProductBody, Handle } from './schemas.ts'
import { type CatalogService, completeInput, type SaveEntry } from './service.ts'
import * as store from './store.ts'

export interface ImportError {
  line: number
  field: string
  message: string
}
export interface ImportOptions {
  dryRun?: boolean
  /** Called as batches are written (the CLI draws a progress bar). */
  onProgress?: (done: number, total: number) => void
  batchSize?: number
}
interface Candidate {
  /** Line of the product (its first row) and of each variant. */
  line: number
  variantLines: number[]
  body: Record<string, any>
  categoryHandles: string[]
}

/** CSV columns besides `price_XXX` and `compare_at_XXX` (one pair per currency). */
export const CSV_COLUMNS = [
  'handle', 'title', 'description', 'status', 'tags', 'categories', 'images', 'attributes',
  'sku', 'options', 'stock', 'weight_grams',
] as const // biome-ignore format: a table
const PRODUCT_FIELDS = ['title', 'description', 'status', 'tags', 'categories', 'images', 'attributes'] as const

const ImportItem = Type.Object(
  { ...CreateProductBody.properties, categories: Type.Optional(Type.Array(Handle, { maxItems: 20 })) },
  { additionalProperties: false },
)
const ajv = addFormats.default(new Ajv({ allErrors: true, strict: false, coerceTypes: false }))
const validateItem = ajv.compile(ImportItem)

export function createImporter(deps: { db: Db; catalog: CatalogService }) {
  const { db, catalog } = deps
  return { importText, check, countExisting }

  /** The synchronous import (POST /admin/catalog/import, `backroom import`): checked, then one transaction. */
  async function importText(text: string, format: 'csv' | 'json', options: ImportOptions = {}) {
    const { entries, errors, variants } = await check(text, format)
    if (errors.length > 0) throw importFailed(errors)
    let created = 0
    let updated = 0
    if (!options.dryRun) {
      const size = options.batchSize ?? 500
      await db.transaction().execute(async (trx) => {
        for (let i = 0; i < entries.length; i += size) {
          for (const r of await catalog.saveProducts(trx, entries.slice(i, i + size))) r.created ? created++ : updated++
          options.onProgress?.(Math.min(entries.length, i + size), entries.length)
        }
      })
      if (entries.length >= OPTIMIZE_AFTER) await catalog.optimizeSearchIndex()
    } else {
      ;({ created, updated } = await countExisting(entries))
    }
    return { ok: true, dryRun: options.dryRun ?? false, products: { created, updated }, variants, errors: [] }
  }

  /**
   * Parses and validates the whole file without writing: the products to save, or every error (sorted
   * by line). Yields to the event loop between slices of the text and batches of products, reporting
   * `(checked, products)` to `progress` after each batch.
   */
  async function check(
    text: string,
    format: 'csv' | 'json',
    progress?: (done: number, total: number) => Promise<void> | void,
  ): Promise<CheckedImport> {
    const errors: ImportError[] = []
    const candidates = format === 'csv' ? await fromCsv(text, errors) : fromJson(text, errors)
    const categories = new Map((await store.listCategories(db)).map((c) => [c.handle, c.id]))
    const skuLine = new Map<string, number>()
    const handleLine = new Map<string, number>()
    const entries: SaveEntry[] = []
    for (const [n, c] of candidates.entries()) {
      if (n > 0 && n % CHECK_BATCH === 0) {
        await progress?.(n, candidates.length)
        await setImmediate()
      }
      const before = errors.length
      if (!validateItem(c.body)) {
        for (const e of validateItem.errors ?? []) {
          const pointer =
            e.instancePath +
            (e.params?.missingProperty ? `/${e.params.missingProperty}` : '') +
            (e.params?.additionalProperty ? `/${e.params.additionalProperty}` : '')
          const variant = /^\/variants\/(\d+)/.exec(pointer)
          const line = variant ? (c.variantLines[Number(variant[1])] ?? c.line) : c.line
          errors.push({ line, field: fieldName(pointer), message: e.message ?? 'is invalid' })
        }
      }
      const handle = String(c.body.handle ?? '')
      if (handleLine.has(handle)) {
        errors.push({ line: c.line, field: 'handle', message: `repeats the product on line ${handleLine.get(handle)}` })
      }
      handleLine.set(handle, c.line)
      for (const [i, v] of (Array.isArray(c.body.variants) ? c.body.variants : []).entries()) {
        const sku = String(v?.sku ?? '')
        if (skuLine.has(sku))
          errors.push({
            line: c.variantLines[i] ?? c.line,
            field: 'sku',
            message: `SKU ${sku} is also on line ${skuLine.get(sku)}`,
          })
        skuLine.set(sku, c.variantLines[i] ?? c.line)
      }
      const categoryIds: string[] = []
      for (const h of c.categoryHandles) {
        const id = categories.get(h)
        if (id) categoryIds.push(id)
        else errors.push({ line: c.line, field: 'categories', message: `no category with handle "${h}"` })
      }
      if (errors.length === before) {
        const { categories: _c, ...body } = c.body
        entries.push({ input: completeInput({ ...(body as CreateProductBody), categoryIds }) })
      }
    }
    // SKUs already used by a product other than the one this file names by handle.
    const owners = []
    for (const skus of slices([...skuLine.keys()], LOOKUP_BATCH))
      owners.push(...(await store.findVariantsBySku(db, skus)))
    if (owners.length > 0) {
      const ids = new Map((await productIdsByHandle([...handleLine.keys()])).map((r) => [r.handle, r.id]))
      const handleOfSku = new Map(entries.flatMap((e) => e.input.variants.map((v) => [v.sku, e.input.handle] as const)))
      for (const owner of owners) {
        const handle = handleOfSku.get(owner.sku)
        if (handle !== undefined && ids.get(handle) !== owner.product_id) {
          errors.push({
            line: skuLine.get(owner.sku)!,
            field: 'sku',
            message: `SKU ${owner.sku} belongs to another product`,
          })
        }
      }
    }
    errors.sort((a, b) => a.line - b.line)
    await progress?.(candidates.length, candidates.length)
    const variants = entries.reduce((n, e) => n + e.input.variants.length, 0)
    return { entries, errors, variants }
  }

  /** What saving `entries` would do: products created (new handles) and updated. */
  async function countExisting(entries: readonly SaveEntry[]) {
    const existing = new Set((await productIdsByHandle(entries.map((e) => e.input.handle))).map((r) => r.handle))
    let updated = 0
    for (const e of entries) if (existing.has(e.input.handle)) updated++
    return { created: entries.length - updated, updated }
  }

  async function productIdsByHandle(handles: string[]) {
    const rows = []
    for (const part of slices(handles, LOOKUP_BATCH)) rows.push(...(await store.findProductIdsByHandles(db, part)))
    return rows
  }
}
export type CatalogImporter = ReturnType<typeof createImporter>

/** Imports of at least this many products leave the search index merged (a few seconds at 100k). */
export const OPTIMIZE_AFTER = 1000
/** At most this many row errors are reported (the count of all of them is given). */
export const MAX_REPORTED_ERRORS = 1000
/** Products validated between yields to the event loop. */
const CHECK_BATCH = 1000
/** Handles or SKUs per lookup query (bound parameters stay far below either database's limit). */
const LOOKUP_BATCH = 1000
/** Characters of CSV handed to the parser between yields to the event loop. */
const CSV_SLICE = 256 * 1024

export interface CheckedImport {
  /** The products to save, in file order (empty when any row is invalid). */
  entries: SaveEntry[]
  /** Every error, sorted by line. */
  errors: ImportError[]
  variants: number
}

/** The problem of a refused synchronous import (its first MAX_REPORTED_ERRORS rows). */
export function importFailed(errors: readonly ImportError[]) {
  return invalid('import-failed', `${errors.length} error(s); nothing was imported`, {
    rows: errors.slice(0, MAX_REPORTED_ERRORS),
  })
}

function slices<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = []
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size))
  return out
}

function fieldName(pointer: string): string {
  const parts = pointer.split('/').filter((p) => p !== '' && !/^\d+$/.test(p))
  return parts.join('.') || 'row'
}

// ---------------------------------------------------------------------------------------------
// CSV

async function fromCsv(text: string, errors: ImportError[]): Promise<Candidate[]> {
  let records: { record: Record<string, string>; info: { lines: number } }[]
  try {
    records = await parseCsv(text)
  } catch (error) {
    const e = error as { lines?: number; message: string }
    errors.push({ line: e.lines ?? 1, field: 'row', message: e.message })
    return []
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
  return [...byHandle.values()].map((g) => g.candidate)
}

/** All records of `text`, parsed a slice at a time so a large file does not hold the event loop. */
async function parseCsv(text: string): Promise<{ record: Record<string, string>; info: { lines: number } }[]> {
  const parser = parse({ columns: true, bom: true, skip_empty_lines: true, trim: true, info: true })
  const records: { record: Record<string, string>; info: { lines: number } }[] = []
  let failure: unknown
  parser.on('data', (r) => records.push(r))
  parser.on('error', (error) => {
    failure ??= error
  })
  for (let i = 0; i < text.length && failure === undefined; i += CSV_SLICE) {
    parser.write(text.slice(i, i + CSV_SLICE))
    await setImmediate()
  }
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

// ---------------------------------------------------------------------------------------------
// JSON

function fromJson(text: string, errors: ImportError[]): Candidate[] {
  let items: unknown
  try {
    items = JSON.parse(text)
  } catch (error) {
    errors.push({ line: 1, field: 'row', message: `not valid JSON: ${(error as Error).message}` })
    return []
  }
  if (!Array.isArray(items)) {
    errors.push({ line: 1, field: 'row', message: 'the document must be an array of products' })
    return []
  }
  const lines = elementLines(text)
  return items.map((item, i) => {
    const line = lines[i] ?? 1
    const body = (typeof item === 'object' && item !== null ? item : {}) as Record<string, any>
    const handles = Array.isArray(body.categories) ? body.categories.map(String) : []
    const variantCount = Array.isArray(body.variants) ? body.variants.length : 0
    return { line, variantLines: new Array(variantCount).fill(line), body, categoryHandles: handles }
  })
}

/** Line on which each element of a top-level JSON array starts (the text is known to be valid JSON). */
export function elementLines(text: string): number[] {
  const out: number[] = []
  let line = 1
  let depth = 0
  let inString = false
  let expectElement = false
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]
    if (ch === '\n') line++
    if (inString) {
      if (ch === '\\') i++
      else if (ch === '"') inString = false
      continue
    }
    if (ch === ' ' || ch === '\t' || ch === '\r' || ch === '\n') continue
    if (depth === 1 && expectElement) {
      out.push(line)
      expectElement = false
    }
    if (ch === '"') inString = true
    else if (ch === '[' || ch === '{') {
      depth++
      if (depth === 1) expectElement = true
    } else if (ch === ']' || ch === '}') depth--
    else if (ch === ',' && depth === 1) expectElement = true
  }
  return out
}
