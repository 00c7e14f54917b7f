/**
 * The OpenAPI document, derived from what the routes already declare (docs/API.md, "The contract").
 * Nothing here changes how a request is served: the per-route `transform` works on a copy of the
 * route's schema and `finish` rewrites the generated document.
 *
 * - operationId: `operationIdFor(method, path)` unless a route declares `schema.operationId`.
 * - Named schemas: every object shape a module exports from its schemas.ts becomes
 *   `components.schemas.<ExportName>` and is referenced wherever a body or response uses it.
 * - Security: `security: []` on public routes, the three schemes on the others; the Auth paragraph.
 * - Problems: `4XX`/`5XX` on every operation, as problem documents, their description listing the
 *   codes the operation can answer with (`problemCodesFor`).
 * - The Idempotency-Key header wherever `config.idempotent` is set; `text/csv` where `formats` lists it.
 * - XML: arrays are `xml.wrapped` with items named `i` (the mapping in ./xml.ts).
 * - An example on every request body and JSON success response, sampled from the schema.
 */
import type { FastifyDynamicSwaggerOptions } from '@fastify/swagger'
import type { RouteOptions } from 'fastify'
import { sample } from 'openapi-sampler'
import { describeRule } from '../security/auth.ts'
import { DEFAULT_FORMATS, type Format, mediaTypesOf } from './negotiation.ts'
import { ProblemView } from './schemas.ts'
import type { AuthRule } from './types.ts'

type Json = Record<string, any>

export interface OpenApiSetup {
  publicUrl: string
  version: string
  /** Each module's schemas.ts namespace (`import * as`), keyed by module name: its exports name the shapes. */
  shapes: Record<string, Record<string, unknown>>
  /** Module problem codes per operationId, beyond those the platform derives from the route's rules. */
  problemsByOperation?: Record<string, readonly string[]>
  /** Hand-written examples by component name; the others are sampled from the schema. */
  examples?: Record<string, unknown>
}

/** One line per tag, in the order the document lists them. */
export const TAGS: Record<string, string> = {
  operations: 'Health, readiness, metrics and the problem-type catalogue',
  accounts: 'Sign-up, sign-in, sessions, MFA and the signed-in account',
  admin: 'Staff users, roles, API keys and the audit log',
  mail: 'The outgoing mail outbox',
  privacy: 'Personal-data download and erasure',
  storefront: 'What shoppers browse: published products, categories and search with facets',
  catalog: 'Products, variants, prices, stock, categories, import and export (staff)',
  carts: 'Carts and their lines',
  addresses: 'The encrypted address book',
  'checkout configuration': 'Shipping methods, tax rates and discount codes',
  payments: 'Payments, refunds and the test card processor',
  checkout: 'Quotes and placing an order',
  orders: 'Orders after checkout: capture, refund, fulfil, cancel, history',
  insights: 'Storefront events',
  reports: 'Reports and CSV exports',
  webhooks: 'Signed webhook endpoints and their deliveries',
}

const PROBLEM_MEDIA_TYPES = ['application/problem+json', 'application/problem+xml']
const REQUEST_MEDIA_TYPES = ['application/json', 'application/xml']
const MARK = 'x-backroom-shape'

/** `POST /carts/:cartId/items` -> `postCartsByCartIdItems`: predictable from the request line. */
export function operationIdFor(method: string, url: string): string {
  const words = [method.toLowerCase()]
  for (const segment of url.split('/').filter(Boolean)) {
    const param = /^[:{](\w+)\}?$/.exec(segment)
    if (param) words.push('by', ...param[1].split(/(?=[A-Z])/))
    else words.push(...segment.split(/[^A-Za-z0-9]+/).filter(Boolean))
  }
  return words.map((w, i) => (i === 0 ? w : w.charAt(0).toUpperCase() + w.slice(1).toLowerCase())).join('')
}

/** The problem codes an operation can answer with: those its rules imply plus the module's own. */
export function problemCodesFor(route: RouteOptions, schema: Json, extra: readonly string[] = []): string[] {
  const config = (route.config ?? {}) as Json
  const codes = new Set<string>()
  if (schema.body || schema.querystring || schema.params || schema.headers) codes.add('validation-failed')
  if (schema.body) {
    for (const code of ['malformed-body', 'unsupported-media-type', 'payload-too-large', 'xml-dtd-forbidden']) {
      codes.add(code)
    }
  }
  if (config.auth !== 'public') codes.add('unauthenticated')
  if (typeof config.auth === 'object') codes.add('permission-denied')
  if (config.idempotent) {
    for (const code of ['idempotency-key-invalid', 'idempotency-key-reused', 'idempotency-key-in-use']) codes.add(code)
  }
  codes.add('not-acceptable')
  codes.add('rate-limited')
  for (const code of extra) codes.add(code)
  return [...codes]
}

