/**
 * The bad-input cases of issue 12 item 3, one by one, on both databases: each is a 4xx RFC 9457 problem.
 * fuzz.test.ts covers the whole class; these keep the reported examples readable.
 */
import assert from 'node:assert/strict'
import { test } from 'node:test'
import { LINE_PATTERN } from '../../../src/platform/http/schemas.ts'
import { headersFor, testApp } from '../../helpers.ts'
import { seedShop } from '../../modules/orders/fixtures.ts'

type Res = { statusCode: number; headers: Record<string, unknown>; body: string; json: () => any }

function assertProblem(res: Res, status: number, code?: string) {
  assert.equal(res.statusCode, status, res.body)
  assert.match(String(res.headers['content-type']), /^application\/problem\+json/)
  assert.equal(res.json().status, status)
  if (code) assert.equal(res.json().code, code)
}

test('bad input of issue 12 is a 4xx problem', async (t) => {
  const app = await testApp(t)
  const shop = await seedShop(app)
  const admin = await headersFor(app, { email: 'bad-input-admin@example.test', role: 'admin' })

  await t.test('XML nested deeper than 100 elements is a 400, anonymous routes included', async () => {
    const deep = `${'<a>'.repeat(102)}x${'</a>'.repeat(102)}`
    const res = await app.inject({
      method: 'POST',
      url: '/auth/sign-in',
      headers: { 'content-type': 'application/xml' },
      payload: deep,
    })
    assertProblem(res, 400, 'malformed-body')
    assert.match(res.json().detail, /deeper than 100/)
    const xml = await app.inject({
      method: 'POST',
      url: '/auth/sign-in',
      headers: { 'content-type': 'application/xml', accept: 'application/xml' },
      payload: deep,
    })
    assert.equal(xml.statusCode, 400)
    assert.match(String(xml.headers['content-type']), /^application\/problem\+xml/)
  })

  await t.test('a path parameter over 200 characters is a 414 problem that does not echo the URL', async () => {
    const digits = '7'.repeat(250)
    const res = await app.inject({ url: `/store/products/${digits}` })
    assertProblem(res, 414, 'uri-too-long')
    assert.equal(res.json().instance, undefined)
    assert.ok(!res.body.includes(digits.slice(0, 50)), 'the URL is not echoed')
    const xml = await app.inject({ url: `/store/products/${digits}`, headers: { accept: 'application/xml' } })
    assert.equal(xml.statusCode, 414)
    assert.match(String(xml.headers['content-type']), /^application\/problem\+xml/)
    assert.match(xml.body, /<status>414<\/status>/)
    assert.ok(!xml.body.includes(digits.slice(0, 50)))
  })

  await t.test('a path that is not valid percent-encoding is a 400 problem', async () => {
    assertProblem(await app.inject({ url: '/store/products/%E0%A4%A' }), 400, 'malformed-url')
  })

  await t.test('integers beyond their bound are a 400, not a bigint overflow', async () => {
    for (const url of [
      '/store/products?minPrice=1e%2B308',
      `/store/products?maxPrice=${'9'.repeat(20)}`,
      '/store/search?minPrice=9223372036854775808',
      '/orders?from=1e%2B308',
      `/orders?to=${'9'.repeat(20)}`,
    ]) {
      assertProblem(await app.inject({ url, headers: admin }), 400, 'validation-failed')
    }
  })

  await t.test('NUL anywhere is a 400 that names where', async () => {
    for (const url of [
      '/store/search?q=a%00b',
      '/store/search?category=a%00b',
      '/store/products?q=a%00b',
      '/store/products?category=a%00b',
      '/admin/products?cursor=a%00b',
      '/orders?q=a%00b',
      '/orders?customerId=a%00b',
    ]) {
      const res = await app.inject({ url, headers: admin })
      assertProblem(res, 400, 'validation-failed')
      assert.equal(res.json().errors[0].in, 'query', url)
    }
    const key = await app.inject({
      method: 'POST',
      url: '/admin/api-keys',
      headers: admin,
      payload: { name: 'ci\u0000key', permissions: ['catalog:write'] },
    })
    assertProblem(key, 400, 'validation-failed')
    assert.deepEqual(key.json().errors, [
      { in: 'body', pointer: '/name', detail: 'must not contain the NUL character (U+0000)' },
    ])
    const header = await app.inject({
      method: 'POST',
      url: '/auth/sign-in',
      headers: { 'user-agent': 'evil\u0000agent' },
      payload: { email: 'x@example.test', password: 'whatever-it-is' },
    })
    assertProblem(header, 400, 'validation-failed')
    assert.equal(header.json().errors[0].in, 'header')
    for (const ref of ['&#0;', '&#x0;', '&#1;', '&#x1B;']) {
      const xmlRef = await app.inject({
        method: 'POST',
        url: '/admin/api-keys',
        headers: { ...admin, 'content-type': 'application/xml' },
        payload: `<apiKey><name>a${ref}b</name><permissions><i>catalog:write</i></permissions></apiKey>`,
      })
      assertProblem(xmlRef, 400, 'malformed-body')
    }
  })

  await t.test('the catalog import refuses a NUL in its text body and control characters in its fields', async () => {
    const header = 'handle,title,sku,price_EUR,stock'
    const nul = await app.inject({
      method: 'POST',
      url: '/admin/catalog/import',
      headers: { ...admin, 'content-type': 'text/csv' },
      payload: `${header}\nnul-mug,Mug\u0000,NUL-1,1000,1\n`,
    })
    assertProblem(nul, 400, 'validation-failed')
    const control = await app.inject({
      method: 'POST',
      url: '/admin/catalog/import',
      headers: { ...admin, 'content-type': 'application/json' },
      payload: JSON.stringify([
        {
          handle: 'ctl-mug',
          title: 'Mug\u001b[2J',
          variants: [{ sku: 'CTL-1', prices: [{ currency: 'EUR', amount: 1 }] }],
        },
      ]),
    })
    assertProblem(control, 422, 'import-failed')
    assert.equal(control.json().rows[0].field, 'title')
    assert.equal((await app.inject({ url: '/store/products/ctl-mug' })).statusCode, 404)
  })

  await t.test('control characters in a name are refused everywhere, API keys included', async () => {
    for (const name of ['ci\u0001key', 'ci\u001b[2Jkey', 'line\nbreak', 'del\u007f']) {
      const res = await app.inject({
        method: 'POST',
        url: '/admin/api-keys',
        headers: admin,
        payload: { name, permissions: ['catalog:write'] },
      })
      assertProblem(res, 400, 'validation-failed')
    }
    const listed = (await app.inject({ url: '/admin/api-keys', headers: admin })).json()
    const names = (Array.isArray(listed) ? listed : listed.items).map((k: { name: string }) => k.name)
    assert.ok(
      names.every((n: string) => new RegExp(LINE_PATTERN, 'u').test(n)),
      'nothing was stored',
    )
  })

  await t.test('concurrent edits of one product all succeed (PostgreSQL deadlocked)', async () => {
    const id = shop.products[0].id
    const results = await Promise.all(
      [1, 2, 3, 4, 5, 6].map((i) =>
        app.inject({ method: 'PATCH', url: `/admin/products/${id}`, headers: admin, payload: { title: `Mug ${i}` } }),
      ),
    )
    assert.deepEqual(
      results.map((r) => r.statusCode),
      [200, 200, 200, 200, 200, 200],
    )
  })
})
