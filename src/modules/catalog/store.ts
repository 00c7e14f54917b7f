/** Catalog SQL: products, variants, prices, options, categories, tags, stock. Returns rows; decides nothing. */
import { CompiledQuery, type SelectQueryBuilder, sql } from 'kysely'
import { fixedQuery } from '../../platform/db/fixed-query.ts'
import type { Db, Dialect } from '../../platform/db/types.ts'
import { writeLater } from '../../platform/db/write-batch.ts'
import type { ImportJobTable } from './import-job-store.ts'

export interface CategoryTable {
  id: string
  parent_id: string | null
  handle: string
  name: string
  /** Ids from the root down, `/a/b/c/`: descendants of b are `path like '/a/b/%'`. */
  path: string
  position: number
  created_at: number
  updated_at: number
}
export interface ProductTable {
  seq: number
  id: string
  handle: string
  title: string
  description: string
  status: string
  attributes: string
  tags: string
  images: string
  category_ids: string
  /** What search facets count, as JSON (`ProductFacets`), rendered at write time. */
  facets: string
  created_at: number
  updated_at: number
  published_at: number | null
}
/** The storefront document, rendered at write time and served as is. */
export interface ProductDocTable {
  product_id: string
  doc: string
  etag: string
}
/** Normalized search text (title; SKUs and tags; description): FTS5's content table, or the tsvector's. */
export interface ProductSearchTable {
  seq: number
  product_id: string
  search_a: string
  search_b: string
  search_c: string
  /** Filter tokens (search/text.ts filterToken): categories with ancestors, tags, option values. */
  search_d: string
  /** Low-weight text: category names (ancestors included) and option values. */
  search_e: string
}
export interface VariantTable {
  id: string
  product_id: string
  sku: string
  options: string
  position: number
  stock: number
  weight_grams: number
  created_at: number
  updated_at: number
}
export interface VariantPriceTable {
  variant_id: string
  currency: string
  amount: number
  compare_at: number | null
}
/** Each option value any variant of a product has (filters and facets are per product). */
export interface ProductOptionTable {
  product_id: string
  name: string
  value: string
}
export interface ProductPriceTable {
  product_id: string
  currency: string
  min_amount: number
  max_amount: number
}
/** A product's lowest price per currency in each of its categories: category pages sorted by price. */
export interface CategoryPriceTable {
  category_id: string
  currency: string
  min_amount: number
  product_id: string
}
/**
 * A category page's index (migration 0605): one row per published product and category it is in
 * (ancestors included), keyed for the newest-first walk, with the title for the by-name walk.
 */
export interface CategoryListingTable {
  category_id: string
  product_id: string
  created_at: number
  title: string
}
export interface ProductCategoryTable {
  product_id: string
  category_id: string
  direct: number
}
export interface ProductTagTable {
  product_id: string
  tag: string
}
export interface SearchWordTable {
  word: string
  head: string
  tail: string
  len: number
}

export interface CatalogTables {
  category: CategoryTable
  product: ProductTable
  product_doc: ProductDocTable
  product_search: ProductSearchTable
  variant: VariantTable
  variant_price: VariantPriceTable
  product_option: ProductOptionTable
  product_price: ProductPriceTable
  product_category: ProductCategoryTable
  category_price: CategoryPriceTable
  category_listing: CategoryListingTable
  product_tag: ProductTagTable
  search_word: SearchWordTable
  catalog_import_job: ImportJobTable
}

export type ProductRow = Omit<ProductTable, 'seq' | 'facets'>

// ---------------------------------------------------------------------------------------------
// Products

const PRODUCT_COLUMNS = [
  'id',
  'handle',
  'title',
  'description',
  'status',
  'attributes',
  'tags',
  'images',
  'category_ids',
  'created_at',
  'updated_at',
  'published_at',
] as const

export function findProduct(db: Db, id: string): Promise<ProductRow | undefined> {
  return db.selectFrom('product').select(PRODUCT_COLUMNS).where('id', '=', id).executeTakeFirst()
}

/**
 * Takes the rows of products about to be rewritten (PostgreSQL; SQLite transactions are serial), in id
 * order, so concurrent saves of one product queue instead of deadlocking on its derived rows.
 */
export async function lockProducts(db: Db, dialect: Dialect, ids: readonly string[]) {
  if (dialect !== 'postgres' || ids.length === 0) return
  await db
    .selectFrom('product')
    .select('id')
    .where('id', 'in', [...ids].sort())
    .orderBy('id')
    .forUpdate()
    .execute()
}

