import assert from 'node:assert/strict'
import { test } from 'node:test'
import { Validator } from '@seriousme/openapi-schema-validator'
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
