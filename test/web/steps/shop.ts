/**
 * Reusable storefront steps for browser tests (/shop/): seeding a small catalogue through the API,
 * then what a shopper does: search, open a product, add it to the cart, check out with a test card,
 * sign up or in (with the TOTP step). Compose them into longer flows (staff → shopper → staff).
 */
import assert from 'node:assert/strict'
import type { Page } from 'playwright-core'
import type { App } from '../../../src/platform/http/types.ts'
import { headersFor, TEST_PASSWORD } from '../../helpers.ts'
import { makeCategory } from '../../modules/catalog/fixtures.ts'
import { ADDRESS, seedShop } from '../../modules/orders/fixtures.ts'
import { staffWithTotp } from '../harness.ts'

export const CARDS = {
  ok: '4242424242424242',
  declined: '4000000000000002',
  insufficientFunds: '4000000000009995',
} as const

/**
 * A small shop: categories clothing › shirts and kitchen, a linen shirt (sizes S/M, colours white/blue),
 * an oxford shirt (blue only) and a mug; shipping to Ireland (Standard, €5.00) and Irish VAT.
 */
export async function seedStorefront(app: App) {
  const staff = await headersFor(app, { email: 'staff@example.test', role: 'staff' })
  const clothing = await makeCategory(app, staff, 'clothing')
  const shirts = await makeCategory(app, staff, 'shirts', clothing.id)
  const kitchen = await makeCategory(app, staff, 'kitchen')
  const shop = await seedShop(app, [
    {
      handle: 'linen-shirt',
      title: 'Linen shirt',
      description: 'A breezy linen shirt for summer days, cut loose & washed soft.',
      categoryIds: [shirts.id],
      price: 4500,
      variants: [
        { sku: 'LS-S-WHITE', options: { size: 'S', colour: 'white' }, stock: 5 },
        { sku: 'LS-M-WHITE', options: { size: 'M', colour: 'white' }, stock: 5 },
        { sku: 'LS-M-BLUE', options: { size: 'M', colour: 'blue' }, stock: 5 },
      ],
    },
    {
      handle: 'oxford-shirt',
      title: 'Oxford shirt',
      description: 'Cotton oxford cloth with a button-down collar.',
      categoryIds: [shirts.id],
      price: 5500,
      variants: [{ sku: 'OX-M-BLUE', options: { size: 'M', colour: 'blue' }, stock: 5 }],
    },
    {
      handle: 'ceramic-mug',
      title: 'Ceramic mug',
      description: 'A stoneware mug that holds a generous 350 ml.',
      categoryIds: [kitchen.id],
      price: 1250,
      stock: 20,
    },
  ])
  return { ...shop, categories: { clothing, shirts, kitchen } }
}

/** Types `q` into the header's search box key by key (search as you type) and waits for its results. */
export async function searchFor(page: Page, q: string): Promise<void> {
  if (!page.url().includes('/shop/')) await page.goto('/shop/')
  const box = page.getByRole('searchbox', { name: 'Search products' })
  await box.fill('')
  await box.pressSequentially(q, { delay: 20 })
  await page.getByRole('heading', { level: 1, name: `Results for “${q}”` }).waitFor()
  await settledResults(page)
}

/**
 * Waits until the results on screen are the current search's: while the next search loads, the page
 * keeps the previous results (an earlier keystroke's, possibly none) and marks them `aria-busy`.
 */
export async function settledResults(page: Page): Promise<void> {
  await page.locator('section[aria-label="Results"][aria-busy="false"]').waitFor()
  await page.getByRole('list', { name: 'Products found' }).waitFor()
}

/** The titles of the products the results list shows now (after `searchFor` or `settledResults`). */
export async function resultTitles(page: Page): Promise<string[]> {
  return page.getByRole('list', { name: 'Products found' }).getByRole('heading', { level: 3 }).allTextContents()
}