export function findProductIdByHandle(db: Db, handle: string) {
  return db.selectFrom('product').select(['id']).where('handle', '=', handle).executeTakeFirst()
}

export function findProductIdsByHandles(db: Db, handles: readonly string[]) {
  if (handles.length === 0) return Promise.resolve([])
  return db.selectFrom('product').select(['id', 'handle']).where('handle', 'in', handles).execute()
}

/**
 * The storefront document of a published product: the hot path, so the SQL is compiled once per
 * dialect (stable text keeps SQLite's prepared-statement cache hitting) and skips the query builder.
 */
export function createDocumentReader(dialect: Dialect) {
  const text = `select d.doc, d.etag from product p join product_doc d on d.product_id = p.id where p.handle = ${dialect === 'postgres' ? '$1' : '?'} and p.status = 'published'`
  return async (db: Db, handle: string): Promise<{ doc: string; etag: string } | undefined> => {
    const result = await db.executeQuery<{ doc: string; etag: string }>(CompiledQuery.raw(text, [handle]))
    return result.rows[0]
  }
}

/** `n` fresh product sequence numbers (the search index's row ids). */
export async function nextSeqs(db: Db, dialect: Dialect, n: number): Promise<number[]> {
  if (n === 0) return []
  if (dialect === 'postgres') {
    const { rows } = await sql<{ seq: number }>`select nextval(pg_get_serial_sequence('product', 'seq')) as seq
      from generate_series(1, ${n})`.execute(db)
    return rows.map((r) => Number(r.seq))
  }
  // SQLite writes are serialised, so the maximum cannot move under this transaction.
  const { rows } = await sql<{ seq: number }>`select coalesce(max(seq), 0) as seq from product`.execute(db)
  const start = Number(rows[0].seq)
  return Array.from({ length: n }, (_, i) => start + i + 1)
}

export async function insertProducts(
  db: Db,
  rows: ProductTable[],
  docs: ProductDocTable[],
  search: ProductSearchTable[],
) {
  for (const chunk of chunks(rows, 13)) await db.insertInto('product').values(chunk).execute()
  for (const chunk of chunks(docs, 3)) await db.insertInto('product_doc').values(chunk).execute()
  for (const chunk of chunks(search, 7)) await db.insertInto('product_search').values(chunk).execute()
}

export async function updateProduct(
  db: Db,
  id: string,
  row: Partial<ProductTable>,
  doc: Omit<ProductDocTable, 'product_id'>,
  search: Omit<ProductSearchTable, 'product_id' | 'seq'>,
) {
  await db.updateTable('product').set(row).where('id', '=', id).execute()
  await db.updateTable('product_doc').set(doc).where('product_id', '=', id).execute()
  await db.updateTable('product_search').set(search).where('product_id', '=', id).execute()
}

export async function deleteProduct(db: Db, id: string): Promise<boolean> {
  const result = await db.deleteFrom('product').where('id', '=', id).executeTakeFirst()
  return result.numDeletedRows === 1n
}

/** Staff's product list, newest first; `q` is a case-insensitive substring of the title, handle or a SKU. */
export function listAdminProducts(
  db: Db,
  filter: { q?: string; status?: string },
  after: string | undefined,
  limit: number,
) {
  let query = db
    .selectFrom('product')
    .select(['id', 'handle', 'title', 'status', 'updated_at'])
    .orderBy('id', 'desc')
    .limit(limit)
  if (filter.status) query = query.where('status', '=', filter.status)
  if (filter.q) {
    // LIKE with its wildcards escaped: the words are matched literally, on both databases.
    const pattern = `%${filter.q.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`
    query = query.where((eb) =>
      eb.or([
        eb(sql<string>`lower(title)`, 'like', sql<string>`${pattern} escape '\\'`),
        eb(sql<string>`lower(handle)`, 'like', sql<string>`${pattern} escape '\\'`),
        eb.exists(
          eb
            .selectFrom('variant')
            .select('variant.id')
            .whereRef('variant.product_id', '=', 'product.id')
            .where(sql<string>`lower(variant.sku)`, 'like', sql<string>`${pattern} escape '\\'`),
        ),
      ]),
    )
  }
  if (after) query = query.where('id', '<', after)
  return query.execute()
}

