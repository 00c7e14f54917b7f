/**
 * Generated bad-input test (issue 12 item 3). It reads the OpenAPI document the app serves, walks every
 * operation, and for every string and integer input (path, query, header parameters and every body field)
 * sends hostile values: NUL and other control characters, 100k-character strings, 1e308, 2^63, negative
 * numbers, over-long path segments, and 101-deep XML bodies. Each answer must be a 2xx or a 4xx RFC 9457
 * problem (problem+json or problem+xml whose `status` is the HTTP status), never a 5xx.
 *
 * The caller is an admin (every permission) who also owns a cart, an address and an order, so protected
 * routes reach validation and, when a hostile value passes it, the handler and the database. Every other
 * field of a request is a valid sample derived from its schema, and path parameters point at real rows.
 * A new route or field joins the test the moment it is registered.
 */
import assert from 'node:assert/strict'
import { test } from 'node:test'
import type { InjectOptions } from 'fastify'
import { headersFor, TEST_PASSWORD, testApp } from '../../helpers.ts'
import { customerCheckout, seedShop } from '../../modules/orders/fixtures.ts'
import { type Operation, operationsOf, resolve, type Schema } from './openapi-inputs.ts'

const FAKE_ID = 'zz_0000000000'
const ADMIN_EMAIL = 'fuzz-admin@example.test'

/** Top-level body fields an operation needs to get past its first check (a sign-in that succeeds stores headers). */
const OVERRIDES: Record<string, Record<string, unknown>> = {
  'POST /auth/sign-in': { email: ADMIN_EMAIL, password: TEST_PASSWORD },
}

/** Hostile text: NUL, C0 controls, an ANSI escape, DEL, a C1 control, and a 100k-character string. */
const STRINGS = ['a\u0000b', 'a\u0001b', '\u001b[2Jx', 'a\u007fb', 'a\u0085b', 'x'.repeat(100_000)]
/** Hostile integers, as JSON numbers (2^63 parses to 9223372036854775808 exactly). */
const NUMBERS = [1e308, 2 ** 63, -1, -(2 ** 63)]
/** The same as query-string or path text, plus a 20-digit value. */
const NUMBER_TEXTS = ['1e+308', '9223372036854775808', '-1', '-9223372036854775809', '99999999999999999999']
/** Longer than the router's 200-character limit for a path parameter. */
const LONG_SEGMENT = '1'.repeat(250)

type Headers = Record<string, string>
interface Probe {
  what: string
  request: InjectOptions & { headers: Headers }
}

test('every operation answers hostile input with a 2xx or a 4xx problem, never a 5xx', async (t) => {
  const app = await testApp(t)
  const spec = (await app.inject({ url: '/openapi.json' })).json()
  const ids = await seed(app)
  const admin = ids.headers

  const probes: Probe[] = []
  // Deletions last, so the rows other operations point at still exist while they run.
  const operations = operationsOf(spec).sort((a, b) => Number(a.method === 'DELETE') - Number(b.method === 'DELETE'))
  for (const op of operations) probes.push(...probesFor(spec, op, ids))
  assert.ok(operations.length > 50, 'the OpenAPI document lists the routes')

  const failures: string[] = []
  const reached = { total: 0, passedValidation: 0 }
  const batch = 4
  for (let i = 0; i < probes.length; i += batch) {
    await Promise.all(
      probes.slice(i, i + batch).map(async (probe) => {
        const res = await app.inject({
          ...probe.request,
          headers: { ...admin, ...probe.request.headers },
        })
        reached.total++
        if (res.statusCode !== 400 && res.statusCode !== 414) reached.passedValidation++
        const problem = checkAnswer(res)
        if (problem) failures.push(`${probe.what}: ${problem}`)
      }),
    )
  }
  t.diagnostic(
    `${operations.length} operations, ${reached.total} hostile requests, ${reached.passedValidation} got past validation`,
  )
  assert.deepEqual(failures, [], `${failures.length} bad answers:\n${failures.slice(0, 60).join('\n')}`)

  // The admin was not locked out or signed out by the run, so the run really was authenticated throughout.
  assert.equal((await app.inject({ url: '/auth/me', headers: admin })).statusCode, 200)
})