/** Opens a product page, picks the given options, and adds `quantity` to the cart. */
export async function addToCart(
  page: Page,
  handle: string,
  options: { choose?: Record<string, string>; quantity?: number } = {},
): Promise<void> {
  await page.goto(`/shop/products/${handle}`)
  await page.getByRole('button', { name: 'Add to cart' }).waitFor()
  for (const [name, value] of Object.entries(options.choose ?? {})) {
    const group = page.getByRole('group', { name: name.charAt(0).toUpperCase() + name.slice(1) })
    await group.getByRole('radio', { name: value, exact: true }).check()
  }
  await page.getByText(/In stock \(/).waitFor()
  if (options.quantity) await page.getByLabel('Quantity').fill(String(options.quantity))
  await page.getByRole('button', { name: 'Add to cart' }).click()
  await page.getByRole('status').filter({ hasText: 'Added to your cart' }).waitFor()
}

/** On /shop/checkout: contact email and the Irish test address, and waits for the shipping quote. */
export async function fillCheckout(page: Page, email: string): Promise<void> {
  await page.goto('/shop/checkout')
  await page.getByRole('heading', { name: 'Checkout', level: 1 }).waitFor()
  await page.getByLabel('Email').fill(email)
  await page.getByLabel('Full name').fill(ADDRESS.name)
  await page.getByLabel('Address', { exact: true }).fill(ADDRESS.line1)
  await page.getByLabel('City').fill(ADDRESS.city)
  await page.getByLabel('Postcode').fill(ADDRESS.postcode)
  await page.getByLabel('Country').selectOption(ADDRESS.country)
  await page.getByRole('radio', { name: /Standard/ }).waitFor()
}

/** Enters a card and presses Place order (does not wait for the outcome). */
export async function payWithCard(page: Page, cardNumber: string): Promise<void> {
  const year = (new Date().getUTCFullYear() + 2) % 100
  await page.getByLabel('Name on card').fill(ADDRESS.name)
  await page.getByLabel('Card number').fill(cardNumber)
  await page.getByLabel('Expiry (MM/YY)').fill(`12/${year}`)
  await page.getByLabel('CVC').fill('123')
  await page.getByRole('button', { name: 'Place order' }).click()
}

/** The confirmation page's order id, once it shows. */
export async function confirmedOrderId(page: Page): Promise<string> {
  await page.getByRole('heading', { name: 'Thank you for your order' }).waitFor()
  const id = page.url().split('/order/')[1]
  assert.ok(id, page.url())
  return decodeURIComponent(id)
}

/** A shopper buys one `handle` (with `choose` options) with a card; returns the order id. */
export async function buyWithTestCard(
  page: Page,
  input: { handle: string; choose?: Record<string, string>; card?: string; email?: string },
): Promise<string> {
  await addToCart(page, input.handle, { choose: input.choose })
  await fillCheckout(page, input.email ?? 'shopper@example.test')
  await payWithCard(page, input.card ?? CARDS.ok)
  return confirmedOrderId(page)
}

/** Creates an account on /shop/sign-up (signed in afterwards, on the account page). */
export async function signUpInShop(page: Page, email: string, password = TEST_PASSWORD): Promise<void> {
  await page.goto('/shop/sign-up')
  await page.getByLabel('Email').fill(email)
  await page.getByLabel('Password').fill(password)
  await page.getByRole('button', { name: 'Create account' }).click()
  await page.getByRole('heading', { name: 'Your account' }).waitFor()
}

/** Signs in on /shop/sign-in; with `code`, answers the authenticator step. */
export async function signInToShop(
  page: Page,
  who: { email: string; password?: string; code?: () => string },
): Promise<void> {
  await page.goto('/shop/sign-in')
  await page.getByLabel('Email').fill(who.email)
  await page.getByLabel('Password').fill(who.password ?? TEST_PASSWORD)
  await page.getByRole('button', { name: 'Sign in' }).click()
  if (who.code) {
    const codeField = page.getByLabel('Authenticator code')
    await codeField.waitFor()
    await codeField.fill(who.code())
    await page.getByRole('button', { name: 'Verify' }).click()
  }
  await page.getByRole('heading', { name: 'Your account' }).waitFor()
}

/** A customer account with TOTP enrolled through the API (confirmed with the previous step's code). */
export async function customerWithTotp(app: App, email: string) {
  const account = await staffWithTotp(app, email, 'customer')
  return { ...account, code: () => account.code() }
}
