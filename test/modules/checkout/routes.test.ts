import assert from 'node:assert/strict'
import { test } from 'node:test'
import { headersFor, testApp } from '../../helpers.ts'

test('checkout configuration routes', async (t) => {
  const app = await testApp(t)
  const admin = await headersFor(app, { email: 'admin@example.test', role: 'admin' })
  const staff = await headersFor(app, { email: 'staff@example.test', role: 'staff' })
  const customer = await headersFor(app, { email: 'alice@example.test', role: 'customer' })
  const call = (
    method: 'GET' | 'POST' | 'PUT' | 'DELETE',
    url: string,
    headers: Record<string, string>,
    payload?: object,
  ) => app.inject({ method, url, headers, payload })
  const count = async (url: string) => (await call('GET', url, admin)).json().items.length

  await t.test('shipping methods: create, list, replace, delete', async () => {
    const flat = await call('POST', '/checkout/shipping-methods', admin, {
      name: 'Standard',
      currency: 'EUR',
      country: 'DE',
      kind: 'flat',
      flatAmount: 495,
      freeOver: 5000,
    })
    assert.equal(flat.statusCode, 201, flat.body)
    assert.equal(flat.json().flatAmount, 495)
    assert.equal(flat.json().active, true)
    const weight = await call('POST', '/checkout/shipping-methods', admin, {
      name: 'Freight',
      currency: 'USD',
      country: 'US',
      region: 'US-CA',
      kind: 'weight',
      weightTiers: [
        { maxGrams: 1000, amount: 500 },
        { maxGrams: 20000, amount: 2500 },
      ],
    })
    assert.equal(weight.statusCode, 201, weight.body)
    assert.deepEqual(weight.json().weightTiers[1], { maxGrams: 20000, amount: 2500 })
    assert.equal(await count('/checkout/shipping-methods'), 2)

    const id = flat.json().id
    const replaced = await call('PUT', `/checkout/shipping-methods/${id}`, admin, {
      name: 'Standard',
      currency: 'EUR',
      country: 'DE',
      kind: 'flat',
      flatAmount: 595,
      active: false,
    })
    assert.equal(replaced.statusCode, 200, replaced.body)
    assert.equal(replaced.json().flatAmount, 595)
    assert.equal(replaced.json().freeOver, null)
    assert.equal((await call('DELETE', `/checkout/shipping-methods/${id}`, admin)).statusCode, 204)
    assert.equal((await call('DELETE', `/checkout/shipping-methods/${id}`, admin)).statusCode, 404)
    assert.equal(await count('/checkout/shipping-methods'), 1)
  })

  await t.test('shipping methods: bad input is a 4xx problem and writes nothing', async () => {
    const before = await count('/checkout/shipping-methods')
    const bad = [
      { name: 'X', currency: 'EUR', country: 'DE', kind: 'flat' }, // no flatAmount: 422
      { name: 'X', currency: 'EUR', country: 'DE', kind: 'flat', flatAmount: -1 }, // schema: 400
      {
        name: 'X',
        currency: 'EUR',
        country: 'DE',
        kind: 'weight',
        weightTiers: [
          { maxGrams: 5, amount: 1 },
          { maxGrams: 5, amount: 2 },
        ],
      },
      { name: 'X', currency: 'EUR', country: 'DE', region: 'US-CA', kind: 'flat', flatAmount: 1 },
      { name: 'X', currency: 'eur', country: 'DE', kind: 'flat', flatAmount: 1 },
      { name: 'X', currency: 'EUR', country: 'DE', kind: 'flat', flatAmount: 1, extra: true },
    ]
    for (const payload of bad) {
      const res = await call('POST', '/checkout/shipping-methods', admin, payload)
      assert.ok([400, 422].includes(res.statusCode), `${JSON.stringify(payload)} → ${res.statusCode}`)
      assert.match(String(res.headers['content-type']), /^application\/problem\+json/)
    }
    assert.equal(await count('/checkout/shipping-methods'), before)
  })

  await t.test('tax rates: one per country and per region', async () => {
    const de = await call('POST', '/checkout/tax-rates', admin, { name: 'VAT', country: 'DE', rateBp: 1900 })
    assert.equal(de.statusCode, 201, de.body)
    assert.equal(de.json().region, null)
    const ca = await call('POST', '/checkout/tax-rates', admin, {
      name: 'CA',
      country: 'US',
      region: 'US-CA',
      rateBp: 725,
    })
    assert.equal(ca.statusCode, 201)
    const again = await call('POST', '/checkout/tax-rates', admin, { name: 'VAT2', country: 'DE', rateBp: 700 })
    assert.equal(again.statusCode, 409)
    assert.equal(again.json().code, 'tax-rate-exists')
    assert.equal(
      (await call('POST', '/checkout/tax-rates', admin, { name: 'X', country: 'DE', rateBp: 10001 })).statusCode,
      400,
    )
    const put = await call('PUT', `/checkout/tax-rates/${de.json().id}`, admin, {
      name: 'VAT',
      country: 'DE',
      rateBp: 1600,
    })
    assert.equal(put.json().rateBp, 1600)
    assert.equal(await count('/checkout/tax-rates'), 2)
    assert.equal((await call('DELETE', `/checkout/tax-rates/${ca.json().id}`, admin)).statusCode, 204)
    assert.equal(await count('/checkout/tax-rates'), 1)
  })

  await t.test('discount codes: create, unique code, rules, replace keeps the use count', async () => {
    const created = await call('POST', '/checkout/discount-codes', admin, {
      code: 'spring10',
      kind: 'percentage',
      value: 1000,
      usageLimit: 100,
      perCustomerLimit: 1,
    })
    assert.equal(created.statusCode, 201, created.body)
    assert.equal(created.json().code, 'SPRING10')
    assert.equal(created.json().timesUsed, 0)
    const dup = await call('POST', '/checkout/discount-codes', admin, {
      code: 'SPRING10',
      kind: 'fixed',
      value: 5,
      currency: 'EUR',
    })
    assert.equal(dup.statusCode, 409)
    for (const payload of [
      { code: 'BIG', kind: 'percentage', value: 10001 },
      { code: 'NOCUR', kind: 'fixed', value: 500 },
      { code: 'WINDOW', kind: 'percentage', value: 5, startsAt: 2000, expiresAt: 1000 },
      { code: 'x', kind: 'percentage', value: 5 },
    ]) {
      const res = await call('POST', '/checkout/discount-codes', admin, payload)
      assert.ok([400, 422].includes(res.statusCode), `${JSON.stringify(payload)} → ${res.statusCode}`)
    }
    assert.equal(await count('/checkout/discount-codes'), 1)
    const put = await call('PUT', `/checkout/discount-codes/${created.json().id}`, admin, {
      code: 'SPRING10',
      kind: 'percentage',
      value: 1500,
      active: false,
    })
    assert.equal(put.statusCode, 200, put.body)
    assert.equal(put.json().value, 1500)
    assert.equal(put.json().active, false)
    assert.equal((await call('GET', `/checkout/discount-codes/${created.json().id}`, admin)).json().value, 1500)
  })

  await t.test(
    'wrong user: 401 anonymous, 403 customer and staff (no checkout:configure), nothing written',
    async () => {
      const before = await count('/checkout/discount-codes')
      const body = { code: 'SNEAKY', kind: 'percentage', value: 10000 }
      assert.equal((await call('POST', '/checkout/discount-codes', {}, body)).statusCode, 401)
      assert.equal((await call('POST', '/checkout/discount-codes', customer, body)).statusCode, 403)
      assert.equal((await call('POST', '/checkout/discount-codes', staff, body)).statusCode, 403)
      assert.equal((await call('GET', '/checkout/tax-rates', staff)).statusCode, 403)
      assert.equal(
        (await call('POST', '/checkout/tax-rates', customer, { name: 'X', country: 'FR', rateBp: 1 })).statusCode,
        403,
      )
      assert.equal(await count('/checkout/discount-codes'), before)
    },
  )
})
