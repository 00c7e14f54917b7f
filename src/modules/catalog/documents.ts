/**
 * Pure rules for a product write: from a complete input, the rows to store, the storefront document
 * served as is by GET /store/products/:handle (with its ETag), and the search text. No I/O.
 */
import { createHash } from 'node:crypto'
import type { AdminProductView, ProductInput, ProductView } from './schemas.ts'
import { filterToken, normalize, vocabularyRow, words } from './search/text.ts'
import type {
  DerivedRows,
  ProductDocTable,
  ProductRow,
  ProductSearchTable,
  ProductTable,
  VariantTable,
} from './store.ts'

/** What search facets count for a product (stored as JSON in product.facets). */
export interface ProductFacets {
  /** Category ids, ancestors included. */
  c: string[]
  /** Option values: [name, value]. */
  o: [string, string][]
  /** Lowest price by currency, in minor units. */
  p: Record<string, number>
  /** Words in the title (relevance: shorter exact titles first). */
  w: number
}

export interface CategoryRef {
  id: string
  handle: string
  name: string
  path: string
}

export interface ProductIds {
  product: string
  /** Variant id by SKU: existing variants keep theirs, new ones get fresh ids. */
  variants: Map<string, string>
}

export interface ProductTimes {
  createdAt: number
  updatedAt: number
  publishedAt: number | null
}

/** "Linen Shirt / M / Blue": the product title and the variant's option values. */
export function variantTitle(productTitle: string, options: Record<string, string>): string {
  const values = Object.values(options)
  return values.length === 0 ? productTitle : `${productTitle} / ${values.join(' / ')}`
}

/** When a product was first published: kept once set (re-publishing does not move it), null until then. */
export function publishedAtFor(status: string, previous: number | null, now: number): number | null {
  if (previous !== null) return Number(previous)
  return status === 'published' ? now : null
}

/** Ids of a category and its ancestors, from its path `/root/…/self/`. */
export function ancestry(path: string): string[] {
  return path.split('/').filter(Boolean)
}

/** A strong ETag for a representation. */
export function etagOf(body: string): string {
  return `"${createHash('sha1').update(body).digest('base64url')}"`
}

export function renderDocument(input: ProductInput, ids: ProductIds, times: ProductTimes, categories: CategoryRef[]) {
  const view: ProductView = {
    id: ids.product,
    handle: input.handle,
    title: input.title,
    description: input.description,
    attributes: input.attributes,
    tags: input.tags,
    categories: categories.map((c) => ({ id: c.id, handle: c.handle, name: c.name })),
    images: input.images.map((i) => ({ url: i.url, alt: i.alt })),
    variants: input.variants.map((v) => ({
      id: ids.variants.get(v.sku)!,
      sku: v.sku,
      title: variantTitle(input.title, v.options),
      options: v.options,
      prices: v.prices.map((p) => ({ currency: p.currency, amount: p.amount, compareAt: p.compareAt ?? null })),
      weightGrams: v.weightGrams,
    })),
    publishedAt: times.publishedAt,
    updatedAt: times.updatedAt,
  }
  const doc = JSON.stringify(view)
  return { doc, etag: etagOf(doc) }
}

/**
 * Everything stored for one product, given its ids, times and (validated) categories. `categoryNames`
 * (id → name, every category) names the ancestors for the search index; without it only the
 * product's own categories are named there.
 */
