/**
 * Catalog HTTP: staff routes under /admin (permission catalog:write) and storefront routes under /store
 * (public). Storefront GETs carry an ETag and answer If-None-Match with 304.
 */
import { Readable } from 'node:stream'
import multipart from '@fastify/multipart'
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import type { FastifyReply, FastifyRequest } from 'fastify'
import { Type } from 'typebox'
import { badRequest } from '../../platform/errors.ts'
import type { App } from '../../platform/http/types.ts'
import { limits } from '../../platform/security/rate-limits.ts'
import { etagOf } from './documents.ts'
import type { CatalogExporter } from './export.ts'
import { type CatalogImporter, CSV_COLUMNS } from './import.ts'
import type { ImportJobs } from './import-jobs.ts'
import {
  formatOfFile,
  formatOfMediaType,
  IMPORT_MEDIA_TYPES,
  ImportUpload,
  MAX_IMPORT_BYTES,
  readUpload,
  sanitizeFileName,
  tooLarge,
} from './import-upload.ts'
import {
  AdminListQuery,
  AdminProductPage,
  AdminProductView,
  AvailabilityView,
  CategoryBody,
  CategoryList,
  CategoryParams,
  CategoryView,
  CreateProductBody,
  HandleParams,
  ImportJobPage,
  ImportJobParams,
  ImportJobQuery,
  ImportJobView,
  ImportQuery,
  ImportResult,
  ListQuery,
  ProductPage,
  ProductParams,
  ProductView,
  SearchResult,
  UpdateCategoryBody,
  UpdateProductBody,
} from './schemas.ts'
import type { Answer, Render } from './search/result-cache.ts'
import type { CatalogService } from './service.ts'

const staff = { auth: { permission: 'catalog:write' as const }, rateLimit: limits.write }
const heavy = { auth: { permission: 'catalog:write' as const }, rateLimit: limits.heavy }
const store = { auth: 'public' as const, rateLimit: limits.read }
const Deleted = Type.Null({ description: 'Deleted' })
const NotModified = Type.Null({ description: 'Not modified (If-None-Match)' })