/** Products directly in any of these categories (for re-rendering after a category changes). */
export async function listProductIdsInCategories(db: Db, categoryIds: readonly string[]): Promise<string[]> {
  if (categoryIds.length === 0) return []
  const rows = await db
    .selectFrom('product_category')
    .select('product_id')
    .distinct()
    .where('category_id', 'in', categoryIds)
    .execute()
  return rows.map((r) => r.product_id)
}

export async function listAllProductIds(db: Db, after: string | undefined, limit: number): Promise<string[]> {
  let query = db.selectFrom('product').select('id').orderBy('id').limit(limit)
  if (after) query = query.where('id', '>', after)
  return (await query.execute()).map((r) => r.id)
}

// ---------------------------------------------------------------------------------------------
// Variants, prices, options

export function listVariants(db: Db, productIds: readonly string[]) {
  if (productIds.length === 0) return Promise.resolve([])
  return db
    .selectFrom('variant')
    .select(['id', 'product_id', 'sku', 'options', 'position', 'stock', 'weight_grams', 'created_at'])
    .where('product_id', 'in', productIds)
    .orderBy('product_id')
    .orderBy('position')
    .execute()
}

export function listPrices(db: Db, variantIds: readonly string[]) {
  if (variantIds.length === 0) return Promise.resolve([])
  return db
    .selectFrom('variant_price')
    .select(['variant_id', 'currency', 'amount', 'compare_at'])
    .where('variant_id', 'in', variantIds)
    .orderBy('variant_id')
    .orderBy('currency')
    .execute()
}

/** Variants holding any of these SKUs, with their product (to spot SKUs taken by another product). */
export function findVariantsBySku(db: Db, skus: readonly string[]) {
  if (skus.length === 0) return Promise.resolve([])
  return db.selectFrom('variant').select(['id', 'sku', 'product_id']).where('sku', 'in', skus).execute()
}

export async function insertVariants(db: Db, rows: VariantTable[]) {
  for (const chunk of chunks(rows, 9)) await db.insertInto('variant').values(chunk).execute()
}

export async function updateVariant(db: Db, id: string, row: Partial<VariantTable>) {
  await db.updateTable('variant').set(row).where('id', '=', id).execute()
}

export async function deleteVariants(db: Db, ids: readonly string[]) {
  if (ids.length > 0) await db.deleteFrom('variant').where('id', 'in', ids).execute()
}

/** Drops a product's derived rows (prices, options, price summary, categories, tags) before rewriting them. */
export async function clearDerivedRows(db: Db, productId: string, variantIds: readonly string[]) {
  if (variantIds.length > 0) {
    await db.deleteFrom('variant_price').where('variant_id', 'in', variantIds).execute()
  }
  await db.deleteFrom('product_option').where('product_id', '=', productId).execute()
  await db.deleteFrom('product_price').where('product_id', '=', productId).execute()
  await db.deleteFrom('product_category').where('product_id', '=', productId).execute()
  await db.deleteFrom('category_price').where('product_id', '=', productId).execute()
  await db.deleteFrom('category_listing').where('product_id', '=', productId).execute()
  await db.deleteFrom('product_tag').where('product_id', '=', productId).execute()
}

export interface DerivedRows {
  prices: VariantPriceTable[]
  options: ProductOptionTable[]
  productPrices: ProductPriceTable[]
  categories: ProductCategoryTable[]
  categoryPrices: CategoryPriceTable[]
  listings: CategoryListingTable[]
  tags: ProductTagTable[]
  words: SearchWordTable[]
}

export async function insertDerivedRows(db: Db, rows: DerivedRows) {
  for (const chunk of chunks(rows.prices, 4)) await db.insertInto('variant_price').values(chunk).execute()
  for (const chunk of chunks(rows.options, 3)) await db.insertInto('product_option').values(chunk).execute()
  for (const chunk of chunks(rows.productPrices, 4)) await db.insertInto('product_price').values(chunk).execute()
  for (const chunk of chunks(rows.categories, 3)) await db.insertInto('product_category').values(chunk).execute()
  for (const chunk of chunks(rows.categoryPrices, 4)) await db.insertInto('category_price').values(chunk).execute()
  for (const chunk of chunks(rows.listings, 4)) await db.insertInto('category_listing').values(chunk).execute()
  for (const chunk of chunks(rows.tags, 2)) await db.insertInto('product_tag').values(chunk).execute()
  for (const chunk of chunks(rows.words, 4)) {
    await db
      .insertInto('search_word')
      .values(chunk)
      .onConflict((oc) => oc.column('word').doNothing())
      .execute()
  }
}