export function productRows(
  input: ProductInput,
  ids: ProductIds,
  times: ProductTimes,
  categories: CategoryRef[],
  categoryNames: ReadonlyMap<string, string> = new Map(categories.map((c) => [c.id, c.name])),
) {
  const { doc, etag } = renderDocument(input, ids, times, categories)
  const searchA = normalize(input.title)
  const searchB = normalize([...input.variants.map((v) => v.sku), ...input.tags].join(' '))
  const searchC = normalize(input.description)
  const product: ProductTable = {
    seq: 0, // assigned when inserted
    id: ids.product,
    handle: input.handle,
    title: input.title,
    description: input.description,
    status: input.status,
    attributes: JSON.stringify(input.attributes),
    tags: JSON.stringify(input.tags),
    images: JSON.stringify(input.images),
    category_ids: JSON.stringify(categories.map((c) => c.id)),
    facets: '', // filled in below, from the derived rows
    created_at: times.createdAt,
    updated_at: times.updatedAt,
    published_at: times.publishedAt,
  }
  const document: ProductDocTable = { product_id: ids.product, doc, etag }
  const search: ProductSearchTable = {
    seq: 0,
    product_id: ids.product,
    search_a: searchA,
    search_b: searchB,
    search_c: searchC,
    search_d: '', // filled in below, from the derived rows
    search_e: '', // filled in below, from the derived rows
  }
  const variants: VariantTable[] = input.variants.map((v, position) => ({
    id: ids.variants.get(v.sku)!,
    product_id: ids.product,
    sku: v.sku,
    options: JSON.stringify(v.options),
    position,
    stock: v.stock,
    weight_grams: v.weightGrams,
    created_at: times.updatedAt,
    updated_at: times.updatedAt,
  }))
  const derived: DerivedRows = {
    prices: [],
    options: [],
    productPrices: [],
    categories: [],
    categoryPrices: [],
    listings: [],
    tags: [],
    words: [],
  }
  const range = new Map<string, { min: number; max: number }>()
  for (const v of input.variants) {
    const variantId = ids.variants.get(v.sku)!
    for (const p of v.prices) {
      derived.prices.push({
        variant_id: variantId,
        currency: p.currency,
        amount: p.amount,
        compare_at: p.compareAt ?? null,
      })
      const r = range.get(p.currency)
      if (!r) range.set(p.currency, { min: p.amount, max: p.amount })
      else range.set(p.currency, { min: Math.min(r.min, p.amount), max: Math.max(r.max, p.amount) })
    }
    for (const [name, value] of Object.entries(v.options)) {
      if (!derived.options.some((o) => o.name === name && o.value === value)) {
        derived.options.push({ product_id: ids.product, name, value })
      }
    }
  }
  for (const [currency, r] of range) {
    derived.productPrices.push({ product_id: ids.product, currency, min_amount: r.min, max_amount: r.max })
  }
  const direct = new Set(categories.map((c) => c.id))
  const all = new Set(categories.flatMap((c) => ancestry(c.path)))
  for (const categoryId of all) {
    derived.categories.push({
      product_id: ids.product,
      category_id: categoryId,
      direct: direct.has(categoryId) ? 1 : 0,
    })
    if (input.status === 'published') {
      derived.listings.push({
        category_id: categoryId,
        product_id: ids.product,
        created_at: times.createdAt,
        title: input.title,
      })
    }
    for (const p of derived.productPrices) {
      derived.categoryPrices.push({
        category_id: categoryId,
        currency: p.currency,
        min_amount: p.min_amount,
        product_id: ids.product,
      })
    }
  }
  for (const tag of new Set(input.tags)) derived.tags.push({ product_id: ids.product, tag })
  // Low-weight search text: the names of the product's categories and their ancestors, and the values
  // of its options ("Grey" where only a variant has it).
  search.search_e = searchFieldsText(
    derived.categories.map((c) => categoryNames.get(c.category_id) ?? ''),
    derived.options.map((o) => o.value),
  )
  for (const word of words(`${searchA} ${searchB} ${searchC} ${search.search_e}`)) {
    if (word.length <= 40) derived.words.push(vocabularyRow(word))
  }
  search.search_d = [
    filterToken('s', input.status),
    ...derived.categories.map((c) => filterToken('c', c.category_id)),
    ...derived.tags.map((t) => filterToken('t', t.tag)),
    ...derived.options.map((o) => filterToken('o', `${o.name}=${o.value}`)),
  ].join(' ')
  const facets: ProductFacets = {
    c: derived.categories.map((c) => c.category_id),
    o: derived.options.map((o) => [o.name, o.value]),
    p: Object.fromEntries(derived.productPrices.map((p) => [p.currency, p.min_amount])),
    w: searchA === '' ? 0 : searchA.split(' ').length,
  }
  product.facets = JSON.stringify(facets)
  return { product, document, search, variants, derived }
}

/** The normalized `search_e` text: category names (ancestors included) and option values, each word once. */
export function searchFieldsText(categoryNames: readonly string[], optionValues: readonly string[]): string {
  return words([...categoryNames, ...optionValues].join(' ')).join(' ')
}

/** Staff view from stored rows. */
export function adminView(
  row: ProductRow,
  variants: { id: string; sku: string; options: string; stock: number; weight_grams: number }[],
  prices: { variant_id: string; currency: string; amount: number; compare_at: number | null }[],
): AdminProductView {
  return {
    id: row.id,
    handle: row.handle,
    title: row.title,
    description: row.description,
    status: row.status as AdminProductView['status'],
    attributes: JSON.parse(row.attributes),
    tags: JSON.parse(row.tags),
    categoryIds: JSON.parse(row.category_ids),
    images: JSON.parse(row.images),
    variants: variants.map((v) => ({
      id: v.id,
      sku: v.sku,
      options: JSON.parse(v.options),
      prices: prices
        .filter((p) => p.variant_id === v.id)
        .map((p) => ({
          currency: p.currency,
          amount: Number(p.amount),
          compareAt: p.compare_at === null ? null : Number(p.compare_at),
        })),
      stock: Number(v.stock),
      weightGrams: Number(v.weight_grams),
    })),
    createdAt: Number(row.created_at),
    updatedAt: Number(row.updated_at),
    publishedAt: row.published_at === null ? null : Number(row.published_at),
  }
}

/** Back from a stored admin view to the input that would save it unchanged (for partial updates and export). */
export function inputOf(view: AdminProductView): ProductInput {
  return {
    handle: view.handle,
    title: view.title,
    description: view.description,
    status: view.status,
    attributes: view.attributes,
    tags: view.tags,
    categoryIds: view.categoryIds,
    images: view.images,
    variants: view.variants.map((v) => ({
      sku: v.sku,
      options: v.options,
      prices: v.prices.map((p) => ({ currency: p.currency, amount: p.amount, compareAt: p.compareAt })),
      stock: v.stock,
      weightGrams: v.weightGrams,
    })),
  }
}
