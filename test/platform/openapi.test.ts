import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { test } from 'node:test'
import { Validator } from '@seriousme/openapi-schema-validator'
import { problemsByOperation } from '../../src/operation-problems.ts'
import { testApp } from '../helpers.ts'

test('the OpenAPI 3.1 document is generated from the routes and valid', async (t) => {
  const app = await testApp(t)
  const res = await app.inject({ url: '/openapi.json' })
  assert.equal(res.statusCode, 200)
  const spec = res.json()
  assert.equal(spec.openapi, '3.1.0')

  const validator = new Validator()
  const result = await validator.validate(spec)
  assert.equal(result.valid, true, JSON.stringify(result.errors, null, 2))

  const health = spec.paths['/healthz'].get
  assert.ok(health.responses['200'].content['application/json'], 'JSON response documented')
  assert.ok(health.responses['200'].content['application/xml'], 'XML response documented')
  assert.ok(health.responses['4XX'] ?? health.responses['4xx'], 'problem responses documented')
  assert.ok(spec.paths['/problems/{code}'], 'path parameters are in OpenAPI form')
  assert.equal(spec.paths['/openapi.json'], undefined, 'the document does not describe itself')
  assert.ok(spec.components.securitySchemes.bearerAuth)
})

test('every documented operation declares its auth rule', async (t) => {
  const app = await testApp(t)
  const spec = (await app.inject({ url: '/openapi.json' })).json()
  for (const [path, item] of Object.entries<Record<string, { description?: string }>>(spec.paths)) {
    for (const [method, operation] of Object.entries(item)) {
      assert.match(operation.description ?? '', /\*\*Auth:\*\*/, `${method.toUpperCase()} ${path}`)
    }
  }
})

test('/docs serves a readable documentation page', async (t) => {
  const app = await testApp(t)
  const res = await app.inject({ url: '/docs' })
  const page = res.statusCode === 302 ? await app.inject({ url: String(res.headers.location) }) : res
  assert.equal(page.statusCode, 200)
  assert.match(String(page.headers['content-type']), /^text\/html/)
  assert.match(page.body, /swagger-ui/i)
})

type Operation = Record<string, any>
function operationsOf(spec: Record<string, any>): [string, Operation][] {
  return Object.entries<Record<string, Operation>>(spec.paths).flatMap(([path, item]) =>
    Object.entries(item).map(
      ([method, operation]) => [`${method.toUpperCase()} ${path}`, operation] as [string, Operation],
    ),
  )
}
const openApiPath = (url: string) => url.replace(/:(\w+)/g, '{$1}')

