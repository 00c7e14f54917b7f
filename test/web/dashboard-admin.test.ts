/** The dashboard's admin sections in Chromium: users and roles, API keys, the audit log, and one's own two-step sign-in. */
import assert from 'node:assert/strict'
import { test } from 'node:test'
import { Secret, TOTP } from 'otpauth'
import { TEST_PASSWORD } from '../helpers.ts'
import {
  expectAccessible,
  openSection,
  screenshot,
  signInToDashboard,
  skipBrowser,
  staffWithTotp,
  startShop,
} from './harness.ts'

test('dashboard admin sections', { skip: skipBrowser }, async (t) => {
  const shop = await startShop(t)
  const admin = await staffWithTotp(shop.app, 'grace@example.test', 'admin')
  const staff = await staffWithTotp(shop.app, 'linus@example.test', 'staff')
  await shop.app.backroom.users.createUser({ email: 'newhire@example.test', password: TEST_PASSWORD, role: 'customer' })

  const page = await shop.newPage()
  page.on('dialog', (dialog) => void dialog.accept())
  await signInToDashboard(page, admin)

  await t.test('users: an admin makes a customer staff, then disables the account', async () => {
    await openSection(page, 'Users and roles')
    await page.getByRole('heading', { name: 'Users and roles' }).waitFor()
    await page.getByLabel('Email').fill('newhire@example.test')
    await page.getByRole('button', { name: 'Find' }).click()
    const role = page.getByLabel('Role of newhire@example.test')
    await role.waitFor()
    await role.selectOption('staff')
    // The Disable button is on the page before the change lands: wait for the status line the change brings.
    await page.getByRole('status').getByText('newhire@example.test is now staff.').waitFor()
    const user = await shop.app.backroom.users.list({ email: 'newhire@example.test' })
    assert.equal(user.items[0].role, 'staff')
    await page.getByRole('button', { name: 'Disable newhire@example.test' }).click()
    await page.getByRole('button', { name: 'Enable newhire@example.test' }).waitFor()
    await page.getByRole('status').getByText('newhire@example.test is disabled.').waitFor()
    assert.equal((await shop.app.backroom.users.list({ email: 'newhire@example.test' })).items[0].disabled, true)
    await screenshot(page, 'dashboard-users')
    await expectAccessible(page)
  })

  await t.test('API keys: created with one permission, shown once, usable, then revoked', async () => {
    await openSection(page, 'API keys')
    await page.getByRole('heading', { name: 'API keys', level: 1 }).waitFor()
    await page.getByRole('button', { name: 'Create key' }).click()
    await page.getByText('Give the key a name').waitFor() // checked before anything is sent
    await page.getByLabel('Name').fill('warehouse sync')
    await page.getByLabel('orders:read').check()
    await page.getByRole('button', { name: 'Create key' }).click()
    const key = await page.getByLabel('The key').inputValue()
    assert.match(key, /^bk_/)
    await expectAccessible(page)
    const orders = await fetch(`${shop.url}/orders`, { headers: { 'x-api-key': key } })
    assert.equal(orders.status, 200)
    const users = await fetch(`${shop.url}/admin/users`, { headers: { 'x-api-key': key } })
    assert.equal(users.status, 403)
    await page.getByRole('button', { name: 'Done' }).click()
    await page.getByRole('button', { name: 'Revoke warehouse sync' }).click()
    await page.getByText(/^revoked /).waitFor()
    assert.equal((await fetch(`${shop.url}/orders`, { headers: { 'x-api-key': key } })).status, 401)
    await screenshot(page, 'dashboard-api-keys')
  })

  await t.test('audit log: sign-ins and the role change are there, filterable by type', async () => {
    await openSection(page, 'Audit log')
    await page.getByRole('heading', { name: 'Audit log' }).waitFor()
    await page.getByRole('cell', { name: 'user.role-changed' }).first().waitFor()
    await page.getByLabel('Event type').fill('user.role-changed')
    await page.getByRole('button', { name: 'Filter' }).click()
    await page
      .getByRole('cell', { name: /^sign-in/ })
      .first()
      .waitFor({ state: 'detached' })
    await screenshot(page, 'dashboard-audit')
    await expectAccessible(page)
  })

  await t.test(
    'staff without admin permissions see none of the admin sections, and the server refuses them',
    async () => {
      const other = await shop.newPage()
      await signInToDashboard(other, staff)
      const nav = other.getByRole('navigation', { name: 'Sections' })
      assert.equal(await nav.getByRole('link', { name: 'Users and roles' }).count(), 0)
      assert.equal(await nav.getByRole('link', { name: 'API keys' }).count(), 0)
      assert.equal(await nav.getByRole('link', { name: 'Audit log' }).count(), 0)
      await other.goto('/dashboard/users')
      await other.getByRole('alert').waitFor()
      assert.match((await other.getByRole('alert').textContent()) ?? '', /forbidden|permission/i)
    },
  )

  await t.test('account security: an account turns on two-step sign-in and gets recovery codes', async () => {
    const email = 'mfa-later@example.test'
    await shop.app.backroom.users.createUser({ email, password: TEST_PASSWORD, role: 'staff' })
    const own = await shop.newPage()
    await own.goto('/dashboard/sign-in')
    await own.getByLabel('Email').fill(email)
    await own.getByLabel('Password').fill(TEST_PASSWORD)
    await own.getByRole('button', { name: 'Sign in' }).click()
    await own.getByRole('heading', { name: 'Overview' }).waitFor()
    await openSection(own, 'Account security')
    await own.getByRole('button', { name: 'Set up an authenticator app' }).click()
    const secret = (await own.locator('code').first().textContent()) ?? ''
    await expectAccessible(own)
    await own.getByLabel('Code from the app').fill(TOTP.generate({ secret: Secret.fromBase32(secret) }))
    await own.getByRole('button', { name: 'Turn on' }).click()
    await own.getByRole('heading', { name: 'Recovery codes' }).waitFor()
    assert.equal(await own.locator('li code').count(), 10)
    await own.getByText('Status: on').waitFor()
    await screenshot(own, 'dashboard-security')
    await expectAccessible(own)
  })
})