export async function catalogRoutes(
  app: App,
  deps: { catalog: CatalogService; importer: CatalogImporter; imports: ImportJobs; exporter: CatalogExporter },
) {
  const { catalog, importer, imports, exporter } = deps

  // ------------------------------------------------------------------------------ storefront
  app.addHook('onSend', etagOnSend)

  app.get('/store/products/:handle', {
    schema: { summary: 'A published product by handle', tags: ['storefront'], params: HandleParams, response: { 200: ProductView, 304: NotModified } },
    config: store,
  }, async (req, reply) => {
    const { doc, etag } = await catalog.getDocument(req.params.handle)
    reply.header('vary', 'Accept')
    if (req.format === 'xml') return JSON.parse(doc) // its own ETag comes from etagOnSend
    reply.header('etag', etag)
    if (fresh(req, etag)) return reply.code(304).send(null)
    reply.type('application/json; charset=utf-8')
    return doc // rendered at write time and served as is
  })

  app.get('/store/products/:handle/availability', {
    schema: { summary: 'Live stock of a published product', tags: ['storefront'], params: HandleParams, response: { 200: AvailabilityView } },
    config: store,
  }, (req) => catalog.getAvailability(req.params.handle))

  app.get('/store/products', {
    schema: {
      summary: 'Published products: filter by category (with descendants), price, stock, options, tags; sort; cursor pages',
      tags: ['storefront'], querystring: ListQuery, response: { 200: ProductPage },
    },
    config: store,
  }, async (req, reply) => sendAnswer(req, reply, await catalog.list(req.query, renderer(reply))))

  app.get('/store/search', {
    schema: {
      summary: 'Ranked, typo-tolerant search with the same filters, highlights and facet counts',
      tags: ['storefront'], querystring: ListQuery, response: { 200: SearchResult },
    },
    config: store,
  }, async (req, reply) => {
    const who = { anonymousId: anonymousIdOf(req), customerId: req.actor.customerId }
    return sendAnswer(req, reply, await catalog.search(req.query, renderer(reply), who))
  })

  app.get('/store/categories', {
    schema: { summary: 'The category tree, depth first', tags: ['storefront'], response: { 200: CategoryList } },
    config: store,
  }, () => catalog.listCategories())

  // ------------------------------------------------------------------------------ staff
  app.post('/admin/products', {
    schema: { summary: 'Create a product with its variants', tags: ['catalog'], body: CreateProductBody, response: { 201: AdminProductView } },
    config: staff,
  }, async (req, reply) => reply.code(201).send(await catalog.createProduct(req.body)))

  app.get('/admin/products', {
    schema: { summary: 'Products in any status, newest first', tags: ['catalog'], querystring: AdminListQuery, response: { 200: AdminProductPage } },
    config: { ...staff, rateLimit: limits.read },
  }, (req) => catalog.listAdminProducts(req.query))

  app.get('/admin/products/:id', {
    schema: { summary: 'A product in any status, with stock', tags: ['catalog'], params: ProductParams, response: { 200: AdminProductView } },
    config: { ...staff, rateLimit: limits.read },
  }, (req) => catalog.getAdminProduct(req.params.id))

  app.patch('/admin/products/:id', {
    schema: {
      summary: 'Update a product; `variants`, when given, is the full set (matched by SKU)',
      tags: ['catalog'], params: ProductParams, body: UpdateProductBody, response: { 200: AdminProductView },
    },
    config: staff,
  }, (req) => catalog.updateProduct(req.params.id, req.body))

  app.post('/admin/products/:id/publish', {
    schema: { summary: 'Publish a product', tags: ['catalog'], params: ProductParams, response: { 200: AdminProductView } },
    config: staff,
  }, (req) => catalog.setStatus(req.params.id, 'published'))

  app.post('/admin/products/:id/archive', {
    schema: { summary: 'Archive a product (hidden from the storefront)', tags: ['catalog'], params: ProductParams, response: { 200: AdminProductView } },
    config: staff,
  }, (req) => catalog.setStatus(req.params.id, 'archived'))

  app.delete('/admin/products/:id', {
    schema: { summary: 'Delete a product and its variants', tags: ['catalog'], params: ProductParams, response: { 204: Deleted } },
    config: staff,
  }, async (req, reply) => {
    await catalog.deleteProduct(req.params.id)
    return reply.code(204).send(null)
  })

  app.post('/admin/categories', {
    schema: { summary: 'Create a category', tags: ['catalog'], body: CategoryBody, response: { 201: CategoryView } },
    config: staff,
  }, async (req, reply) => reply.code(201).send(await catalog.createCategory(req.body)))

  app.patch('/admin/categories/:id', {
    schema: { summary: 'Rename or move a category', tags: ['catalog'], params: CategoryParams, body: UpdateCategoryBody, response: { 200: CategoryView } },
    config: staff,
  }, (req) => catalog.updateCategory(req.params.id, req.body))

  app.delete('/admin/categories/:id', {
    schema: { summary: 'Delete an empty category', tags: ['catalog'], params: CategoryParams, response: { 204: Deleted } },
    config: staff,
  }, async (req, reply) => {
    await catalog.deleteCategory(req.params.id)
    return reply.code(204).send(null)
  })

  app.get('/admin/catalog/export', {
    schema: { summary: 'The whole catalog as CSV (the import format)', tags: ['catalog'], response: { 200: Type.String() } },
    config: { ...heavy, formats: ['csv'] },
  }, async (_req, reply) => {
    const body = Readable.from(exporter.stream()) // throws server-busy before any byte when exports are at their limit
    reply.type('text/csv; charset=utf-8').header('content-disposition', 'attachment; filename="catalog.csv"')
    return reply.send(body as unknown as string) // the schema documents the text; Fastify pipes the stream
  })

  // The import routes read their body as a stream (CSV, JSON, JSON Lines, or a multipart form's file):
  // ./import-upload.ts parses it while it arrives and names lines in its errors.
  await app.register(async (plain) => {
    const child = plain.withTypeProvider<TypeBoxTypeProvider>()
    child.addContentTypeParser(Object.keys(IMPORT_MEDIA_TYPES), async (req: FastifyRequest, payload: Readable) => {
      if (Number(req.headers['content-length'] ?? 0) > MAX_IMPORT_BYTES) throw tooLarge(MAX_IMPORT_BYTES)
      return readUpload(payload, formatOfMediaType(req.headers['content-type'])!, null)
    })
    await child.register(multipart, {
      limits: { fileSize: MAX_IMPORT_BYTES, files: 1, fields: 10, parts: 11, fieldSize: 1024 },
    })
    // A form's file part is read here, before the Idempotency-Key hook hashes the body.
    child.addHook('preValidation', async (req) => {
      if (!req.isMultipart()) return
      const part = await req.file()
      if (!part) throw badRequest('import-file-missing', 'The form has no file part (send the file as the `file` field)')
      const fileName = sanitizeFileName(part.filename)
      const upload = await readUpload(part.file, formatOfFile(fileName, part.mimetype), fileName)
      if (part.file.truncated) throw tooLarge(MAX_IMPORT_BYTES)
      req.body = upload
    })
    child.post('/admin/catalog/import', {
      schema: {
        summary: 'Import products from CSV, JSON or JSON Lines: all rows or none; re-import updates by handle and SKU',
        tags: ['catalog'], querystring: ImportQuery, response: { 200: ImportResult },
      },
      config: { ...heavy, bodyDoc: importBodyDoc },
    }, (req) => importer.importParsed(uploadOf(req).take(), { dryRun: req.query.dryRun ?? false }))
    child.post('/admin/catalog/imports', {
      schema: {
        summary: 'Start an import job (CSV, JSON or JSON Lines) and follow its progress at the Location it answers',
        description: IMPORT_JOB_DESCRIPTION,
        tags: ['catalog'], querystring: ImportQuery, response: { 202: ImportJobView },
      },
      config: { ...heavy, idempotent: true, bodyDoc: importBodyDoc },
      onSend: locationOfReplay,
    }, async (req, reply) => {
      const job = await imports.start(uploadOf(req), req.query.dryRun ?? false)
      return reply.code(202).header('location', `/admin/catalog/imports/${job.id}`).send(job)
    })
  })

  app.get('/admin/catalog/imports', {
    schema: { summary: 'Recent import jobs, newest first', tags: ['catalog'], querystring: ImportJobQuery, response: { 200: ImportJobPage } },
    config: { auth: staff.auth, rateLimit: limits.read },
  }, (req) => imports.list(req.query))

  app.get('/admin/catalog/imports/:id', {
    schema: { summary: 'An import job: its status, progress, result or errors', tags: ['catalog'], params: ImportJobParams, response: { 200: ImportJobView } },
    config: { auth: staff.auth, rateLimit: limits.read },
  }, (req) => imports.get(req.params.id))
} // biome-ignore format: one route per block reads better than the formatter's wrapping