test('the contract: operationIds, security, problems, headers, named schemas, XML, examples', async (t) => {
  const app = await testApp(t)
  const spec = (await app.inject({ url: '/openapi.json' })).json()
  const operations = operationsOf(spec)
  const routes = new Map(app.backroom.routes.map((r) => [`${r.method} ${openApiPath(r.url)}`, r]))

  await t.test('operationIds are unique and pinned (test/platform/operation-ids.json)', () => {
    const ids = Object.fromEntries(operations.map(([name, op]) => [name, op.operationId]))
    assert.equal(new Set(Object.values(ids)).size, operations.length)
    const pinned = JSON.parse(readFileSync(new URL('./operation-ids.json', import.meta.url), 'utf8'))
    assert.deepEqual(ids, pinned, 'a new route adds its line to operation-ids.json; an existing id never changes')
  })

  await t.test('public operations declare security: [], the others the three schemes', () => {
    for (const [name, op] of operations) {
      const route = routes.get(name)
      assert.ok(route, name)
      if (route.auth === 'public') assert.deepEqual(op.security, [], name)
      else assert.equal(op.security?.length, 3, name)
      assert.equal(op.description.match(/\*\*Auth:\*\*/g)?.length, 1, `${name}: one Auth paragraph`)
    }
  })

  await t.test('every operation documents 4XX and 5XX problem documents listing their codes', () => {
    for (const [name, op] of operations) {
      const problem = op.responses['4XX']
      assert.ok(problem, name)
      assert.deepEqual(Object.keys(problem.content), ['application/problem+json', 'application/problem+xml'], name)
      assert.match(problem.description, /`rate-limited`/, name)
      for (const code of problem.description.matchAll(/`([a-z0-9-]+)`/g)) {
        assert.ok(app.backroom.problems.has(code[1]), `${name}: ${code[1]} is registered`)
      }
      assert.ok(op.responses['5XX'], name)
      for (const [status, response] of Object.entries<Operation>(op.responses)) {
        assert.notEqual(response.description, 'Default Response', `${name} ${status}`)
      }
    }
  })

  await t.test('the module problem table names real operations and registered codes', () => {
    const ids = new Set(operations.map(([, op]) => op.operationId))
    for (const [id, codes] of Object.entries(problemsByOperation)) {
      assert.ok(ids.has(id), `${id} is an operation`)
      for (const code of codes) assert.ok(app.backroom.problems.has(code), `${id}: ${code}`)
    }
    const checkout = Object.fromEntries(operations)['POST /checkout']
    assert.match(
      checkout.responses['4XX'].description,
      /`insufficient-stock`.*`idempotency-key-reused`|`idempotency-key-reused`.*`insufficient-stock`/,
    )
  })

  await t.test('Idempotency-Key is documented exactly where it is honoured', () => {
    for (const [name, op] of operations) {
      const documented = (op.parameters ?? []).some((p: Operation) => p.in === 'header' && p.name === 'idempotency-key')
      if (routes.get(name)?.idempotent) assert.ok(documented, name)
    }
    assert.ok(operations.filter(([name]) => routes.get(name)?.idempotent).length >= 6)
  })

  await t.test('CSV exports answer text/csv, their problems are problem documents', () => {
    for (const name of ['GET /admin/catalog/export', 'GET /exports/orders', 'GET /exports/events']) {
      const op = Object.fromEntries(operations)[name]
      assert.deepEqual(Object.keys(op.responses['200'].content), ['text/csv'], name)
    }
  })

  await t.test('shapes are named components, the document is smaller than the inline one (607 kB)', () => {
    for (const name of ['ProductView', 'CartView', 'OrderView', 'ProblemView', 'CheckoutBody']) {
      assert.ok(spec.components.schemas[name], name)
    }
    assert.ok(JSON.stringify(spec).length < 350_000, `${JSON.stringify(spec).length} bytes`)
    assert.ok(spec.info.license.identifier)
    const used = new Set(operations.flatMap(([, op]) => op.tags))
    assert.deepEqual(new Set(spec.tags.map((tag: { name: string }) => tag.name)), used)
  })

  await t.test('a discriminator maps each literal to its shape (clients type the real values)', () => {
    const events = spec.components.schemas.EventBatchBody.properties.events.items
    assert.equal(events.discriminator.propertyName, 'type')
    assert.equal(events.discriminator.mapping.add_to_cart, '#/components/schemas/AddToCartEvent')
    assert.equal(Object.keys(events.discriminator.mapping).length, events.oneOf.length)
  })

  await t.test('XML arrays are wrapped, their items named i', () => {
    const arrays: Operation[] = []
    const walk = (node: unknown) => {
      if (typeof node !== 'object' || node === null) return
      if (Array.isArray(node)) return node.forEach(walk)
      const schema = node as Operation
      if (schema.type === 'array' && schema.items) arrays.push(schema)
      for (const [key, value] of Object.entries(schema)) if (key !== 'example' && key !== 'parameters') walk(value)
    }
    walk(spec.components.schemas)
    for (const [, op] of operations) walk(op.responses)
    assert.ok(arrays.length > 20)
    for (const array of arrays) {
      assert.equal(array.xml?.wrapped, true)
      assert.equal(array.items.xml?.name, 'i')
    }
  })

  await t.test('every JSON request body and success response has an example', () => {
    for (const [name, op] of operations) {
      const json = op.requestBody?.content['application/json']
      if (json) assert.notEqual(json.example, undefined, `${name} body`)
      for (const [status, response] of Object.entries<Operation>(op.responses)) {
        const media = response.content?.['application/json']
        if (status.startsWith('2') && media) assert.notEqual(media.example, undefined, `${name} ${status}`)
      }
    }
  })
})