/** undefined when the answer is acceptable; otherwise what is wrong with it. */
function checkAnswer(res: { statusCode: number; headers: Record<string, unknown>; body: string }): string | undefined {
  const status = res.statusCode
  if (status < 400) return undefined
  const summary = `${status} ${res.body.slice(0, 300)}`
  if (status >= 500) return summary
  const type = String(res.headers['content-type'] ?? '')
  if (/^application\/problem\+json/.test(type)) {
    let body: { status?: unknown }
    try {
      body = JSON.parse(res.body)
    } catch {
      return `unparseable problem: ${summary}`
    }
    return body.status === status ? undefined : `problem status ${String(body.status)}: ${summary}`
  }
  if (/^application\/problem\+xml/.test(type)) {
    return new RegExp(`<status>${status}</status>`).test(res.body) ? undefined : `problem status: ${summary}`
  }
  return `not a problem document (${type}): ${summary}`
}

// ---------------------------------------------------------------------------------------------
// Seed data: real rows for path parameters and id fields

interface Ids {
  headers: Record<string, string>
  /** Real ids by the name a parameter or field has (variantId) or the collection it follows (products). */
  byName: Record<string, string>
  cartToken: string
}

async function seed(app: Awaited<ReturnType<typeof testApp>>): Promise<Ids> {
  const headers = await headersFor(app, { email: ADMIN_EMAIL, role: 'admin' })
  const shop = await seedShop(app)
  const product = shop.products[0]
  const variantId = product.variants[0].id
  const order = await customerCheckout(app, shop, headers, variantId)
  const post = async (url: string, payload: unknown) => {
    const res = await app.inject({ method: 'POST', url, headers, payload: payload as object })
    assert.ok(res.statusCode < 300, `${url}: ${res.statusCode} ${res.body}`)
    return res.json()
  }
  const cart = (await post('/carts', { currency: 'EUR' })).cart
  await post(`/carts/${cart.id}/items`, { variantId, quantity: 1 })
  const guest = await app.inject({ method: 'POST', url: '/carts', payload: { currency: 'EUR' } })
  const address = await post('/me/addresses', {
    name: 'Ada Lovelace',
    line1: '12 Marlborough Street',
    city: 'Dublin',
    postcode: 'D01 X2Y3',
    country: 'IE',
  })
  const category = await post('/admin/categories', { handle: 'fuzz-category', name: 'Fuzz' })
  const endpoint = await post('/webhooks/endpoints', { url: 'https://93.184.215.14/hook', events: ['order.paid'] })
  const list = async (url: string) => (await app.inject({ url, headers })).json()
  const taxRates = await list('/checkout/tax-rates')
  const apiKeys = await list('/admin/api-keys')
  const firstId = (value: unknown) => {
    const items = Array.isArray(value) ? value : ((value as { items?: unknown[] }).items ?? [])
    return (items[0] as { id?: string } | undefined)?.id ?? FAKE_ID
  }
  return {
    headers,
    cartToken: guest.json().token,
    byName: {
      handle: product.handle,
      products: product.id,
      productId: product.id,
      variantId,
      variants: variantId,
      cartId: cart.id,
      orderId: order.id,
      paymentId: order.paymentId,
      addressId: address.id,
      categories: category.id,
      categoryIds: category.id,
      parentId: category.id,
      endpointId: endpoint.id,
      'shipping-methods': shop.shippingMethodId,
      shippingMethodId: shop.shippingMethodId,
      'tax-rates': firstId(taxRates),
      apiKeyId: firstId(apiKeys),
      code: 'validation-failed',
      // Deliberately not real: the admin's own account and session must survive the run.
      userId: FAKE_ID,
      sessionId: FAKE_ID,
    },
  }
}

// ---------------------------------------------------------------------------------------------
// Probes

