/** The catalog API contract: staff inputs, storefront views, list and search queries. */
import { type Static, Type } from 'typebox'
import { Currency, Id, Line, Money, Text, Timestamp } from '../../platform/http/schemas.ts'

export const Handle = Type.String({
  pattern: '^[a-z0-9]+(-[a-z0-9]+)*$',
  minLength: 1,
  maxLength: 120,
  examples: ['linen-shirt'],
})
export const Sku = Type.String({ pattern: '^[A-Za-z0-9][A-Za-z0-9._-]*$', minLength: 1, maxLength: 64 })
export const Status = Type.Union([Type.Literal('draft'), Type.Literal('published'), Type.Literal('archived')])
export type Status = Static<typeof Status>
export const OptionName = Type.String({ pattern: '^[a-z][a-z0-9_-]*$', maxLength: 40 })
export const Options = Type.Record(
  Type.String({ pattern: '^[a-z][a-z0-9_-]*$' }),
  Line({ minLength: 1, maxLength: 100 }),
  {
    maxProperties: 5,
  },
)
export const Tag = Type.String({ pattern: '^[a-z0-9]+(-[a-z0-9]+)*$', maxLength: 60, examples: ['summer'] })

export const PriceInput = Type.Object(
  {
    currency: Currency,
    amount: Type.Integer({ minimum: 0, maximum: 1e12 }),
    compareAt: Type.Optional(Type.Union([Type.Integer({ minimum: 0, maximum: 1e12 }), Type.Null()])),
  },
  { additionalProperties: false },
)
export const VariantInput = Type.Object(
  {
    sku: Sku,
    options: Type.Optional(Options),
    prices: Type.Array(PriceInput, { minItems: 1, maxItems: 20 }),
    stock: Type.Optional(Type.Integer({ minimum: 0, maximum: 1e9, default: 0 })),
    weightGrams: Type.Optional(Type.Integer({ minimum: 0, maximum: 1e8, default: 0 })),
  },
  { additionalProperties: false },
)
export type VariantInput = Static<typeof VariantInput>
export const ImageInput = Type.Object(
  { url: Type.String({ format: 'uri', pattern: '^https?://', maxLength: 2000 }), alt: Line({ maxLength: 300 }) },
  { additionalProperties: false },
)
export const Attributes = Type.Record(
  Type.String({ pattern: '^[A-Za-z][A-Za-z0-9_-]*$', maxLength: 60 }),
  Type.Union([Text({ maxLength: 1000 }), Type.Number({ minimum: -1e15, maximum: 1e15 }), Type.Boolean()]),
  { maxProperties: 50 },
)

const productFields = {
  handle: Handle,
  title: Line({ minLength: 1, maxLength: 200 }),
  description: Text({ maxLength: 20000 }),
  status: Status,
  attributes: Attributes,
  tags: Type.Array(Tag, { maxItems: 50 }),
  categoryIds: Type.Array(Id, { maxItems: 20 }),
  images: Type.Array(ImageInput, { maxItems: 50 }),
  variants: Type.Array(VariantInput, { minItems: 1, maxItems: 250 }),
}

export const CreateProductBody = Type.Object(
  {
    handle: productFields.handle,
    title: productFields.title,
    description: Type.Optional(productFields.description),
    status: Type.Optional(productFields.status),
    attributes: Type.Optional(productFields.attributes),
    tags: Type.Optional(productFields.tags),
    categoryIds: Type.Optional(productFields.categoryIds),
    images: Type.Optional(productFields.images),
    variants: productFields.variants,
  },
  { additionalProperties: false },
)
export type CreateProductBody = Static<typeof CreateProductBody>

/** Every field optional; `variants`, when given, is the complete new set (matched to existing ones by SKU). */
export const UpdateProductBody = Type.Partial(CreateProductBody, { additionalProperties: false })
export type UpdateProductBody = Static<typeof UpdateProductBody>