const IMPORT_JOB_DESCRIPTION =
  'Answers 202 at once with the job and `Location: /admin/catalog/imports/{id}`; poll that URL (any node answers: ' +
  'the job lives in the database). The node that received the file runs the job: it validates every row first ' +
  '(`validating`; if any row is invalid the job fails with `failure.reason` `invalid-rows` and the row errors, ' +
  'and nothing is written), then writes the products in batches of 250, each batch one transaction that also ' +
  'advances `progress.done` (`writing`), so `done` is exactly what has committed. `?dryRun=true` validates only. ' +
  'The file is not stored: if the process stops mid-write, the job is reported `failed` with `failure.reason` ' +
  '`interrupted` once its heartbeat (`updatedAt`) is two minutes old (at once when the server shuts down), ' +
  '`progress.done` products stay written, and importing the same file again finishes the import (re-import ' +
  'updates by handle and SKU). With an `Idempotency-Key`, a retried upload answers the first job instead of ' +
  'starting another. Large imports leave the search index optimized, as the synchronous import does.'

const jsonExample = [
  {
    handle: 'enamel-mug',
    title: 'Enamel mug',
    status: 'published',
    categories: ['kitchen'],
    variants: [{ sku: 'MUG-1', prices: [{ currency: 'EUR', amount: 1250 }], stock: 10 }],
  },
]