function probesFor(spec: Schema, op: Operation, ids: Ids): Probe[] {
  const probes: Probe[] = []
  const name = `${op.method} ${op.path}`
  const pathParams = op.parameters.filter((p) => p.in === 'path')
  const baseParams = Object.fromEntries(pathParams.map((p) => [p.name, idFor(p.name, op.path, ids)]))
  const urlWith = (overrides: Record<string, string>) => {
    const values = { ...baseParams, ...overrides }
    return op.path.replace(/\{([^}]+)\}/g, (_, key: string) => encodeURIComponent(values[key]))
  }
  const baseHeaders: Record<string, string> = {}
  for (const p of op.parameters) {
    if (p.in === 'header' && p.name === 'x-cart-token' && p.required) baseHeaders[p.name] = ids.cartToken
  }
  const baseQuery = new URLSearchParams()
  for (const p of op.parameters)
    if (p.in === 'query' && p.required) baseQuery.set(p.name, String(sampleOf(spec, p.schema, p.name, ids)))
  const hasBody = op.body !== undefined
  const overrides = OVERRIDES[name] ?? {}
  const withOverrides = (payload: unknown, mutated?: string) => {
    if (typeof payload !== 'object' || payload === null || Array.isArray(payload)) return payload
    const kept = Object.entries(overrides).filter(([key]) => key !== mutated)
    return { ...payload, ...Object.fromEntries(kept) }
  }
  const basePayload = hasBody ? withOverrides(buildBody(spec, op.body as Schema, [], undefined, ids)) : undefined
  const request = (parts: { url?: string; query?: URLSearchParams; headers?: Headers; payload?: unknown }) => {
    const query = (parts.query ?? baseQuery).toString()
    const json: Headers = hasBody ? { 'content-type': 'application/json' } : {}
    return {
      method: op.method as 'GET',
      url: (parts.url ?? urlWith({})) + (query ? `?${query}` : ''),
      headers: { ...baseHeaders, ...json, ...parts.headers },
      ...(hasBody ? { payload: JSON.stringify(parts.payload ?? basePayload) } : {}),
    }
  }

  for (const p of op.parameters) {
    const kinds = leafKinds(spec, p.schema)
    const values = [...(kinds.text ? STRINGS : []), ...(kinds.number ? NUMBER_TEXTS : [])]
    for (const value of values) {
      const what = `${name} ${p.in} ${p.name}=${describe(value)}`
      if (p.in === 'path') {
        // A 100k-character path segment is the router's over-long case below, not worth sending again.
        if (value.length > 1000) continue
        probes.push({ what, request: request({ url: urlWith({ [p.name]: value }) }) })
      } else if (p.in === 'query') {
        const query = new URLSearchParams(baseQuery)
        query.set(p.name, value)
        probes.push({ what, request: request({ query }) })
      } else if (p.in === 'header') {
        probes.push({ what, request: request({ headers: { [p.name]: value } }) })
      }
    }
    if (p.in === 'path') {
      const raw = op.path.replace(/\{([^}]+)\}/g, (_, key: string) =>
        key === p.name ? '%E0%A4%A' : encodeURIComponent(baseParams[key]),
      )
      probes.push({ what: `${name} path ${p.name}=<bad percent-encoding>`, request: request({ url: raw }) })
      for (const accept of ['application/json', 'application/xml']) {
        probes.push({
          what: `${name} path ${p.name}=<250 digits> (${accept})`,
          request: request({ url: urlWith({ [p.name]: LONG_SEGMENT }), headers: { accept } }),
        })
      }
    }
  }

  if (op.body) {
    for (const leaf of bodyLeaves(spec, op.body)) {
      const values: unknown[] = [...(leaf.text ? STRINGS : []), ...(leaf.number ? NUMBERS : [])]
      for (const value of values) {
        probes.push({
          what: `${name} body ${leaf.pointer || '/'}=${describe(value)}`,
          request: request({
            payload: withOverrides(buildBody(spec, op.body, leaf.path, { value }, ids), leaf.path[0]),
          }),
        })
      }
    }
    // A NUL in a property name (free-form maps like attributes or event properties keep their keys).
    probes.push({
      what: `${name} body with a NUL in a property name`,
      request: request({ payload: { ...(basePayload as object), 'a\u0000b': 'x' } }),
    })
  }
  // Headers a handler reads without declaring them (User-Agent is stored with a session, X-Anonymous-Id with events).
  for (const header of ['user-agent', 'x-anonymous-id', 'x-request-id']) {
    probes.push({
      what: `${name} header ${header} with a NUL`,
      request: request({ headers: { [header]: 'a\u0000b' } }),
    })
  }
  if (op.consumesXml) {
    // 101 elements (a root and 100 levels under it) is the parser's limit; one more must be a 400, not a 500.
    for (const [depth, accept] of [
      [101, 'application/json'],
      [102, 'application/json'],
      [102, 'application/xml'],
    ] as const) {
      const deep = `${'<a>'.repeat(depth)}x${'</a>'.repeat(depth)}`
      probes.push({
        what: `${name} ${depth}-deep XML body (${accept})`,
        request: {
          ...request({}),
          payload: `<?xml version="1.0"?>${deep}`,
          headers: { ...baseHeaders, 'content-type': 'application/xml', accept },
        },
      })
    }
  }
  return probes
}