/** The options @fastify/swagger is registered with. */
export function openApiOptions(setup: OpenApiSetup): FastifyDynamicSwaggerOptions {
  const names = shapeNames(setup.shapes)
  return {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Backroom API',
        version: setup.version,
        description:
          'A headless commerce back-end. Every endpoint speaks JSON and XML (choose with Accept and Content-Type); ' +
          'errors are RFC 9457 problem documents. Money is an integer in minor units with an ISO 4217 currency.',
        license: { name: 'MIT', identifier: 'MIT' },
      },
      servers: [{ url: setup.publicUrl }],
      tags: Object.entries(TAGS).map(([name, description]) => ({ name, description })),
      components: {
        securitySchemes: {
          bearerAuth: { type: 'http', scheme: 'bearer', description: 'A session token or an API key' },
          cookieAuth: { type: 'apiKey', in: 'cookie', name: 'backroom_session', description: 'The session cookie' },
          apiKey: { type: 'apiKey', in: 'header', name: 'x-api-key', description: 'An API key' },
        },
      },
    },
    transform: ({ schema, url, route }) => ({
      schema: describeRoute(route as RouteOptions, url, schema as Json, names, setup) as never,
      url,
    }),
    transformObject: (documentObject) =>
      finish((documentObject as { openapiObject: Json }).openapiObject, setup.examples ?? {}) as never,
  }
}

// ---------------------------------------------------------------------------------------------
// Per route (on a copy of its schema)

/** Examples of documented-only request bodies, by operationId and media type (see `bodyDoc`). */
const bodyExamples = new Map<string, Record<string, unknown>>()

