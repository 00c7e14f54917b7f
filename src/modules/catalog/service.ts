/**
 * Catalog use cases: staff edits (products, variants, prices, stock, categories), the storefront reads
 * and the contract other modules use (getSellableVariant, reserveStock, releaseStock). Every product
 * write renders the storefront document and updates the search index in the same transaction.
 */

import type { ChangeSignal } from '../../platform/db/change-signal.ts'
import { newId } from '../../platform/db/ids.ts'
import { createSignalCache } from '../../platform/db/signal-cache.ts'
import type { Db, Dialect } from '../../platform/db/types.ts'
import { conflict, invalid, notFound } from '../../platform/errors.ts'
import type { DocumentCache } from './document-cache.ts'
import {
  adminView,
  type CategoryRef,
  inputOf,
  type ProductIds,
  productRows,
  publishedAtFor,
  variantTitle,
} from './documents.ts'
import type {
  AdminProductView,
  CategoryBody,
  CategoryView,
  CreateProductBody,
  ListQuery,
  ProductInput,
  ProductPage,
  SearchResult,
  Status,
  UpdateProductBody,
} from './schemas.ts'
import { createSearch, DEFAULT_CURRENCY } from './search/engine.ts'
import { type Answer, answerOf, type Render, type ResultCache, resultKey } from './search/result-cache.ts'
import * as searchStore from './search/store.ts'
import * as store from './store.ts'

/** What `joinSellable` (a fragment for another module's read) adds to each row. */
export type { SellableColumns } from './store.ts'

export interface SellableVariant {
  id: string
  productId: string
  sku: string
  title: string
  price: number
  currency: string
  weightGrams: number
  stock: number
}

/** A product to save: `ids` pins ids (deterministic seeds); otherwise existing rows keep theirs. */
export interface SaveEntry {
  input: ProductInput
  ids?: { product: string; variants: string[] }
}