function describe(value: unknown): string {
  const text = typeof value === 'string' ? value : String(value)
  return text.length > 40 ? `<${text.length} characters>` : JSON.stringify(text)
}

function idFor(name: string, path: string, ids: Ids): string {
  if (ids.byName[name]) return ids.byName[name]
  const segments = path.split('/')
  const at = segments.indexOf(`{${name}}`)
  return ids.byName[segments[at - 1]] ?? FAKE_ID
}

// ---------------------------------------------------------------------------------------------
// Schemas → samples and leaves

interface Kinds {
  text: boolean
  number: boolean
}

/** Whether a schema (or any variant of it) takes free strings or numbers. */
function leafKinds(spec: Schema, schema: Schema): Kinds {
  const s = resolve(spec, schema)
  const kinds = { text: false, number: false }
  for (const variant of [...(s.anyOf ?? []), ...(s.oneOf ?? [])]) {
    const k = leafKinds(spec, variant)
    kinds.text ||= k.text
    kinds.number ||= k.number
  }
  const types: string[] = Array.isArray(s.type) ? s.type : s.type ? [s.type] : []
  if (s.const === undefined && !s.enum) {
    if (types.includes('string')) kinds.text = true
    if (types.includes('integer') || types.includes('number')) kinds.number = true
  }
  return kinds
}

interface Leaf extends Kinds {
  /** Property names, with '*' for an array item or a map entry. */
  path: string[]
  pointer: string
}

/** Every string or number field of a body schema (through arrays, maps and union variants). */
function bodyLeaves(spec: Schema, schema: Schema, path: string[] = [], seen = new Set<string>()): Leaf[] {
  const s = resolve(spec, schema)
  const out: Leaf[] = []
  const pointer = `/${path.join('/')}`
  const kinds = leafKinds(spec, s)
  if ((kinds.text || kinds.number) && !seen.has(pointer)) {
    seen.add(pointer)
    out.push({ ...kinds, path, pointer })
  }
  for (const variant of [...(s.anyOf ?? []), ...(s.oneOf ?? [])]) out.push(...bodyLeaves(spec, variant, path, seen))
  for (const [key, property] of Object.entries<Schema>(s.properties ?? {})) {
    out.push(...bodyLeaves(spec, property, [...path, key], seen))
  }
  const mapValue = mapValueOf(s)
  if (mapValue) out.push(...bodyLeaves(spec, mapValue, [...path, '*'], seen))
  if (s.items && typeof s.items === 'object') out.push(...bodyLeaves(spec, s.items, [...path, '*'], seen))
  return out
}

function mapValueOf(s: Schema): Schema | undefined {
  const patterns = Object.values<Schema>(s.patternProperties ?? {})
  if (patterns.length > 0) return patterns[0]
  return typeof s.additionalProperties === 'object' ? s.additionalProperties : undefined
}

/**
 * A valid sample of `schema`, except that the field at `path` (created along the way, optional or not)
 * holds `mutation.value`. Required properties are filled in; optional ones are left out.
 */