/** Variants that can be sold in `currency`: their product is published and they have a price there. */
function sellableVariants(db: Db, currency: string) {
  return db
    .selectFrom('variant as v')
    .innerJoin('product as p', 'p.id', 'v.product_id')
    .innerJoin('variant_price as vp', (join) =>
      join.onRef('vp.variant_id', '=', 'v.id').on('vp.currency', '=', currency),
    )
    .select([
      'v.id',
      'v.product_id as productId',
      'v.sku',
      'v.options',
      'v.stock',
      'v.weight_grams as weightGrams',
      'p.title as productTitle',
      'vp.amount as price',
      'vp.currency',
    ])
    .where('p.status', '=', 'published')
}

/** The columns `joinSellable` adds to each row of another module's read: all null when not for sale. */
export interface SellableColumns {
  sellable_id: string | null
  sellable_product_id: string | null
  sellable_sku: string | null
  sellable_options: string | null
  sellable_stock: number | null
  sellable_weight_grams: number | null
  sellable_product_title: string | null
  sellable_price: number | null
  sellable_currency: string | null
}

/**
 * `sellableVariants` as a fragment of another module's read (the carts' checkout read: a cart, its
 * lines and their prices in one statement). Left-joins the variant `refs.variant` names, its product
 * when published, and its price in the currency `refs.currency` names (a column of the caller's query,
 * such as the cart's currency), and selects the `SellableColumns`: a variant is for sale when
 * `sellable_id` is not null. Only this file names the catalog's tables; the caller names its own.
 */
export function joinSellable(
  qb: SelectQueryBuilder<any, any, any>,
  refs: { variant: string; currency: string },
): SelectQueryBuilder<any, any, any> {
  return qb
    .leftJoin('variant as sv', 'sv.id', refs.variant)
    .leftJoin('product as sp', (join) => join.onRef('sp.id', '=', 'sv.product_id').on('sp.status', '=', 'published'))
    .leftJoin('variant_price as svp', (join) =>
      join.onRef('svp.variant_id', '=', 'sv.id').onRef('svp.currency', '=', refs.currency),
    )
    .select((eb) => [
      // Sellable = published and priced there: the id only when both joins found their row.
      eb
        .case()
        .when(eb.and([eb('sp.id', 'is not', null), eb('svp.variant_id', 'is not', null)]))
        .then(eb.ref('sv.id'))
        .else(null)
        .end()
        .as('sellable_id'),
      'sv.product_id as sellable_product_id',
      'sv.sku as sellable_sku',
      'sv.options as sellable_options',
      'sv.stock as sellable_stock',
      'sv.weight_grams as sellable_weight_grams',
      'sp.title as sellable_product_title',
      'svp.amount as sellable_price',
      'svp.currency as sellable_currency',
    ])
}

/** A variant that can be sold in `currency`: its product is published and it has a price there. */
export async function findSellableVariant(db: Db, variantId: string, currency: string) {
  return (await sellableVariantQuery(db, { variantId, currency }))[0]
}

// Every cart add reads one variant: compiled once (platform/db/fixed-query.ts).
const sellableVariantQuery = fixedQuery((db, v: { variantId: string; currency: string }) =>
  sellableVariants(db, v.currency).where('v.id', '=', v.variantId),
)

/** `findSellableVariant` for several variants in one statement (the checkout's lines). */
export function listSellableVariants(db: Db, variantIds: readonly string[], currency: string) {
  if (variantIds.length === 0) return Promise.resolve([])
  if (variantIds.length === 1) return sellableVariantQuery(db, { variantId: variantIds[0], currency })
  return sellableVariants(db, currency).where('v.id', 'in', variantIds).execute()
}

/** True when some published product has a price in `currency` (the shop sells in it). */
export async function sellsIn(db: Db, currency: string): Promise<boolean> {
  const row = await db
    .selectFrom('product_price as pp')
    .innerJoin('product as p', 'p.id', 'pp.product_id')
    .select('pp.product_id')
    .where('pp.currency', '=', currency)
    .where('p.status', '=', 'published')
    .limit(1)
    .executeTakeFirst()
  return row !== undefined
}