/** A product as saved: every field present. */
export interface ProductInput {
  handle: string
  title: string
  description: string
  status: Status
  attributes: Record<string, string | number | boolean>
  tags: string[]
  categoryIds: string[]
  images: { url: string; alt: string }[]
  variants: {
    sku: string
    options: Record<string, string>
    prices: { currency: string; amount: number; compareAt?: number | null }[]
    stock: number
    weightGrams: number
  }[]
}

export const ProductParams = Type.Object({ id: Id })
export const HandleParams = Type.Object({ handle: Handle })
export const CategoryParams = Type.Object({ id: Id })

const PriceView = Type.Object({ currency: Currency, amount: Money, compareAt: Type.Union([Money, Type.Null()]) })
const CategoryRef = Type.Object({ id: Id, handle: Type.String(), name: Type.String() })
const ImageView = Type.Object({ url: Type.String(), alt: Type.String() })

/** What a shopper sees of a product (stored rendered, served as is). Stock is live: see the availability route. */
export const ProductView = Type.Object(
  {
    id: Id,
    handle: Type.String(),
    title: Type.String(),
    description: Type.String(),
    attributes: Type.Record(Type.String(), Type.Union([Type.String(), Type.Number(), Type.Boolean()])),
    tags: Type.Array(Type.String()),
    categories: Type.Array(CategoryRef),
    images: Type.Array(ImageView),
    variants: Type.Array(
      Type.Object({
        id: Id,
        sku: Type.String(),
        title: Type.String(),
        options: Type.Record(Type.String(), Type.String()),
        prices: Type.Array(PriceView),
        weightGrams: Type.Integer(),
      }),
    ),
    publishedAt: Type.Union([Timestamp, Type.Null()]),
    updatedAt: Timestamp,
  },
  { xml: { name: 'product' } },
)
export type ProductView = Static<typeof ProductView>

/** What staff see: the storefront view plus status, stock and timestamps. */
export const AdminProductView = Type.Object(
  {
    id: Id,
    handle: Type.String(),
    title: Type.String(),
    description: Type.String(),
    status: Status,
    attributes: Type.Record(Type.String(), Type.Union([Type.String(), Type.Number(), Type.Boolean()])),
    tags: Type.Array(Type.String()),
    categoryIds: Type.Array(Id),
    images: Type.Array(ImageView),
    variants: Type.Array(
      Type.Object({
        id: Id,
        sku: Type.String(),
        options: Type.Record(Type.String(), Type.String()),
        prices: Type.Array(PriceView),
        stock: Type.Integer(),
        weightGrams: Type.Integer(),
      }),
    ),
    createdAt: Timestamp,
    updatedAt: Timestamp,
    publishedAt: Type.Union([Timestamp, Type.Null()]),
  },
  { xml: { name: 'product' } },
)
export type AdminProductView = Static<typeof AdminProductView>

export const AvailabilityView = Type.Object(
  { variants: Type.Array(Type.Object({ id: Id, sku: Type.String(), stock: Type.Integer(), inStock: Type.Boolean() })) },
  { xml: { name: 'availability' } },
)

export const SortKey = Type.Union([
  Type.Literal('relevance'),
  Type.Literal('newest'),
  Type.Literal('name'),
  Type.Literal('price'),
  Type.Literal('-price'),
])
export type SortKey = Static<typeof SortKey>

export const ListQuery = Type.Object(
  {
    q: Type.Optional(Line({ maxLength: 200 })),
    category: Type.Optional(Line({ maxLength: 120, description: 'Category id or handle; descendants included' })),
    currency: Type.Optional(Currency),
    minPrice: Type.Optional(Type.Integer({ minimum: 0, maximum: 1e15 })),
    maxPrice: Type.Optional(Type.Integer({ minimum: 0, maximum: 1e15 })),
    inStock: Type.Optional(Type.Boolean()),
    tag: Type.Optional(Type.Array(Tag, { maxItems: 10 })),
    option: Type.Optional(
      Type.Array(Type.String({ pattern: '^[a-z][a-z0-9_-]*:.+$', maxLength: 140 }), {
        maxItems: 10,
        description: 'name:value, e.g. size:M; values of one name are alternatives',
      }),
    ),
    sort: Type.Optional(SortKey),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 20 })),
    cursor: Type.Optional(Line({ maxLength: 512 })),
  },
  { additionalProperties: false },
)
export type ListQuery = Static<typeof ListQuery>

