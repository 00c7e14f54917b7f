/**
 * The dashboard's orders list pages both ways in Chromium: 21 orders are two pages of 20; "Next page"
 * and "Previous page" (the API pages forward only: the page remembers where it came from, also across
 * the browser's back and forward buttons), and "First page".
 */
import assert from 'node:assert/strict'
import { test } from 'node:test'
import { headersFor } from '../helpers.ts'
import { customerCheckout, seedShop } from '../modules/orders/fixtures.ts'
import { expectAccessible, signInToDashboard, skipBrowser, staffWithTotp, startShop } from './harness.ts'

test('dashboard orders list pages forward and back', { skip: skipBrowser }, async (t) => {
  const shop = await startShop(t)
  const seeded = await seedShop(shop.app, [{ handle: 'mug', price: 1250, stock: 100 }])
  const carla = await headersFor(shop.app, { email: 'carla@example.test' })
  const orders: string[] = []
  for (let i = 0; i < 21; i++) {
    orders.push((await customerCheckout(shop.app, seeded, carla, seeded.products[0]!.variants[0]!.id)).id)
  }
  const page = await shop.newPage()
  await signInToDashboard(page, await staffWithTotp(shop.app, 'pages@example.test', 'staff'))
  await page.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: 'Orders' }).click()
  const table = page.getByRole('table', { name: 'Orders, newest first' })
  const pager = page.getByRole('navigation', { name: 'Pages of orders' })
  const onPage = (id: string) => table.getByRole('link', { name: id, exact: true })
  const orderLinks = table.getByRole('link', { name: /^ord_/ })

  await onPage(orders[20]).waitFor()
  assert.equal(await orderLinks.count(), 20)
  assert.equal(await pager.getByRole('link', { name: 'Previous page' }).count(), 0)
  await pager.getByRole('link', { name: 'Next page' }).click()
  await onPage(orders[0]).waitFor()
  assert.equal(await orderLinks.count(), 1)
  assert.equal(await pager.getByRole('link', { name: 'Next page' }).count(), 0)
  await expectAccessible(page)

  await pager.getByRole('link', { name: 'Previous page' }).click()
  await onPage(orders[20]).waitFor()
  assert.equal(await orderLinks.count(), 20)
  assert.equal(new URL(page.url()).searchParams.get('cursor'), null)

  // Back to page 2 with the browser's buttons: it still knows its previous page.
  await page.goBack()
  await onPage(orders[0]).waitFor()
  await pager.getByRole('link', { name: 'Previous page' }).waitFor()
  await pager.getByRole('link', { name: 'First page' }).click()
  await onPage(orders[20]).waitFor()
  await expectAccessible(page)
})