/** Every currency some published product has a price in, sorted. */
export async function listSaleCurrencies(db: Db): Promise<string[]> {
  const rows = await db
    .selectFrom('product_price as pp')
    .innerJoin('product as p', 'p.id', 'pp.product_id')
    .select('pp.currency')
    .distinct()
    .where('p.status', '=', 'published')
    .orderBy('pp.currency')
    .execute()
  return rows.map((r) => r.currency.trim())
}

/**
 * One conditional statement: never read-then-write (docs/ARCHITECTURE.md). The stock left, or
 * undefined when there was not enough.
 */
export async function takeStock(db: Db, variantId: string, quantity: number): Promise<number | undefined> {
  // With a batched transaction's last statement (write-batch.ts): the row lock is held only to its commit.
  const [row] = await writeLater(db, takeStockQuery.compiled(db, { variantId, quantity }), { mustMatch: true })
  return row === undefined ? undefined : Number(row.stock)
}

// Every checkout runs it: compiled once (platform/db/fixed-query.ts).
const takeStockQuery = fixedQuery((db, v: { variantId: string; quantity: number }) =>
  db
    .updateTable('variant')
    .set((eb) => ({ stock: eb('stock', '-', v.quantity) }))
    .where('id', '=', v.variantId)
    .where('stock', '>=', v.quantity)
    .returning('stock'),
)

/** The stock after putting `quantity` back, or undefined for an unknown variant. */
export async function putBackStock(db: Db, variantId: string, quantity: number): Promise<number | undefined> {
  const row = await db
    .updateTable('variant')
    .set((eb) => ({ stock: eb('stock', '+', quantity) }))
    .where('id', '=', variantId)
    .returning('stock')
    .executeTakeFirst()
  return row === undefined ? undefined : Number(row.stock)
}

export function listPublishedStock(db: Db, handle: string) {
  return db
    .selectFrom('variant as v')
    .innerJoin('product as p', 'p.id', 'v.product_id')
    .select(['v.id', 'v.sku', 'v.stock'])
    .where('p.handle', '=', handle)
    .where('p.status', '=', 'published')
    .orderBy('v.position')
    .execute()
}

// ---------------------------------------------------------------------------------------------
// Categories

export function listCategories(db: Db) {
  return db
    .selectFrom('category')
    .select(['id', 'parent_id', 'handle', 'name', 'path', 'position'])
    .orderBy('path')
    .execute()
}

export function findCategory(db: Db, idOrHandle: string) {
  return db
    .selectFrom('category')
    .select(['id', 'parent_id', 'handle', 'name', 'path', 'position'])
    .where((eb) => eb.or([eb('id', '=', idOrHandle), eb('handle', '=', idOrHandle)]))
    .executeTakeFirst()
}

export async function insertCategory(db: Db, row: CategoryTable) {
  await db.insertInto('category').values(row).execute()
}

export async function updateCategory(db: Db, id: string, row: Partial<CategoryTable>) {
  await db.updateTable('category').set(row).where('id', '=', id).execute()
}

/** Rewrites the path prefix of a moved subtree. */
export async function movePaths(db: Db, oldPrefix: string, newPrefix: string) {
  await db
    .updateTable('category')
    .set({ path: sql<string>`${newPrefix} || substr(path, ${oldPrefix.length + 1})` })
    .where(sql<string>`substr(path, 1, ${oldPrefix.length})`, '=', oldPrefix)
    .execute()
}

export async function countCategoryUse(db: Db, id: string) {
  const children = await db
    .selectFrom('category')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('parent_id', '=', id)
    .executeTakeFirstOrThrow()
  const products = await db
    .selectFrom('product_category')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('category_id', '=', id)
    .executeTakeFirstOrThrow()
  return { children: Number(children.n), products: Number(products.n) }
}

export async function deleteCategory(db: Db, id: string) {
  await db.deleteFrom('category').where('id', '=', id).execute()
}

// ---------------------------------------------------------------------------------------------

/** Splits rows into multi-row INSERTs that stay under both engines' bound-parameter limits. */
function* chunks<T>(rows: readonly T[], columns: number): Generator<T[]> {
  const size = Math.max(1, Math.floor(30_000 / columns / 10)) // ≤ 3,000 parameters a statement
  for (let i = 0; i < rows.length; i += size) yield rows.slice(i, i + size) as T[]
}