function describeRoute(
  route: RouteOptions,
  url: string,
  original: Json | undefined,
  names: Map<string, string>,
  setup: OpenApiSetup,
): Json {
  if (!original || original.hide) return original ?? {}
  const config = (route.config ?? {}) as Json
  const auth = config.auth as AuthRule
  const formats = (config.formats ?? DEFAULT_FORMATS) as readonly Format[]
  const schema: Json = { ...original }
  const method = String([route.method].flat()[0])
  schema.operationId ??= operationIdFor(method, url)
  schema.security = auth === 'public' ? [] : [{ bearerAuth: [] }, { cookieAuth: [] }, { apiKey: [] }]
  const rule = `**Auth:** ${describeRule(auth)}.`
  schema.description = schema.description ? `${schema.description}\n\n${rule}` : rule
  if (config.bodyDoc) {
    // Swagger keeps only the schemas of a content map; the examples are put back when the document is finished.
    schema.body = { content: config.bodyDoc }
    bodyExamples.set(
      schema.operationId,
      Object.fromEntries(
        Object.entries(config.bodyDoc as Json).map(([type, entry]) => [type, (entry as Json).example]),
      ),
    )
  } else if (schema.body) {
    schema.consumes ??= REQUEST_MEDIA_TYPES
    schema.body = mark(schema.body, names)
  }
  if (config.idempotent) {
    const headers = (schema.headers ?? { type: 'object', properties: {} }) as Json
    if (!headers.properties?.['idempotency-key']) {
      schema.headers = { ...headers, properties: { ...headers.properties, 'idempotency-key': IDEMPOTENCY_KEY } }
    }
  }

  const codes = problemCodesFor(route, schema, [
    ...(setup.problemsByOperation?.[schema.operationId] ?? []),
    ...(config.problems ?? []),
  ])
  const problem = (description: string) => ({
    description,
    content: Object.fromEntries(PROBLEM_MEDIA_TYPES.map((type) => [type, { schema: mark(ProblemView, names) }])),
  })
  const response: Json = {}
  const success = formats.filter((f) => f !== 'csv' && f !== 'text')
  for (const [status, shape] of Object.entries((schema.response ?? {}) as Json)) {
    if (/^[45]/.test(status)) continue
    const content: Json = {}
    const marked = mark(shape, names)
    for (const type of mediaTypesOf(success)) content[type] = { schema: marked }
    if (formats.includes('csv')) content['text/csv'] = { schema: CSV }
    if (formats.includes('text')) content['text/plain'] = { schema: { type: 'string' } }
    response[status] =
      shape.type === 'null'
        ? { type: 'null', description: shape.description ?? successDescription(status, schema.summary) }
        : { description: shape.description ?? successDescription(status, schema.summary), content }
  }
  if (!Object.keys(response).some((s) => s.startsWith('2'))) {
    // Only raw exports go without a response schema (platform/http/setup.ts): a CSV or text body.
    const content: Json = {}
    if (formats.includes('csv')) content['text/csv'] = { schema: CSV }
    if (formats.includes('text')) content['text/plain'] = { schema: { type: 'string' } }
    response[200] = { description: successDescription('200', schema.summary), content }
  }
  response['4XX'] = problem(
    `A problem document. Codes: ${codes.map((code) => `\`${code}\``).join(', ')} (see GET /problems/{code}).`,
  )
  response['5XX'] = problem('A problem document: `internal`, `shutting-down`, or a provider being unavailable.')
  schema.response = response
  return schema
}

const CSV = { type: 'string', description: 'RFC 4180 CSV with a header row' }

const IDEMPOTENCY_KEY = {
  type: 'string',
  minLength: 1,
  maxLength: 255,
  description:
    'Retrying with the same key (1 to 255 printable ASCII characters, kept 24 hours) replays the first ' +
    'response, with `Idempotent-Replayed: true`, instead of repeating the effect (docs/CHECKOUT.md, "Idempotency").',
  pattern: '^[ -~]{1,255}$',
  examples: ['7d3f0b0e-5c1a-4a55-9a0e-3f7d1c2b9a10'],
}

function successDescription(status: string, summary: string | undefined): string {
  const what = status === '201' ? 'Created' : status === '202' ? 'Accepted' : status === '204' ? 'No content' : 'OK'
  return summary ? `${what}: ${summary.charAt(0).toLowerCase()}${summary.slice(1)}` : what
}

/** Named shapes by their JSON text (TypeBox may copy a shape it composes, so identity is not enough). */
function shapeNames(modules: Record<string, Record<string, unknown>>): Map<string, string> {
  const names = new Map<string, string>()
  const taken = new Set<string>()
  for (const [module, exports] of Object.entries(modules)) {
    for (const [name, value] of Object.entries(exports)) {
      if (!isNamable(value)) continue
      const key = JSON.stringify(value)
      if (names.has(key)) continue
      const unique = taken.has(name) ? `${module.charAt(0).toUpperCase()}${module.slice(1)}${name}` : name
      taken.add(unique)
      names.set(key, unique)
    }
  }
  return names
}

function isNamable(value: unknown): value is Json {
  if (typeof value !== 'object' || value === null) return false
  const schema = value as Json
  if (schema.type === 'object') return schema.properties !== undefined || schema.additionalProperties !== undefined
  const variants = schema.anyOf ?? schema.oneOf
  return Array.isArray(variants) && variants.length > 1 && variants.every((v: Json) => v?.type === 'object')
}

/** A deep copy of `shape` in which every named shape carries its name (swagger keeps `x-` keys). */
function mark(shape: unknown, names: Map<string, string>): any {
  if (Array.isArray(shape)) return shape.map((item) => mark(item, names))
  if (typeof shape !== 'object' || shape === null) return shape
  const out: Json = {}
  for (const [key, value] of Object.entries(shape)) out[key] = key === 'examples' ? value : mark(value, names)
  const name = names.get(JSON.stringify(shape))
  if (name) out[MARK] = name
  return out
}

// ---------------------------------------------------------------------------------------------
// The whole document

function finish(document: Json, examples: Record<string, unknown>): Json {
  const components: Json = { ...document.components.schemas }
  // Named shapes become components and are referenced (inner ones first, so a component refers to others).
  const hoist = (node: any): any => {
    if (Array.isArray(node)) return node.map(hoist)
    if (typeof node !== 'object' || node === null) return node
    const out: Json = {}
    for (const [key, value] of Object.entries(node))
      if (key !== MARK) out[key] = key === 'example' ? value : hoist(value)
    const name = node[MARK]
    if (typeof name !== 'string') return out
    components[name] ??= out
    return { $ref: `#/components/schemas/${name}` }
  }
  document.paths = hoist(document.paths)
  mapDiscriminators(document.paths, components)
  mapDiscriminators(components, components)
  document.components.schemas = Object.fromEntries(Object.entries(components).sort(([a], [b]) => a.localeCompare(b)))
  for (const schema of Object.values(components)) describeXml(schema)
  for (const [name, example] of Object.entries(examples)) {
    if (components[name]) components[name].examples = [example]
  }
  for (const item of Object.values<Json>(document.paths)) {
    for (const operation of Object.values<Json>(item)) {
      for (const [type, example] of Object.entries(bodyExamples.get(operation.operationId) ?? {})) {
        const entry = operation.requestBody?.content?.[type]
        if (entry && example !== undefined) entry.example = example
      }
      describeXml(operation.requestBody)
      describeXml(operation.responses)
      nameXmlRoots(operation, components)
      addExamples(operation, document)
    }
  }
  const used = new Set(
    Object.values<Json>(document.paths).flatMap((item) => Object.values<Json>(item).flatMap((op) => op.tags ?? [])),
  )
  document.tags = (document.tags as Json[]).filter((tag) => used.has(tag.name))
  return document
}