/** What the import reads (it parses the stream itself, so these are documented, not validated by Fastify). */
export const importBodyDoc: Record<string, { schema: object; example: unknown }> = {
  'text/csv': {
    schema: {
      type: 'string',
      description:
        'RFC 4180 CSV with a header row, one row per variant; product fields on the first row of each handle ' +
        '(the columns of GET /admin/catalog/export, which re-imports as is)',
    },
    example: `${[...CSV_COLUMNS, 'price_EUR', 'compare_at_EUR'].join(',')}\r\nenamel-mug,Enamel mug,A camp mug,published,,kitchen,,,MUG-1,,10,,1250,\r\n`,
  },
  'application/json': {
    schema: {
      type: 'array',
      maxItems: 100000,
      description: 'Products as in POST /admin/products, with `categories` as category handles',
      items: { type: 'object', additionalProperties: true },
    },
    example: jsonExample,
  },
  'application/x-ndjson': {
    schema: {
      type: 'string',
      description: 'JSON Lines: one product (as in the JSON array) per line; blank lines are skipped',
    },
    example: `${JSON.stringify(jsonExample[0])}\n`,
  },
  'multipart/form-data': {
    schema: {
      type: 'object',
      required: ['file'],
      properties: {
        file: {
          type: 'string',
          format: 'binary',
          description:
            'The file, in any of the formats above, chosen by its name (.csv, .json, .jsonl or .ndjson) or else ' +
            "its part's media type; its name is kept with the job (`fileName`)",
        },
      },
    },
    example: { file: 'catalog.csv' },
  },
}

/**
 * How the route's 200 response schema serialises a value (the JSON a list or search answer keeps):
 * the same compiled function Fastify would use, so unlisted fields are stripped as on any route.
 */
function renderer<T extends object>(reply: FastifyReply): Render<T> {
  return (value) => {
    const serialize = reply.getSerializationFunction('200')
    if (!serialize) throw new Error(`${reply.request.url}: no 200 response schema`)
    return serialize(value as Record<string, unknown>)
  }
}

/**
 * A list or search answer, as the product route sends its document: the JSON kept with the answer and
 * its ETag (304 when the client has it); XML is produced from it per request.
 */
function sendAnswer(req: FastifyRequest, reply: FastifyReply, answer: Answer) {
  reply.header('vary', 'Accept')
  if (req.format === 'xml') return JSON.parse(answer.body) // its own ETag comes from etagOnSend
  reply.header('etag', answer.etag)
  if (fresh(req, answer.etag)) return reply.code(304).send(null)
  reply.type('application/json; charset=utf-8')
  return answer.body
}

/** The analytics id a storefront sends in `X-Anonymous-Id` (same format as in POST /events), if sane. */
function anonymousIdOf(req: FastifyRequest): string | null {
  const id = req.headers['x-anonymous-id']
  return typeof id === 'string' && /^[A-Za-z0-9_-]{8,64}$/.test(id) ? id : null
}

/** A replayed 202 (Idempotency-Key) is the stored body only: its Location is put back from the job's id. */
function locationOfReplay(
  _req: FastifyRequest,
  reply: FastifyReply,
  payload: unknown,
  done: (err: null, p: unknown) => void,
) {
  if (reply.statusCode === 202 && !reply.hasHeader('location') && typeof payload === 'string') {
    const id = /^\{"id":"([A-Za-z0-9_]+)"|<id>([A-Za-z0-9_]+)<\/id>/.exec(payload)
    if (id) reply.header('location', `/admin/catalog/imports/${id[1] ?? id[2]}`)
  }
  done(null, payload)
}

/** The body of an import route: always an upload (read by the content-type parser or the form hook). */
function uploadOf(req: FastifyRequest): ImportUpload {
  if (!(req.body instanceof ImportUpload)) throw badRequest('import-file-missing', 'Send the import file as the body')
  return req.body
}

/** RFC 9110 §13.1.2: a weak comparison of If-None-Match against the current ETag. */
export function fresh(req: FastifyRequest, etag: string): boolean {
  const header = req.headers['if-none-match']
  if (!header) return false
  if (header.trim() === '*') return true
  const bare = etag.replace(/^W\//, '')
  return header.split(',').some((tag) => tag.trim().replace(/^W\//, '') === bare)
}

function etagOnSend(req: FastifyRequest, reply: FastifyReply, payload: unknown, done: (err: null, p: unknown) => void) {
  if (req.method !== 'GET' && req.method !== 'HEAD') return done(null, payload)
  if (reply.statusCode === 304) return done(null, null) // no body, no content-length
  if (reply.statusCode !== 200 || typeof payload !== 'string' || reply.hasHeader('etag')) return done(null, payload)
  const etag = etagOf(payload)
  reply.header('etag', etag)
  reply.header('vary', 'Accept')
  if (fresh(req, etag)) {
    reply.code(304)
    return done(null, null)
  }
  done(null, payload)
}
