/**
 * Catalog import from CSV (one row per variant, product fields on the first row of a handle), JSON
 * (an array of products) or JSON Lines (one product per line), read by ./import-parse.ts. Every row is
 * validated and every error reported with its line; nothing is written unless all rows are valid.
 * `importParsed` (the synchronous route, the CLI through `importText`) then writes all of it in one
 * transaction; an import job (./import-jobs.ts) writes it in batches. Re-import updates by handle
 * (products) and SKU (variants) instead of duplicating.
 */

import { setImmediate } from 'node:timers/promises'
import { Ajv } from 'ajv'
import addFormats from 'ajv-formats'
import { Type } from 'typebox'
import type { Db } from '../../platform/db/types.ts'
import { invalid } from '../../platform/errors.ts'
import { type ImportError, type ImportFormat, type ParsedImport, parseImport } from './import-parse.ts'
import { CreateProductBody, Handle } from './schemas.ts'
import { type CatalogService, completeInput, type SaveEntry } from './service.ts'
import * as store from './store.ts'

export type { ImportError, ImportFormat, ParsedImport } from './import-parse.ts'
export { CSV_COLUMNS } from './import-parse.ts'
export interface ImportOptions {
  dryRun?: boolean
  /** Called as batches are written (the CLI draws a progress bar). */
  onProgress?: (done: number, total: number) => void
  batchSize?: number
}

const ImportItem = Type.Object(
  { ...CreateProductBody.properties, categories: Type.Optional(Type.Array(Handle, { maxItems: 20 })) },
  { additionalProperties: false },
)
const ajv = addFormats.default(new Ajv({ allErrors: true, strict: false, coerceTypes: false }))
const validateItem = ajv.compile(ImportItem)

export function createImporter(deps: { db: Db; catalog: CatalogService }) {
  const { db, catalog } = deps
  return { importText, importParsed, check, countExisting }

  /** `backroom import`: the file's text, read as an upload is. */
  async function importText(text: string, format: ImportFormat, options: ImportOptions = {}) {
    return importParsed(await parseImport(text, format), options)
  }

  /** The synchronous import (POST /admin/catalog/import, `backroom import`): checked, then one transaction. */
  async function importParsed(parsed: ParsedImport, options: ImportOptions = {}) {
    const { entries, errors, variants } = await check(parsed)
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
   * Validates the whole file without writing: the products to save, or every error (sorted by line).
   * Yields to the event loop between batches of products, reporting `(checked, products)` to
   * `progress` after each batch.
   */
  async function check(
    parsed: ParsedImport,
    progress?: (done: number, total: number) => Promise<void> | void,
  ): Promise<CheckedImport> {
    const errors: ImportError[] = [...parsed.errors]
    const { candidates } = parsed
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
