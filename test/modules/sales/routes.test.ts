import assert from 'node:assert/strict'
import { test } from 'node:test'
import { averageOrderValue } from '../../../src/modules/sales/service.ts'
import { headersFor, testApp } from '../../helpers.ts'
import { guestCheckout, seedShop } from '../orders/fixtures.ts'

const DAY = 86_400_000
const D1 = Date.parse('2026-03-02T10:00:00Z') // a Monday
const D3 = D1 + 2 * DAY

test('average order value rounds half up to a whole minor unit', () => {
  assert.equal(averageOrderValue(0, 0), 0)
  assert.equal(averageOrderValue(1000, 3), 333)
  assert.equal(averageOrderValue(1001, 2), 501)
  assert.equal(averageOrderValue(999, 2), 500)
})

test('sales reports and exports', async (t) => {
  const app = await testApp(t)
  const shop = await seedShop(app, [
    { handle: 'pen', price: 300, stock: 50 },
    { handle: 'ink', price: 1200, stock: 6 },
  ])
  const [pen, ink] = shop.products.map((p) => p.variants[0].id)
  const db = app.backroom.database.db
  const order = async (variantId: string, quantity: number, at: number) => {
    const res = await guestCheckout(app, shop, variantId, { quantity, email: 'buyer@example.test' })
    assert.equal(res.statusCode, 201, res.body)
    const placed = res.json().order as { id: string; total: number }
    // Orders are dated by the clock; move them onto the report's days.
    await db.updateTable('shop_order').set({ created_at: at }).where('id', '=', placed.id).execute()
    return placed
  }
  const a = await order(pen, 10, D1)
  const b = await order(ink, 2, D1 + 3_600_000)
  const c = await order(ink, 1, D3)
  const cancelled = await order(pen, 1, D1)
  assert.equal(
    (await app.inject({ method: 'POST', url: `/orders/${cancelled.id}/cancel`, headers: shop.staff })).statusCode,
    200,
  )
  await app.inject({ method: 'POST', url: `/orders/${b.id}/capture`, headers: shop.staff })
  await app.inject({ method: 'POST', url: `/orders/${b.id}/refunds`, headers: shop.staff, payload: { amount: 500 } })
  const get = (url: string, accept = 'application/json', headers = shop.staff) =>
    app.inject({ url, headers: { ...headers, accept } })

  await t.test('sales by day: per currency, zero days included, refunds and average order value', async () => {
    const res = await get('/reports/sales?from=2026-03-02&to=2026-03-04')
    assert.equal(res.statusCode, 200, res.body)
    const [eur] = res.json().currencies
    assert.equal(eur.currency, 'EUR')
    assert.deepEqual(
      eur.points.map((p: { date: string; orders: number }) => [p.date, p.orders]),
      [
        ['2026-03-02', 2],
        ['2026-03-03', 0],
        ['2026-03-04', 1],
      ],
    )
    const revenue = a.total + b.total + c.total
    assert.deepEqual(eur.totals, {
      orders: 3,
      revenue,
      refunded: 500,
      net: revenue - 500,
      averageOrderValue: averageOrderValue(revenue, 3),
    })
    assert.equal(eur.points[0].revenue, a.total + b.total)
  })

  await t.test('sales by week start on Monday', async () => {
    const res = await get('/reports/sales?from=2026-03-01&to=2026-03-10&granularity=week')
    const dates = res.json().currencies[0].points.map((p: { date: string }) => p.date)
    assert.deepEqual(dates, ['2026-02-23', '2026-03-02', '2026-03-09'])
  })

  await t.test('the same report as CSV and XML', async () => {
    const csv = await get('/reports/sales?from=2026-03-02&to=2026-03-04', 'text/csv')
    assert.match(String(csv.headers['content-type']), /^text\/csv/)
    const lines = csv.body.trim().split('\r\n')
    assert.equal(lines[0], 'date,currency,orders,revenue,refunded,net,averageOrderValue')
    assert.equal(lines.length, 4)
    const xml = await get('/reports/sales?from=2026-03-02&to=2026-03-04', 'application/xml')
    assert.match(xml.body, /<sales><from>2026-03-02<\/from>/)
  })

  await t.test('top products by revenue and by units', async () => {
    const byRevenue = (await get('/reports/top-products?from=2026-03-02&to=2026-03-04')).json()
    assert.deepEqual(
      byRevenue.items.map((i: { sku: string; units: number; revenue: number }) => [i.sku, i.units]),
      [
        ['INK-1', 3],
        ['PEN-1', 10],
      ],
    )
    const byUnits = (await get('/reports/top-products?from=2026-03-02&to=2026-03-04&by=units&limit=1')).json()
    assert.deepEqual(
      byUnits.items.map((i: { sku: string }) => i.sku),
      ['PEN-1'],
    )
  })

  await t.test('low stock', async () => {
    const res = (await get('/reports/low-stock?threshold=3')).json()
    assert.deepEqual(
      res.items.map((i: { sku: string; stock: number }) => [i.sku, i.stock]),
      [['INK-1', 3]],
    )
  })

  await t.test('orders and customers export as streamed CSV', async () => {
    const orders = await get('/exports/orders?from=2026-03-02&to=2026-03-04', 'text/csv')
    assert.equal(orders.statusCode, 200)
    const rows = orders.body.trim().split('\r\n')
    assert.match(rows[0], /^id,createdAt,status,email/)
    assert.equal(rows.length, 1 + 4)
    await headersFor(app, { email: 'csv-customer@example.test' })
    const customers = await get('/exports/customers', 'text/csv')
    assert.match(customers.body, /csv-customer@example\.test/)
    assert.doesNotMatch(customers.body, /staff@example\.test/, 'staff accounts are not customers')
  })

  await t.test('bad input is a 4xx; customers and anonymous callers are refused', async () => {
    assert.equal((await get('/reports/sales?from=2026-03-04&to=2026-03-02')).statusCode, 422)
    assert.equal((await get('/reports/sales?from=2026-02-30&to=2026-03-02')).statusCode, 400)
    assert.equal((await get('/reports/sales?from=2026-03-01&to=2026-03-02&granularity=month')).statusCode, 400)
    assert.equal((await get('/reports/sales?from=2020-01-01&to=2026-03-02')).statusCode, 422)
    assert.equal((await get('/reports/top-products?from=2026-03-01&to=2026-03-02&limit=0')).statusCode, 400)
    assert.equal((await get('/reports/sales?from=2026-03-01&to=2026-03-02', 'image/png')).statusCode, 406)
    const customer = await headersFor(app, { email: 'nosy@example.test' })
    for (const url of ['/reports/sales?from=2026-03-01&to=2026-03-02', '/exports/customers', '/reports/low-stock']) {
      assert.equal((await get(url, 'text/csv', customer)).statusCode, 403, url)
      assert.equal((await get(url, 'text/csv', {})).statusCode, 401, url)
    }
  })
})