export function createCatalogService(deps: {
  db: Db
  dialect: Dialect
  /** Storefront documents in memory; told of every product write, inside its transaction. */
  documents?: DocumentCache
  /** The catalog's change signal, for what search keeps in memory (parsed facets). */
  changes?: ChangeSignal
  /** Storefront list and search answers in memory (search/result-cache.ts), dropped on the same signal. */
  results?: ResultCache
  /**
   * Told, inside the write transaction, of each product created, changed or deleted; `load` reads it
   * in that transaction (undefined once deleted). Webhooks use it for product.updated.
   */
  productChanged?: (trx: Db, productId: string, load: () => Promise<AdminProductView | undefined>) => Promise<void>
  /** Told of each storefront search and its result count (analytics: searches that found nothing). */
  searched?: (search: { query: string; resultCount: number; who: SearchCaller }) => Promise<void>
  /** The search index's memory cap in bytes (SEARCH_INDEX_MAX_MB; 0: no index) and its warning. */
  searchIndexBytes?: number
  onSearchIndexCapped?: (bytes: number, maxBytes: number) => void
  now?: () => number
}) {
  const { db, dialect } = deps
  const now = deps.now ?? Date.now
  const readDocument = store.createDocumentReader(dialect)
  const read = (handle: string) => readDocument(db, handle)
  // Whether the shop sells in a currency (every new cart asks), kept per currency between catalog
  // writes on any node (platform/db/signal-cache.ts): one `limit 1` read each, not a scan of all prices.
  const saleCurrencyCache = createSignalCache<boolean>({ signal: deps.changes })
  const reader = createSearch({
    db,
    dialect,
    resolveCategory,
    changes: deps.changes,
    indexMaxBytes: deps.searchIndexBytes,
    onIndexCapped: deps.onSearchIndexCapped,
  })
  return {
    createProduct, updateProduct, setStatus, deleteProduct, getAdminProduct, listAdminProducts, saveProducts,
    createCategory, updateCategory, deleteCategory, listCategories, resolveCategory,
    getDocument, getAvailability, list, search, facetIndex: reader.facetIndex,
    getSellableVariant, getSellableVariants, joinSellable: store.joinSellable, sellableFromJoin,
    reserveStock, releaseStock, optimizeSearchIndex, sellsIn, saleCurrencies,
  } // biome-ignore format: the public surface on one line

  // -------------------------------------------------------------------------------------------
  // Products (staff)

  async function createProduct(body: CreateProductBody): Promise<AdminProductView> {
    return db.transaction().execute(async (trx) => {
      if (await store.findProductIdByHandle(trx, body.handle)) throw duplicateHandle(body.handle)
      const [result] = await saveProducts(trx, [{ input: completeInput(body) }])
      return loadAdminProduct(trx, result.id)
    })
  }

  async function updateProduct(id: string, body: UpdateProductBody): Promise<AdminProductView> {
    return db.transaction().execute(async (trx) => {
      const current = await loadAdminProduct(trx, id)
      const input = completeInput({ ...inputOf(current), ...body })
      if (input.handle !== current.handle) {
        const taken = await store.findProductIdByHandle(trx, input.handle)
        if (taken && taken.id !== id) throw duplicateHandle(input.handle)
      }
      await saveProducts(trx, [{ input, ids: undefined }], id)
      return loadAdminProduct(trx, id)
    })
  }

  async function setStatus(id: string, status: Status): Promise<AdminProductView> {
    return updateProduct(id, { status })
  }

  async function deleteProduct(id: string): Promise<void> {
    await db.transaction().execute(async (trx) => {
      if (!(await store.deleteProduct(trx, id))) throw notFound('product-not-found', `No product ${id}`)
      await changed(trx)
      await deps.productChanged?.(trx, id, async () => undefined)
    })
  }

  /**
   * Every node's cached documents and list/search answers are dropped once this transaction commits.
   * Inside every write to what a storefront read shows: products, categories, stock running out or back.
   */
  async function changed(trx: Db): Promise<void> {
    if (deps.documents) await deps.documents.changed(trx)
    else await deps.changes?.changed(trx)
  }

  /**
   * A storefront list page as sent (`render` serialises it as the route's response schema does): from
   * the per-node result cache when the catalog has not changed, rendered and hashed once per answer.
   */
  async function list(query: ListQuery, render: Render<ProductPage>): Promise<Answer> {
    const compute = async () => answerOf(await reader.list(query), render)
    const results = deps.results
    return results ? results.get(resultKey('list', query, DEFAULT_CURRENCY), compute) : compute()
  }

  /**
   * A storefront search as sent (see `list`); with a query, it is reported (with its result count) to
   * `searched`, also when the answer came from the result cache.
   */
  async function search(
    query: ListQuery,
    render: Render<SearchResult>,
    who: SearchCaller = { anonymousId: null, customerId: null },
  ): Promise<Answer> {
    const compute = async () => {
      const result = await reader.search(query)
      return answerOf(result, render, result.total)
    }
    const results = deps.results
    const answer = results ? await results.get(resultKey('search', query, DEFAULT_CURRENCY), compute) : await compute()
    const q = query.q?.trim()
    if (q && deps.searched) await deps.searched({ query: q, resultCount: answer.total ?? 0, who })
    return answer
  }

  /** After a bulk write (seed, large import): see searchStore.optimizeIndex. */
  async function optimizeSearchIndex(): Promise<void> {
    await searchStore.optimizeIndex(db, dialect)
  }

  async function getAdminProduct(id: string): Promise<AdminProductView> {
    return loadAdminProduct(db, id)
  }

  async function listAdminProducts(query: { q?: string; status?: Status; limit?: number; cursor?: string }) {
    const limit = query.limit ?? 20
    const q = query.q?.trim() || undefined
    const rows = await store.listAdminProducts(db, { q, status: query.status }, query.cursor, limit + 1)
    const items = rows.slice(0, limit).map((r) => ({
      id: r.id,
      handle: r.handle,
      title: r.title,
      status: r.status as Status,
      updatedAt: Number(r.updated_at),
    }))
    return { items, nextCursor: rows.length > limit ? items[items.length - 1].id : null }
  }

  async function loadAdminProduct(trx: Db, id: string): Promise<AdminProductView> {
    const row = await store.findProduct(trx, id)
    if (!row) throw notFound('product-not-found', `No product ${id}`)
    const variants = await store.listVariants(trx, [id])
    const prices = await store.listPrices(
      trx,
      variants.map((v) => v.id),
    )
    return adminView(row, variants, prices)
  }

  /**
   * Saves products inside the caller's transaction: creates them, or (by handle, or `existingId`)
   * rewrites them, keeping variant ids by SKU. Throws conflict for a handle or SKU owned by another product.
   */
  async function saveProducts(trx: Db, entries: SaveEntry[], existingId?: string) {
    const time = now()
    const categories = new Map((await store.listCategories(trx)).map((c) => [c.id, c]))
    const categoryNames = new Map([...categories.values()].map((c) => [c.id, c.name]))
    const byHandle = new Map(
      (
        await store.findProductIdsByHandles(
          trx,
          entries.map((e) => e.input.handle),
        )
      ).map((r) => [r.handle, r.id]),
    )
    const ids = entries.map((e) => existingId ?? byHandle.get(e.input.handle))
    const existing = ids.filter((id): id is string => id !== undefined)
    // Two PATCHes of one product deadlocked on PostgreSQL (a 500, found by the bad-input test of issue 12).
    await store.lockProducts(trx, dialect, existing)
    const currentRows = new Map<string, store.ProductRow>()
    for (const id of existing) {
      const row = await store.findProduct(trx, id)
      if (row) currentRows.set(id, row)
    }
    const oldVariants = await store.listVariants(trx, existing)
    const skus = entries.flatMap((e) => e.input.variants.map((v) => v.sku))
    const owners = new Map((await store.findVariantsBySku(trx, skus)).map((v) => [v.sku, v.product_id]))
    const seen = new Set<string>()
    const inserts: ReturnType<typeof productRows>[] = []
    const results: { id: string; created: boolean }[] = []
    for (const [i, entry] of entries.entries()) {
      const input = entry.input
      const id = ids[i] ?? entry.ids?.product ?? newId('prod', time)
      const current = currentRows.get(id)
      for (const v of input.variants) {
        if (seen.has(v.sku)) throw conflict('duplicate-sku', `SKU ${v.sku} appears twice`, { sku: v.sku })
        seen.add(v.sku)
        const owner = owners.get(v.sku)
        if (owner && owner !== id)
          throw conflict('duplicate-sku', `SKU ${v.sku} belongs to another product`, { sku: v.sku })
      }
      const refs: CategoryRef[] = []
      for (const categoryId of new Set(input.categoryIds)) {
        const category = categories.get(categoryId)
        if (!category) throw invalid('unknown-category', `No category ${categoryId}`, { categoryId })
        refs.push(category)
      }
      const mine = oldVariants.filter((v) => v.product_id === id)
      const variantIds = new Map(mine.map((v) => [v.sku, v.id]))
      input.variants.forEach((v, n) => {
        if (!variantIds.has(v.sku)) variantIds.set(v.sku, entry.ids?.variants[n] ?? newId('var', time))
      })
      const productIds: ProductIds = { product: id, variants: variantIds }
      const rows = productRows(
        input,
        productIds,
        {
          createdAt: current ? Number(current.created_at) : time,
          updatedAt: time,
          publishedAt: publishedAtFor(input.status, current?.published_at ?? null, time),
        },
        refs,
        categoryNames,
      )
      if (current) {
        const keep = new Set(input.variants.map((v) => v.sku))
        await store.clearDerivedRows(
          trx,
          id,
          mine.map((v) => v.id),
        )
        await store.deleteVariants(
          trx,
          mine.filter((v) => !keep.has(v.sku)).map((v) => v.id),
        )
        const { id: _id, seq: _s, created_at: _c, ...changes } = rows.product
        const { product_id: _d, ...doc } = rows.document
        const { product_id: _p, seq: _q, ...search } = rows.search
        await store.updateProduct(trx, id, changes, doc, search)
        const kept = new Set(mine.map((v) => v.id))
        for (const v of rows.variants.filter((r) => kept.has(r.id))) {
          const { id: variantId, product_id: _p, created_at: _vc, ...variantChanges } = v
          await store.updateVariant(trx, variantId, variantChanges)
        }
        await store.insertVariants(
          trx,
          rows.variants.filter((r) => !kept.has(r.id)),
        )
        await store.insertDerivedRows(trx, rows.derived)
      } else {
        inserts.push(rows)
      }
      results.push({ id, created: !current })
    }
    if (inserts.length > 0) {
      const seqs = await store.nextSeqs(trx, dialect, inserts.length)
      inserts.forEach((r, i) => {
        r.product.seq = seqs[i]
        r.search.seq = seqs[i]
      })
      try {
        await store.insertProducts(
          trx,
          inserts.map((r) => r.product),
          inserts.map((r) => r.document),
          inserts.map((r) => r.search),
        )
        await store.insertVariants(
          trx,
          inserts.flatMap((r) => r.variants),
        )
      } catch (error) {
        throw uniqueViolation(error) ?? error
      }
      await store.insertDerivedRows(trx, {
        prices: inserts.flatMap((r) => r.derived.prices),
        options: inserts.flatMap((r) => r.derived.options),
        productPrices: inserts.flatMap((r) => r.derived.productPrices),
        categories: inserts.flatMap((r) => r.derived.categories),
        categoryPrices: inserts.flatMap((r) => r.derived.categoryPrices),
        listings: inserts.flatMap((r) => r.derived.listings),
        tags: inserts.flatMap((r) => r.derived.tags),
        words: [...new Map(inserts.flatMap((r) => r.derived.words).map((w) => [w.word, w])).values()],
      })
    }
    if (results.length > 0) await changed(trx)
    if (deps.productChanged) {
      for (const { id } of results)
        await deps.productChanged(trx, id, () => loadAdminProduct(trx, id).catch(() => undefined))
    }
    return results
  }

  /** Re-renders documents after something they embed (a category) changed. */
  async function rerender(trx: Db, productIds: string[]) {
    for (const id of productIds) {
      const view = await loadAdminProduct(trx, id)
      await saveProducts(trx, [{ input: inputOf(view) }], id)
    }
  }

  // -------------------------------------------------------------------------------------------
  // Categories

  async function listCategories(): Promise<{ items: CategoryView[] }> {
    const rows = await store.listCategories(db)
    return { items: rows.map(categoryView) }
  }

  async function resolveCategory(idOrHandle: string): Promise<string | undefined> {
    return (await store.findCategory(db, idOrHandle))?.id
  }

  async function createCategory(body: CategoryBody): Promise<CategoryView> {
    return db.transaction().execute(async (trx) => {
      if (await store.findCategory(trx, body.handle)) throw duplicateCategory(body.handle)
      const parent = body.parentId ? await store.findCategory(trx, body.parentId) : undefined
      if (body.parentId && !parent) throw invalid('unknown-category', `No category ${body.parentId}`)
      const id = newId('cat', now())
      const row = {
        id,
        parent_id: parent?.id ?? null,
        handle: body.handle,
        name: body.name,
        path: `${parent?.path ?? '/'}${id}/`,
        position: body.position ?? 0,
        created_at: now(),
        updated_at: now(),
      }
      await store.insertCategory(trx, row)
      await changed(trx) // a category filter by this handle no longer matches nothing
      return categoryView(row)
    })
  }

  async function updateCategory(id: string, body: Partial<CategoryBody>): Promise<CategoryView> {
    return db.transaction().execute(async (trx) => {
      const current = await store.findCategory(trx, id)
      if (!current || current.id !== id) throw notFound('category-not-found', `No category ${id}`)
      if (body.handle && body.handle !== current.handle) {
        if (await store.findCategory(trx, body.handle)) throw duplicateCategory(body.handle)
      }
      let path = current.path
      if (body.parentId !== undefined && body.parentId !== current.parent_id) {
        const parent = body.parentId === null ? undefined : await store.findCategory(trx, body.parentId)
        if (body.parentId !== null && !parent) throw invalid('unknown-category', `No category ${body.parentId}`)
        if (parent?.path.startsWith(current.path)) {
          throw invalid('category-cycle', 'A category cannot move under itself or its descendants')
        }
        path = `${parent?.path ?? '/'}${id}/`
        await store.movePaths(trx, current.path, path)
      }
      const changes = {
        ...(body.handle !== undefined ? { handle: body.handle } : {}),
        ...(body.name !== undefined ? { name: body.name } : {}),
        ...(body.parentId !== undefined ? { parent_id: body.parentId } : {}),
        ...(body.position !== undefined ? { position: body.position } : {}),
        updated_at: now(),
      }
      await store.updateCategory(trx, id, changes)
      await changed(trx) // facet names, category filters by handle
      // Product documents embed category names, and the ancestor rows follow the tree: rewrite them.
      await rerender(trx, await store.listProductIdsInCategories(trx, [id]))
      const updated = await store.findCategory(trx, id)
      return categoryView({ ...updated!, path })
    })
  }

  async function deleteCategory(id: string): Promise<void> {
    await db.transaction().execute(async (trx) => {
      const current = await store.findCategory(trx, id)
      if (!current || current.id !== id) throw notFound('category-not-found', `No category ${id}`)
      const use = await store.countCategoryUse(trx, id)
      if (use.children > 0 || use.products > 0) {
        throw conflict('category-not-empty', 'Move or delete its subcategories and products first', use)
      }
      await store.deleteCategory(trx, id)
      await changed(trx)
    })
  }

  // -------------------------------------------------------------------------------------------
  // Storefront

  async function getDocument(handle: string): Promise<{ doc: string; etag: string }> {
    const found = deps.documents ? await deps.documents.get(handle, read) : await read(handle)
    if (!found) throw notFound('product-not-found', `No product "${handle}"`)
    return found
  }

  async function getAvailability(handle: string) {
    const rows = await store.listPublishedStock(db, handle)
    if (rows.length === 0) throw notFound('product-not-found', `No product "${handle}"`)
    return {
      variants: rows.map((r) => ({ id: r.id, sku: r.sku, stock: Number(r.stock), inStock: Number(r.stock) > 0 })),
    }
  }

  // -------------------------------------------------------------------------------------------
  // Contract for other modules (checkout): each takes the caller's handle, possibly a transaction.

  /** A published variant priced in `currency`; throws not-found otherwise. */
  /**
   * Whether the shop sells in `currency`: some published product has a price in it. Currencies come
   * from the catalog's prices (there is no separate list); shipping is configured per destination and
   * is checked at checkout, where the destination is known.
   */
  async function sellsIn(trx: Db, currency: string): Promise<boolean> {
    // Outside a transaction the answer may come from memory (`saleCurrencyCache`); a transaction may
    // hold its own uncommitted catalog writes, so it asks the database.
    if (trx !== db) return store.sellsIn(trx, currency)
    return saleCurrencyCache.get(currency, () => store.sellsIn(db, currency))
  }

  /** The currencies the shop sells in (see `sellsIn`), sorted. */
  function saleCurrencies(trx: Db): Promise<string[]> {
    return store.listSaleCurrencies(trx)
  }

  async function getSellableVariant(trx: Db, variantId: string, currency: string): Promise<SellableVariant> {
    const row = await store.findSellableVariant(trx, variantId, currency)
    if (!row) throw notFound('variant-not-found', `No variant ${variantId} for sale in ${currency}`)
    return sellableOf(row)
  }

  /**
   * The variant a `joinSellable` row holds (another module's read joined it: the carts' checkout read),
   * or undefined when it is not for sale in that row's currency.
   */
  function sellableFromJoin(row: store.SellableColumns): SellableVariant | undefined {
    if (row.sellable_id === null) return undefined
    return sellableOf({
      id: row.sellable_id,
      productId: row.sellable_product_id!,
      sku: row.sellable_sku!,
      options: row.sellable_options!,
      stock: row.sellable_stock!,
      weightGrams: row.sellable_weight_grams!,
      productTitle: row.sellable_product_title!,
      price: row.sellable_price!,
      currency: row.sellable_currency!,
    })
  }

  /** Several variants in one read, by id; a variant not for sale in `currency` is simply absent. */
  async function getSellableVariants(
    trx: Db,
    variantIds: readonly string[],
    currency: string,
  ): Promise<Map<string, SellableVariant>> {
    const rows = await store.listSellableVariants(trx, variantIds, currency)
    return new Map(rows.map((row) => [row.id, sellableOf(row)]))
  }

  function sellableOf(row: NonNullable<Awaited<ReturnType<typeof store.findSellableVariant>>>): SellableVariant {
    return {
      id: row.id,
      productId: row.productId,
      sku: row.sku,
      title: variantTitle(row.productTitle, JSON.parse(row.options)),
      price: Number(row.price),
      currency: row.currency,
      weightGrams: Number(row.weightGrams),
      stock: Number(row.stock),
    }
  }

  /** Takes `quantity` off the stock in one conditional UPDATE; false when not enough is left. */
  /**
   * Takes `quantity` off the variant's stock if that many are left (false otherwise). In a
   * `batchedTransaction` on PostgreSQL the update goes with the batch's last statement
   * (write-batch.ts `writeLater`): call it, then `flushLater`, then await it.
   */
  async function reserveStock(trx: Db, variantId: string, quantity: number): Promise<boolean> {
    if (!Number.isInteger(quantity) || quantity < 1)
      throw invalid('invalid-quantity', 'Quantity must be a positive whole number')
    const left = await store.takeStock(trx, variantId, quantity)
    // A variant running out may take its product out of stock: cards and the inStock filter change.
    if (left === 0) await changed(trx)
    return left !== undefined
  }

  async function releaseStock(trx: Db, variantId: string, quantity: number): Promise<void> {
    if (!Number.isInteger(quantity) || quantity < 1)
      throw invalid('invalid-quantity', 'Quantity must be a positive whole number')
    const after = await store.putBackStock(trx, variantId, quantity)
    if (after === quantity) await changed(trx) // back in stock
  }
}