function buildBody(
  spec: Schema,
  schema: Schema,
  path: string[],
  mutation: { value: unknown } | undefined,
  ids: Ids,
  name = '',
): unknown {
  const s = resolve(spec, schema)
  if (mutation && path.length === 0) return mutation.value
  const variants: Schema[] = [...(s.anyOf ?? []), ...(s.oneOf ?? [])].map((v) => resolve(spec, v))
  if (variants.length > 0) {
    const wanted = path[0]
    const fits = (v: Schema) =>
      wanted === undefined
        ? v.type !== 'null'
        : wanted === '*'
          ? v.type === 'array' || mapValueOf(v) !== undefined
          : v.properties?.[wanted] !== undefined
    const variant =
      (mutation ? variants.find(fits) : undefined) ?? variants.find((v) => v.type !== 'null') ?? variants[0]
    return buildBody(
      spec,
      { ...variant, ...(s.properties && !variant.properties ? { properties: s.properties } : {}) },
      path,
      mutation,
      ids,
      name,
    )
  }
  if (s.type === 'object' || s.properties) {
    const out: Record<string, unknown> = {}
    for (const key of s.required ?? []) {
      if (key !== path[0]) out[key] = buildBody(spec, s.properties[key], [], undefined, ids, key)
    }
    if (path.length > 0 && path[0] !== '*')
      out[path[0]] = buildBody(spec, s.properties?.[path[0]] ?? {}, path.slice(1), mutation, ids, path[0])
    const mapValue = mapValueOf(s)
    if (path[0] === '*' && mapValue) out[mapKeyOf(s)] = buildBody(spec, mapValue, path.slice(1), mutation, ids)
    return out
  }
  if (s.type === 'array') {
    const count = Math.max(1, s.minItems ?? 0)
    return Array.from({ length: count }, (_, i) =>
      buildBody(
        spec,
        s.items ?? {},
        i === 0 && path[0] === '*' ? path.slice(1) : [],
        i === 0 && path[0] === '*' ? mutation : undefined,
        ids,
        name,
      ),
    )
  }
  return sampleOf(spec, s, name, ids)
}

function mapKeyOf(s: Schema): string {
  const pattern = Object.keys(s.patternProperties ?? {})[0] ?? s.propertyNames?.pattern
  return pattern && !new RegExp(pattern, 'u').test('color') ? 'Color' : 'color'
}

const CANDIDATES = [
  'fuzz',
  'EUR',
  'IE',
  'IE-D',
  '+353 1 555 0199',
  'anon_12345678',
  '4242424242424242',
  '123456',
  '123',
  'FUZZ10',
  'validation-failed',
  'user.created',
  FAKE_ID,
]
let uniqueEmail = 0

/** Fields whose valid value no generic rule finds (a strong password, a future card expiry, a recent time). */
const NAMED: Record<string, () => unknown> = {
  password: () => TEST_PASSWORD,
  newPassword: () => TEST_PASSWORD,
  expYear: () => new Date().getUTCFullYear() + 2,
  occurredAt: () => Date.now(),
  url: () => 'https://93.184.215.14/hook',
}

/** A valid value for a leaf schema; ids of real rows where the field's name says what it points at. */
function sampleOf(spec: Schema, schema: Schema, name: string, ids: Ids): unknown {
  const s = resolve(spec, schema)
  if (NAMED[name]) return NAMED[name]()
  if (s.const !== undefined) return s.const
  if (s.enum) return s.enum[0]
  if (s.default !== undefined) return s.default
  const types: string[] = Array.isArray(s.type) ? s.type : [s.type]
  if (types.includes('boolean')) return false
  if (types.includes('integer') || types.includes('number')) {
    const low = s.minimum ?? (s.exclusiveMinimum !== undefined ? s.exclusiveMinimum + 1 : 1)
    return Math.min(Math.max(low, 1), s.maximum ?? Number.MAX_SAFE_INTEGER)
  }
  if (types.includes('null') && !types.includes('string')) return null
  if (s.format === 'email') return `fuzz-${++uniqueEmail}@example.test`
  if (s.format === 'date') return '2026-01-01'
  if (s.format === 'date-time') return '2026-01-01T00:00:00Z'
  if (s.format === 'uri') return 'https://93.184.215.14/hook'
  if (s.pattern === '^[a-z]{1,12}_[0-9a-z]{1,40}$') return ids.byName[name] ?? FAKE_ID
  const fits = (text: string) =>
    (!s.pattern || new RegExp(s.pattern, 'u').test(text)) &&
    text.length >= (s.minLength ?? 0) &&
    text.length <= (s.maxLength ?? Infinity)
  return CANDIDATES.find(fits) ?? 'x'.repeat(Math.max(1, s.minLength ?? 1))
}
