/**
 * Shipping methods and tax rates are cached per node (platform/db/signal-cache.ts, the `checkout`
 * change-signal topic): a staff change through the API is priced at once by the node that made it,
 * and by another node (a second app on the same database) once the change signal reaches it.
 */
import assert from 'node:assert/strict'
import { test } from 'node:test'
import type { App } from '../../../src/platform/http/types.ts'
import { eventually } from '../../helpers.ts'
import { twoNodes } from '../catalog/fixtures.ts'
import { guestCart, seedShop } from '../orders/fixtures.ts'

async function rateHits(app: App): Promise<number> {
  const text = (await app.inject({ method: 'GET', url: '/metrics' })).body
  return Number(/^checkout_rates_cache_hits_total (\d+)/m.exec(text)?.[1])
}

/** Shipping options for Ireland: method id → shipping and tax, as a quote prices them. */
async function quote(app: App, cart: { cartId: string; headers: Record<string, string> }) {
  const res = await app.inject({
    method: 'POST',
    url: '/checkout/quote',
    headers: cart.headers,
    payload: { cartId: cart.cartId, country: 'IE' },
  })
  assert.equal(res.statusCode, 200, res.body)
  const options = res.json().options as { shippingMethodId: string; shipping: number; tax: number }[]
  return Object.fromEntries(options.map((o) => [o.shippingMethodId, { shipping: o.shipping, tax: o.tax }]))
}

/** Until `app` answers a quote from memory (PostgreSQL: once the last write's notification is back). */
async function warm(app: App, cart: { cartId: string; headers: Record<string, string> }) {
  await eventually(async () => {
    const before = await rateHits(app)
    await quote(app, cart)
    return (await rateHits(app)) > before
  })
}

test('shipping and tax rates: cached, and every write is seen', async (t) => {
  const { writer, reader } = await twoNodes(t)
  const shop = await seedShop(writer, [{ handle: 'mug', price: 1000, stock: 50 }])
  const cart = await guestCart(writer, shop.products[0].variants[0].id)
  const methodId = shop.shippingMethodId
  const method = { name: 'Standard', currency: 'EUR', country: 'IE', kind: 'flat' }
  const admin = shop.admin
  const taxRateId = (await writer.inject({ method: 'GET', url: '/checkout/tax-rates', headers: admin })).json().items[0]
    .id as string

  await t.test('the node that writes prices with the change at once', async () => {
    await warm(writer, cart)
    assert.deepEqual(await quote(writer, cart), { [methodId]: { shipping: 500, tax: 345 } })
    const put = await writer.inject({
      method: 'PUT',
      url: `/checkout/shipping-methods/${methodId}`,
      headers: admin,
      payload: { ...method, flatAmount: 700 },
    })
    assert.equal(put.statusCode, 200, put.body)
    assert.deepEqual(await quote(writer, cart), { [methodId]: { shipping: 700, tax: 391 } })

    const created = await writer.inject({
      method: 'POST',
      url: '/checkout/shipping-methods',
      headers: admin,
      payload: { ...method, name: 'Express', flatAmount: 1500 },
    })
    assert.equal(created.statusCode, 201, created.body)
    const express = created.json().id as string
    assert.deepEqual(Object.keys(await quote(writer, cart)).sort(), [express, methodId].sort())

    await warm(writer, cart)
    const tax = await writer.inject({
      method: 'PUT',
      url: `/checkout/tax-rates/${taxRateId}`,
      headers: admin,
      payload: { name: 'IE VAT', country: 'IE', rateBp: 1000 },
    })
    assert.equal(tax.statusCode, 200, tax.body)
    assert.equal((await quote(writer, cart))[methodId].tax, 170)

    await warm(writer, cart)
    const deleted = await writer.inject({
      method: 'DELETE',
      url: `/checkout/shipping-methods/${express}`,
      headers: admin,
    })
    assert.equal(deleted.statusCode, 204, deleted.body)
    assert.deepEqual(Object.keys(await quote(writer, cart)), [methodId])
  })

  await t.test('another node prices with it once the change signal reaches it', async () => {
    await warm(reader, cart)
    assert.deepEqual(await quote(reader, cart), { [methodId]: { shipping: 700, tax: 170 } })
    const put = await writer.inject({
      method: 'PUT',
      url: `/checkout/shipping-methods/${methodId}`,
      headers: admin,
      payload: { ...method, flatAmount: 900 },
    })
    assert.equal(put.statusCode, 200, put.body)
    await eventually(async () => (await quote(reader, cart))[methodId].shipping === 900)
    const deleted = await writer.inject({ method: 'DELETE', url: `/checkout/tax-rates/${taxRateId}`, headers: admin })
    assert.equal(deleted.statusCode, 204, deleted.body)
    await eventually(async () => (await quote(reader, cart))[methodId].tax === 0)
    // …and keeps serving it from memory afterwards.
    await warm(reader, cart)
  })
})