export type CatalogService = ReturnType<typeof createCatalogService>

/** Who searched, as far as the storefront knows (analytics only). */
export interface SearchCaller {
  anonymousId: string | null
  customerId: string | null
}

/** Fills the defaults of a create body. */
export function completeInput(body: CreateProductBody): ProductInput {
  return {
    handle: body.handle,
    title: body.title,
    description: body.description ?? '',
    status: body.status ?? 'draft',
    attributes: body.attributes ?? {},
    tags: [...new Set(body.tags ?? [])],
    categoryIds: [...new Set(body.categoryIds ?? [])],
    images: body.images ?? [],
    variants: body.variants.map((v) => ({
      sku: v.sku,
      options: v.options ?? {},
      prices: v.prices,
      stock: v.stock ?? 0,
      weightGrams: v.weightGrams ?? 0,
    })),
  }
}

function duplicateHandle(handle: string) {
  return conflict('duplicate-handle', `A product with handle "${handle}" exists`, { handle })
}
function duplicateCategory(handle: string) {
  return conflict('duplicate-category', `A category with handle or id "${handle}" exists`, { handle })
}

/** Unique-constraint failures that slipped past the checks (a concurrent writer) become 409s. */
function uniqueViolation(error: unknown) {
  const e = error as { code?: string; message?: string; constraint?: string; errcode?: string }
  const text = `${e.message ?? ''} ${e.constraint ?? ''}`
  if (e.code !== '23505' && !/UNIQUE constraint failed/.test(text)) return undefined
  if (/sku/.test(text)) return conflict('duplicate-sku', 'A SKU in this product belongs to another product')
  if (/handle/.test(text)) return conflict('duplicate-handle', 'A product with this handle exists')
  return conflict('duplicate', 'A product with these identifiers exists')
}

function categoryView(row: {
  id: string
  parent_id: string | null
  handle: string
  name: string
  path: string
  position: number
}): CategoryView {
  return {
    id: row.id,
    handle: row.handle,
    name: row.name,
    parentId: row.parent_id,
    depth: row.path.split('/').filter(Boolean).length - 1,
    position: Number(row.position),
  }
}
