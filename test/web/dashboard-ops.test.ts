/**
 * The dashboard's operations sections in Chromium: orders (find, capture, partial refund, history, a
 * refused refund), the sales report, customers (personal data download and erasure), webhooks (secret
 * shown once), and what a staff account (not admin) sees. Data is set up through the API.
 */
import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { test } from 'node:test'
import { headersFor } from '../helpers.ts'
import { customerCheckout, seedShop } from '../modules/orders/fixtures.ts'
import { expectAccessible, screenshot, signInToDashboard, skipBrowser, staffWithTotp, startShop } from './harness.ts'
import { captureAndRefund, findOrder, openSalesReport, refundOrder, salesSummary } from './steps/orders.ts'

const euros = (minor: number) =>
  new Intl.NumberFormat('en-GB', { style: 'currency', currency: 'EUR' }).format(minor / 100)

test('dashboard operations', { skip: skipBrowser }, async (t) => {
  const shop = await startShop(t)
  const { app } = shop
  const seeded = await seedShop(app)
  const carla = await headersFor(app, { email: 'carla@example.test' })
  const order = await customerCheckout(app, seeded, carla, seeded.products[0]!.variants[0]!.id, 2)
  const staff = await staffWithTotp(app, 'ada@example.test', 'staff')
  const admin = await staffWithTotp(app, 'grace@example.test', 'admin')

  const staffPage = await shop.newPage()
  await signInToDashboard(staffPage, staff)

  await t.test('staff find the order, capture it and refund part of it; the history shows both', async () => {
    const page = staffPage
    await page.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: 'Orders' }).click()
    await page.getByRole('link', { name: order.id }).waitFor()
    await screenshot(page, 'dashboard-orders')
    await expectAccessible(page)
    await findOrder(page, order.id, 'me@example.test')
    await screenshot(page, 'dashboard-order')
    await expectAccessible(page)
    await captureAndRefund(page, order.id, '5.00', 'me@example.test')
    assert.equal(await page.getByTestId('order-refunded').textContent(), euros(500))
    await page.getByRole('cell', { name: 'capture', exact: true }).waitFor()
    assert.ok(await page.getByRole('cell', { name: euros(500) }).count())
    await expectAccessible(page)

    const answer = await app.inject({ url: `/orders/${order.id}`, headers: seeded.staff })
    assert.equal(answer.json().amountRefunded, 500)
    assert.equal(answer.json().paymentStatus, 'partially_refunded')
  })

  await t.test('a refund above what was captured shows the server’s problem', async () => {
    const page = staffPage
    await refundOrder(page, (order.total / 100).toFixed(2))
    const alert = page.getByRole('alert')
    await alert.waitFor()
    assert.match((await alert.textContent()) ?? '', /refund-exceeds-captured/)
    await expectAccessible(page)
    await page.getByRole('button', { name: 'Back' }).click()
    // An amount with too many decimals never reaches the server.
    await page.getByLabel(/^Refund amount/).fill('1.005')
    await page.getByRole('button', { name: 'Refund…' }).click()
    await page.getByText('At most 2 decimals for EUR').waitFor()
  })

  await t.test('the sales report’s chart and table show the order’s amount', async () => {
    const page = staffPage
    await openSalesReport(page)
    const name = await salesSummary(page, /refunded €5\.00/)
    assert.match(name, new RegExp(`revenue ${euros(order.total).replace('.', '\\.')}`))
    const table = page.getByRole('table', { name: /^Sales in EUR/ })
    await table
      .getByRole('cell', { name: euros(order.total), exact: true })
      .first()
      .waitFor()
    await page.locator('figure.chart svg.recharts-surface').first().waitFor()
    await page.getByRole('table', { name: 'Funnel steps' }).waitFor()
    await page.getByRole('table', { name: 'Top products by revenue' }).waitFor()
    await screenshot(page, 'dashboard-reports')
    await expectAccessible(page)
  })

  await t.test('staff (not admin) do not see the admin-only sections', async () => {
    const page = staffPage
    const nav = page.getByRole('navigation', { name: 'Sections' })
    await nav.getByRole('link', { name: 'Customers' }).waitFor()
    assert.equal(await nav.getByRole('link', { name: 'Webhooks' }).count(), 0)
    await nav.getByRole('link', { name: 'Customers' }).click()
    // Staff find customers (customers:read) but the privacy actions are an admin's (privacy:manage).
    await page.getByLabel('Email').fill('carla@example.test')
    await page.getByRole('button', { name: 'Find' }).click()
    await page.getByText('carla@example.test').first().waitFor()
    assert.equal(await page.getByRole('button', { name: 'Erase personal data' }).count(), 0)
    await expectAccessible(page)
    await page.goto('/dashboard/webhooks')
    await page.getByRole('alert').filter({ hasText: 'webhooks:manage' }).waitFor()
  })

  const adminPage = await shop.newPage()
  await signInToDashboard(adminPage, admin)

  await t.test('an admin creates a webhook endpoint; its secret is shown once', async () => {
    const page = adminPage
    await page.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: 'Webhooks' }).click()
    await page.getByRole('heading', { name: 'Webhooks', level: 1 }).waitFor()
    await expectAccessible(page)
    await page.getByLabel('URL').fill('https://hooks.example.com/backroom')
    await page.getByLabel(/^order\.paid/).check()
    await page.getByLabel('Description (optional)').fill('Warehouse')
    await page.getByRole('button', { name: 'Create endpoint' }).click()
    const secret = (await page.getByTestId('webhook-secret').textContent()) ?? ''
    assert.match(secret, /^whsec_/)
    await page.getByRole('cell', { name: 'https://hooks.example.com/backroom' }).waitFor()
    await screenshot(page, 'dashboard-webhooks')
    await expectAccessible(page)

    await page
      .getByRole('status')
      .getByRole('link', { name: 'https://hooks.example.com/backroom' })
      .or(page.getByRole('link', { name: 'https://hooks.example.com/backroom' }).first())
      .first()
      .click()
    await page.getByRole('heading', { name: 'Webhook endpoint' }).waitFor()
    await page.getByRole('heading', { name: 'Deliveries' }).waitFor()
    assert.equal(await page.getByText(secret).count(), 0, 'the secret is not shown again')
    await expectAccessible(page)
    await page.getByRole('button', { name: 'Rotate secret' }).click()
    await page.getByRole('button', { name: 'Yes, rotate' }).click()
    const rotated = (await page.getByTestId('webhook-secret').textContent()) ?? ''
    assert.match(rotated, /^whsec_/)
    assert.notEqual(rotated, secret)

    await page.getByLabel('Description (optional)').fill('Warehouse, EU')
    await page.getByLabel(/^order\.fulfilled/).check()
    await page.getByRole('button', { name: 'Save changes' }).click()
    await page.getByRole('status').filter({ hasText: 'Saved.' }).waitFor()
    const [endpoint] = (await app.inject({ url: '/webhooks/endpoints', headers: seeded.admin })).json().items
    assert.deepEqual(
      [endpoint.description, [...endpoint.events].sort()],
      ['Warehouse, EU', ['order.fulfilled', 'order.paid']],
    )
    await page.getByRole('button', { name: 'Delete endpoint' }).click()
    await page.getByRole('button', { name: 'Yes, delete' }).click()
    await page.getByText('No endpoints yet.').waitFor()
  })

  await t.test('an admin downloads a customer’s personal data and erases it', async () => {
    const page = adminPage
    await page.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: 'Customers' }).click()
    await page.getByLabel('Email', { exact: true }).fill('carla@example.test')
    await page.getByRole('button', { name: 'Find' }).click()
    await page.getByRole('heading', { name: 'carla@example.test' }).waitFor()
    await page.getByRole('link', { name: order.id }).waitFor()
    await expectAccessible(page)

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Download personal data (JSON)' }).click(),
    ])
    assert.match(download.suggestedFilename(), /^personal-data-.+\.json$/)
    const data = JSON.parse(readFileSync((await download.path())!, 'utf8'))
    assert.equal(data.subject.email, 'carla@example.test')

    const erase = page.getByRole('button', { name: 'Erase personal data' })
    // Erasure waits for the typed confirmation.
    await page.getByRole('button', { name: 'Erase personal data', disabled: true }).waitFor()
    await page.getByLabel("Type the customer's email to confirm erasure").fill('carla@example.test')
    await erase.click()
    await page.getByRole('button', { name: 'Yes, erase' }).click()
    await page.getByRole('status').filter({ hasText: 'Personal data erased' }).waitFor()
    await expectAccessible(page)
    const signIn = await app.inject({
      method: 'POST',
      url: '/auth/sign-in',
      payload: { email: 'carla@example.test', password: 'plum-Violin-gravel-42-orbit' },
    })
    assert.equal(signIn.statusCode, 401)
  })
})
