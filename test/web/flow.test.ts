/**
 * The whole shop across both apps, as people use it: staff sign in with TOTP and publish a product on the
 * dashboard; a shopper finds it in the storefront's search and buys it with the test card; staff capture
 * and refund part of the order, and the sales report shows both. Composed from the steps in ./steps/.
 */
import assert from 'node:assert/strict'
import { test } from 'node:test'
import { headersFor } from '../helpers.ts'
import { seedShop } from '../modules/orders/fixtures.ts'
import { expectAccessible, signInToDashboard, skipBrowser, staffWithTotp, startShop } from './harness.ts'
import { createAndPublishProduct } from './steps/catalog.ts'
import { captureAndRefund, openSalesReport, salesSummary } from './steps/orders.ts'
import { buyWithTestCard, resultTitles, searchFor } from './steps/shop.ts'

test('staff publish, a shopper buys, staff capture and refund, the sales report shows it', {
  skip: skipBrowser,
}, async (t) => {
  const shop = await startShop(t)
  await seedShop(shop.app, []) // shipping to Ireland and VAT, no products
  const staff = await staffWithTotp(shop.app, 'maria@example.test', 'staff')

  const desk = await shop.newPage()
  await signInToDashboard(desk, staff)
  const productId = await createAndPublishProduct(desk, {
    title: 'Harbour lantern',
    handle: 'harbour-lantern',
    price: '34.50',
    stock: 3,
  })
  assert.match(productId, /^prod_/)

  const shopper = await shop.newPage()
  await searchFor(shopper, 'harbour lantrn') // typed with a typo, as people do
  assert.ok((await resultTitles(shopper)).includes('Harbour lantern'))
  await expectAccessible(shopper)
  const orderId = await buyWithTestCard(shopper, { handle: 'harbour-lantern', email: 'rosa@example.test' })

  const admin = await headersFor(shop.app, { email: 'flow-admin@example.test', role: 'admin' })
  const order = (await shop.app.inject({ url: `/orders/${orderId}`, headers: admin })).json()
  assert.equal(order.lines[0].unitPrice, 3450)
  assert.equal(order.email, 'rosa@example.test')

  await captureAndRefund(desk, orderId, '4.50', 'rosa@example.test')
  await expectAccessible(desk)
  const after = (await shop.app.inject({ url: `/orders/${orderId}`, headers: admin })).json()
  assert.equal(after.amountRefunded, 450)

  await openSalesReport(desk)
  // The order's revenue and the refund, once the report shows them (it may first show the figures from
  // before the refund: see salesSummary).
  const label = await salesSummary(desk, /refunded €4\.50/)
  const revenue = `€${(order.total / 100).toFixed(2)}`.replace('.', '\\.')
  assert.match(label, new RegExp(`1 order, revenue ${revenue}, refunded €4\\.50`), label)
  await expectAccessible(desk)
})