export const ProductCard = Type.Object({
  id: Id,
  handle: Type.String(),
  title: Type.String(),
  image: Type.Union([ImageView, Type.Null()]),
  price: Type.Union([Type.Object({ currency: Currency, amount: Money }), Type.Null()]),
  inStock: Type.Boolean(),
  highlights: Type.Optional(Type.Object({ title: Type.String(), description: Type.String() })),
})
export type ProductCard = Static<typeof ProductCard>

export const ProductPage = Type.Object(
  { items: Type.Array(ProductCard), nextCursor: Type.Union([Type.String(), Type.Null()]) },
  { xml: { name: 'products' } },
)
export type ProductPage = Static<typeof ProductPage>

export const Facets = Type.Object({
  categories: Type.Array(Type.Object({ id: Id, handle: Type.String(), name: Type.String(), count: Type.Integer() })),
  prices: Type.Array(Type.Object({ min: Money, max: Type.Union([Money, Type.Null()]), count: Type.Integer() })),
  options: Type.Array(Type.Object({ name: Type.String(), value: Type.String(), count: Type.Integer() })),
})
export type Facets = Static<typeof Facets>

export const SearchResult = Type.Object(
  {
    items: Type.Array(ProductCard),
    nextCursor: Type.Union([Type.String(), Type.Null()]),
    total: Type.Integer(),
    facets: Facets,
  },
  { xml: { name: 'searchResult' } },
)
export type SearchResult = Static<typeof SearchResult>

export const AdminListQuery = Type.Object(
  {
    q: Type.Optional(
      Line({ maxLength: 200, description: 'Part of the title, handle or a SKU (case-insensitive), e.g. "linen"' }),
    ),
    status: Type.Optional(Status),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 20 })),
    cursor: Type.Optional(Line({ maxLength: 512 })),
  },
  { additionalProperties: false },
)
export const AdminProductPage = Type.Object(
  {
    items: Type.Array(
      Type.Object({ id: Id, handle: Type.String(), title: Type.String(), status: Status, updatedAt: Timestamp }),
    ),
    nextCursor: Type.Union([Type.String(), Type.Null()]),
  },
  { xml: { name: 'products' } },
)

export const CategoryBody = Type.Object(
  {
    handle: Handle,
    name: Line({ minLength: 1, maxLength: 200 }),
    parentId: Type.Optional(Type.Union([Id, Type.Null()])),
    position: Type.Optional(Type.Integer({ minimum: 0, maximum: 1e6 })),
  },
  { additionalProperties: false },
)
export type CategoryBody = Static<typeof CategoryBody>
export const UpdateCategoryBody = Type.Partial(CategoryBody, { additionalProperties: false })
export type UpdateCategoryBody = Static<typeof UpdateCategoryBody>
export const CategoryView = Type.Object(
  {
    id: Id,
    handle: Type.String(),
    name: Type.String(),
    parentId: Type.Union([Id, Type.Null()]),
    depth: Type.Integer(),
    position: Type.Integer(),
  },
  { xml: { name: 'category' } },
)
export type CategoryView = Static<typeof CategoryView>
export const CategoryList = Type.Object({ items: Type.Array(CategoryView) }, { xml: { name: 'categories' } })