/**
 * A discriminator over named shapes gets its `mapping` (each shape's literal value → its $ref). Without
 * one, OpenAPI says the value is the component's name, and generated clients type `type: "AddToCartEvent"`
 * where the API wants `type: "add_to_cart"`.
 */
function mapDiscriminators(node: any, components: Json): void {
  if (typeof node !== 'object' || node === null) return
  for (const [key, value] of Object.entries(node))
    if (key !== 'example' && key !== 'examples') mapDiscriminators(value, components)
  const property = node.discriminator?.propertyName
  if (typeof property !== 'string' || node.discriminator.mapping || !Array.isArray(node.oneOf)) return
  const mapping: Record<string, string> = {}
  for (const branch of node.oneOf) {
    const target = typeof branch?.$ref === 'string' ? components[branch.$ref.split('/').pop()] : undefined
    const tag = target?.properties?.[property]
    const value = tag?.const ?? (Array.isArray(tag?.enum) && tag.enum.length === 1 ? tag.enum[0] : undefined)
    if (typeof value !== 'string') return // not every branch is a named shape with one literal: leave it implicit
    mapping[value] = branch.$ref
  }
  node.discriminator = { ...node.discriminator, mapping }
}

/** Arrays are one wrapper element holding an `<i>` per item (./xml.ts). */
function describeXml(node: any): void {
  if (Array.isArray(node)) {
    for (const item of node) describeXml(item)
    return
  }
  if (typeof node !== 'object' || node === null) return
  for (const [key, value] of Object.entries(node)) if (key !== 'example' && key !== 'examples') describeXml(value)
  const types = [node.type].flat()
  if (types.includes('array') && typeof node.items === 'object') {
    node.xml = { ...node.xml, wrapped: true }
    node.items = { ...node.items, xml: { ...node.items.xml, name: 'i' } }
  }
}

/** A response whose schema names no XML root is written as `<response>` (./xml.ts toXml). */
function nameXmlRoots(operation: Json, components: Json): void {
  for (const response of Object.values<Json>(operation.responses ?? {})) {
    const media = response.content?.['application/xml']
    if (!media?.schema) continue
    const target = media.schema.$ref ? components[media.schema.$ref.split('/').pop()] : media.schema
    if (target?.xml?.name) continue
    media.schema = { ...media.schema, xml: { ...media.schema.xml, name: 'response' } }
  }
}

/**
 * The sampler writes '' for a free-text pattern (Line, Text) whatever its minLength; pad such strings
 * to their minimum so the example still validates (redocly's no-invalid-media-type-examples).
 */
function fitLengths(value: unknown, schema: Json, document: Json): unknown {
  const target: Json = schema?.$ref ? document.components?.schemas?.[schema.$ref.split('/').pop()] : schema
  if (!target) return value
  if (typeof value === 'string') {
    const min = typeof target.minLength === 'number' ? target.minLength : 0
    return value.length < min ? value.padEnd(min, 'x') : value
  }
  if (Array.isArray(value)) return value.map((item) => fitLengths(item, target.items, document))
  if (typeof value === 'object' && value !== null) {
    const rest = target.additionalProperties ?? Object.values(target.patternProperties ?? {})[0]
    const out: Json = {}
    for (const [key, item] of Object.entries(value)) {
      out[key] = fitLengths(item, target.properties?.[key] ?? (typeof rest === 'object' ? rest : undefined), document)
    }
    return out
  }
  return value
}

/** Media types whose examples are kept (an XML one is produced per request, so JSON's is not shown as XML). */
const TEXT_EXAMPLE_TYPES = new Set(['application/json', 'text/csv', 'application/x-ndjson'])

/** Sampled from the schema (the Id, Money, Currency… shapes carry examples), on JSON media only. */
function addExamples(operation: Json, document: Json): void {
  const media: Json[] = []
  const body = operation.requestBody?.content?.['application/json']
  if (body) media.push(body)
  for (const [status, response] of Object.entries<Json>(operation.responses ?? {})) {
    const json = response.content?.['application/json']
    if (status.startsWith('2') && json) media.push(json)
  }
  for (const entry of media) {
    if (entry.example !== undefined || !entry.schema) continue
    entry.example = fitLengths(
      sample(entry.schema, { enablePatterns: true, quiet: true }, document),
      entry.schema,
      document,
    )
  }
  // Each media type gets its own object, so JSON's example is not shown as XML.
  for (const holder of [operation.requestBody, ...Object.values<Json>(operation.responses ?? {})]) {
    if (!holder?.content) continue
    for (const [type, value] of Object.entries<Json>(holder.content)) {
      const { example, ...rest } = value
      holder.content[type] = TEXT_EXAMPLE_TYPES.has(type) && example !== undefined ? { ...rest, example } : rest
    }
  }
}
