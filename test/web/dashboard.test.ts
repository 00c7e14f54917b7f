/** The dashboard in Chromium: sign-in with TOTP, the signed-in shell, and who may enter. */
import assert from 'node:assert/strict'
import { test } from 'node:test'
import { TEST_PASSWORD } from '../helpers.ts'
import { expectAccessible, screenshot, signInToDashboard, skipBrowser, staffWithTotp, startShop } from './harness.ts'

test('dashboard sign-in', { skip: skipBrowser }, async (t) => {
  const shop = await startShop(t)
  const staff = await staffWithTotp(shop.app, 'ada@example.test', 'staff')

  await t.test('an anonymous visitor is sent to sign-in, which is accessible', async () => {
    const page = await shop.newPage()
    await page.goto('/dashboard/')
    await page.getByRole('heading', { name: 'Sign in to Backroom' }).waitFor()
    assert.match(page.url(), /\/dashboard\/sign-in\?next=/)
    await screenshot(page, 'dashboard-sign-in')
    await expectAccessible(page)
  })

  await t.test('a wrong password is refused with the server’s message', async () => {
    const page = await shop.newPage()
    await page.goto('/dashboard/sign-in')
    await page.getByLabel('Email').fill(staff.email)
    await page.getByLabel('Password').fill('not-the-password-at-all')
    await page.getByRole('button', { name: 'Sign in' }).click()
    await page.getByRole('alert').waitFor()
    assert.match((await page.getByRole('alert').textContent()) ?? '', /bad-credentials/)
    await expectAccessible(page)
  })

  await t.test('staff sign in with password and TOTP and see the shell', async () => {
    const page = await shop.newPage()
    await signInToDashboard(page, staff)
    await page.getByRole('navigation', { name: 'Sections' }).waitFor()
    await page.getByText(`${staff.email} (staff)`).waitFor()
    await expectAccessible(page)
    // The session lives in an HttpOnly cookie: page scripts cannot read it.
    assert.equal(((await page.evaluate('document.cookie')) as string).includes('backroom_session'), false)
    await page.reload()
    await page.getByRole('heading', { name: 'Overview' }).waitFor()
    await page.getByRole('button', { name: 'Sign out' }).click()
    await page.getByRole('heading', { name: 'Sign in to Backroom' }).waitFor()
  })

  await t.test('a customer account is not let into the dashboard', async () => {
    await shop.app.backroom.users.createUser({
      email: 'shopper@example.test',
      password: TEST_PASSWORD,
      role: 'customer',
    })
    const page = await shop.newPage()
    await page.goto('/dashboard/sign-in')
    await page.getByLabel('Email').fill('shopper@example.test')
    await page.getByLabel('Password').fill(TEST_PASSWORD)
    await page.getByRole('button', { name: 'Sign in' }).click()
    await page.getByRole('alert').waitFor()
    assert.match((await page.getByRole('alert').textContent()) ?? '', /customer account/)
  })

  await t.test('deep links load the app; a missing asset is a 404 problem', async () => {
    const page = await shop.newPage()
    const res = await page.goto('/dashboard/no/such/page')
    assert.equal(res?.status(), 200)
    assert.match(res?.headers()['content-security-policy'] ?? '', /script-src 'self'/)
    const asset = await fetch(`${shop.url}/dashboard/assets/missing-0000.js`)
    assert.equal(asset.status, 404)
    assert.match(asset.headers.get('content-type') ?? '', /^application\/problem\+json/)
  })
})