export const ImportQuery = Type.Object(
  { dryRun: Type.Optional(Type.Boolean({ default: false })) },
  { additionalProperties: false },
)
/** A refused row: its line in the file (1 is the CSV header), the field, and what is wrong. */
export const ImportRowError = Type.Object({ line: Type.Integer(), field: Type.String(), message: Type.String() })
export const ImportCounts = Type.Object({
  products: Type.Object({ created: Type.Integer(), updated: Type.Integer() }),
  variants: Type.Integer(),
})
export const ImportResult = Type.Object(
  {
    ok: Type.Boolean(),
    dryRun: Type.Boolean(),
    products: ImportCounts.properties.products,
    variants: Type.Integer(),
    errors: Type.Array(ImportRowError),
  },
  { xml: { name: 'importResult' } },
)
export type ImportResult = Static<typeof ImportResult>

export const ImportJobStatus = Type.Union(
  [
    Type.Literal('queued'),
    Type.Literal('validating'),
    Type.Literal('writing'),
    Type.Literal('succeeded'),
    Type.Literal('failed'),
  ],
  { description: 'queued → validating → writing (skipped by a dry run) → succeeded, or failed at any step' },
)
export type ImportJobStatus = Static<typeof ImportJobStatus>
export const ImportJobParams = Type.Object({ id: Id })
export const ImportJobView = Type.Object(
  {
    id: Id,
    status: ImportJobStatus,
    format: Type.Union([Type.Literal('csv'), Type.Literal('json'), Type.Literal('jsonl')], {
      description: '`jsonl`: JSON Lines (one product per line)',
    }),
    fileName: Type.Union([Type.String({ maxLength: 255 }), Type.Null()], {
      description:
        "The uploaded file's name (the `filename` of a multipart/form-data file part: its last path segment, " +
        'control characters removed, at most 255 characters); null for a raw body or a part without a name',
    }),
    dryRun: Type.Boolean({ description: 'Only validated: nothing is written, `result` says what an import would do' }),
    progress: Type.Object(
      { done: Type.Integer({ minimum: 0 }), total: Type.Integer({ minimum: 0 }) },
      {
        description:
          'Of the current step: while validating, products checked of the products in the file (0 of 0 while ' +
          'the text is parsed); while writing and after, products committed of the products to write. `done` ' +
          'counts only what has committed.',
      },
    ),
    result: Type.Union([ImportCounts, Type.Null()], {
      description: 'Once succeeded: products created and updated, variants (a dry run: what an import would do)',
    }),
    errorCount: Type.Integer({ minimum: 0, description: 'Rows refused (all of them; `errors` lists the first 1,000)' }),
    errors: Type.Array(ImportRowError, { description: 'The refused rows, by line; nothing was written' }),
    failure: Type.Union(
      [
        Type.Object({
          reason: Type.Union([Type.Literal('invalid-rows'), Type.Literal('interrupted'), Type.Literal('error')]),
          detail: Type.String(),
        }),
        Type.Null(),
      ],
      {
        description:
          'Once failed: `invalid-rows` (see `errors`; nothing written), `interrupted` (the process stopped; ' +
          '`progress.done` products were written, re-running the same file finishes the import) or `error`',
      },
    ),
    createdAt: Timestamp,
    startedAt: Type.Union([Timestamp, Type.Null()]),
    updatedAt: Type.Integer({
      minimum: 0,
      maximum: 8.64e15,
      description: 'The last progress, in epoch ms (the heartbeat of a running job)',
    }),
    finishedAt: Type.Union([Timestamp, Type.Null()]),
  },
  { xml: { name: 'importJob' } },
)
export type ImportJobView = Static<typeof ImportJobView>
export const ImportJobQuery = Type.Object(
  {
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 20 })),
    cursor: Type.Optional(Id),
  },
  { additionalProperties: false },
)
export const ImportJobPage = Type.Object(
  { items: Type.Array(ImportJobView), nextCursor: Type.Union([Type.String(), Type.Null()]) },
  { xml: { name: 'importJobs' } },
)
