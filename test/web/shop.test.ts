/**
 * The demo storefront in Chromium: search as you type (highlights, facets), category and product
 * pages, the cart, checkout with the test card processor (a decline, then another card), sign-up and
 * sign-in (with the TOTP step), the account's orders and the personal-data download, and the funnel
 * events the shop sends. Every page and state is checked with axe.
 */
import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { test } from 'node:test'
import { daysSince, eventually, headersFor } from '../helpers.ts'
import { assertNoPageErrors, expectAccessible, screenshot, skipBrowser, startShop } from './harness.ts'
import {
  addToCart,
  buyWithTestCard,
  CARDS,
  confirmedOrderId,
  customerWithTotp,
  fillCheckout,
  payWithCard,
  resultTitles,
  searchFor,
  seedStorefront,
  settledResults,
  signUpInShop,
} from './steps/shop.ts'

test('storefront', { skip: skipBrowser }, async (t) => {
  const shop = await startShop(t)
  const seeded = await seedStorefront(shop.app)

  await t.test('search as you type finds a product, with highlights and facets', async () => {
    const page = await shop.newPage()
    await page.goto('/shop/')
    await expectAccessible(page, 'home')
    const searches: string[] = []
    page.on('request', (request) => {
      if (request.url().includes('/store/search')) searches.push(new URL(request.url()).searchParams.get('q') ?? '')
    })
    // When each keystroke happened (page time): a search goes out after a pause in typing, not per keystroke.
    await page.getByRole('searchbox', { name: 'Search products' }).evaluate((box) => {
      const at: number[] = []
      ;(globalThis as unknown as { keystrokes: number[] }).keystrokes = at
      box.addEventListener('input', () => at.push(performance.now()))
    })
    await searchFor(page, 'linen')
    assert.deepEqual(await resultTitles(page), ['Linen shirt'])
    // One search per pause of 250 ms or more (on a loaded machine, keystrokes 20 ms apart can arrive with
    // pauses between them), and the last one: never one per keystroke.
    const keystrokes = (await page.evaluate('globalThis.keystrokes')) as number[]
    const pauses = keystrokes.slice(1).filter((at, i) => at - keystrokes[i] >= 250).length
    assert.ok(searches.length <= pauses + 1, `searched ${JSON.stringify(searches)} with ${pauses} pause(s) in typing`)
    const results = page.getByRole('list', { name: 'Products found' })
    assert.deepEqual(await results.locator('mark').allTextContents(), ['Linen', 'linen'])
    // The description's "&" arrives escaped in the highlight and is shown as text.
    assert.match((await results.locator('.snippet').textContent()) ?? '', /cut loose & washed soft/)
    const filters = page.getByRole('complementary', { name: 'Filters' })
    await filters.getByRole('group', { name: 'Colour' }).waitFor()
    await filters.getByRole('group', { name: 'Category' }).getByText('shirts').waitFor()
    await screenshot(page, 'shop-search')
    await expectAccessible(page, 'search results')
  })

  await t.test('typing slowly keeps every character while earlier searches land', async () => {
    // Keystrokes further apart than the box's pause (250 ms) on a page slowed 10×: each search reaches the URL
    // while the next key is typed. The box used to show the URL's (older) query then and lose what was typed.
    const page = await shop.newPage()
    await page.goto('/shop/')
    const cdp = await page.context().newCDPSession(page)
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: 10 })
    const box = page.getByRole('searchbox', { name: 'Search products' })
    await box.pressSequentially('oxford shirt', { delay: 270 })
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: 1 })
    await page.getByRole('heading', { level: 1, name: 'Results for “oxford shirt”' }).waitFor()
    assert.equal(await box.inputValue(), 'oxford shirt')
    await settledResults(page)
    assert.deepEqual(await resultTitles(page), ['Oxford shirt'])
  })

  await t.test('a facet narrows the results; the filters live in the URL', async () => {
    const page = await shop.newPage()
    await searchFor(page, 'shirt')
    assert.deepEqual((await resultTitles(page)).sort(), ['Linen shirt', 'Oxford shirt'])
    await page.getByRole('group', { name: 'Colour' }).getByRole('checkbox', { name: /white/ }).check()
    await page.getByText('1 product', { exact: true }).waitFor()
    await settledResults(page)
    assert.deepEqual(await resultTitles(page), ['Linen shirt'])
    assert.match(decodeURIComponent(page.url()), /option=.*colour:white/)
    await expectAccessible(page, 'search with a facet')
    await page.reload()
    await page.getByText('1 product', { exact: true }).waitFor()
    await page.getByRole('button', { name: 'Clear filters' }).click()
    await page.getByText('2 products', { exact: true }).waitFor()
  })

  await t.test('category pages list the category and its descendants', async () => {
    const page = await shop.newPage()
    await page.goto('/shop/')
    await page.getByRole('navigation', { name: 'Categories' }).getByRole('link', { name: 'clothing' }).click()
    await page.getByRole('heading', { level: 1, name: 'clothing' }).waitFor()
    await page.getByRole('list', { name: 'Products in clothing' }).getByRole('listitem').nth(1).waitFor()
    const titles = await page.getByRole('list', { name: 'Products in clothing' }).getByRole('heading').allTextContents()
    assert.deepEqual(titles.sort(), ['Linen shirt', 'Oxford shirt'])
    await page.getByRole('navigation', { name: 'Sub-categories' }).getByRole('link', { name: 'shirts' }).waitFor()
    await expectAccessible(page, 'category')
  })

  await t.test('the product page picks a variant, shows price and stock, and adds to the cart', async () => {
    const page = await shop.newPage()
    await page.goto('/shop/products/linen-shirt')
    await page.getByRole('heading', { level: 1, name: 'Linen shirt' }).waitFor()
    await page.getByText('€45.00').waitFor()
    // Blue exists only in M: choosing blue moves the size to M.
    await page.getByRole('group', { name: 'Size' }).getByRole('radio', { name: 'S', exact: true }).check()
    await page.getByRole('group', { name: 'Colour' }).getByRole('radio', { name: 'blue' }).check()
    await page.getByRole('group', { name: 'Size' }).getByRole('radio', { name: 'M', checked: true }).waitFor()
    await page.getByText('In stock (5 left)').waitFor()
    await screenshot(page, 'shop-product')
    await expectAccessible(page, 'product')
    await page.getByRole('button', { name: 'Add to cart' }).click()
    await page.getByRole('status').filter({ hasText: 'Added to your cart' }).waitFor()
    await page.getByRole('link', { name: 'Cart, 1 item' }).waitFor()
    await expectAccessible(page, 'product added')
  })

  await t.test('the cart changes quantities and removes lines', async () => {
    const page = await shop.newPage()
    await addToCart(page, 'ceramic-mug')
    await addToCart(page, 'oxford-shirt')
    await page.goto('/shop/cart')
    await page.getByRole('heading', { name: 'Your cart' }).waitFor()
    await page.getByLabel('Quantity of Ceramic mug').fill('3')
    await page.getByRole('button', { name: 'Update Ceramic mug' }).click()
    await page.getByText('Subtotal: €92.50').waitFor() // 3 × 12.50 + 55.00
    await screenshot(page, 'shop-cart')
    await expectAccessible(page, 'cart')
    await page.getByRole('button', { name: 'Remove Oxford shirt' }).click()
    await page.getByText('Subtotal: €37.50').waitFor()
    await page.getByRole('link', { name: 'Cart, 3 items' }).waitFor()
    // The cart survives a reload (its id and token are in localStorage; no card data is).
    await page.reload()
    await page.getByText('Subtotal: €37.50').waitFor()
  })

  await t.test('a guest checks out with the test card and sees the order', async () => {
    const page = await shop.newPage()
    await addToCart(page, 'ceramic-mug', { quantity: 2 })
    await fillCheckout(page, 'guest@example.test')
    const total = page.getByTestId('order-total')
    await total.waitFor()
    await screenshot(page, 'shop-checkout')
    await expectAccessible(page, 'checkout')
    const quoted = await total.textContent()
    await payWithCard(page, CARDS.ok)
    const orderId = await confirmedOrderId(page)
    await page.getByText('Your order is confirmed').waitFor()
    // The quote's total is what the order charged: 2 × €12.50 + €5.00 shipping, with Irish VAT.
    assert.equal(await page.locator('dl.totals strong').textContent(), quoted)
    await screenshot(page, 'shop-order')
    await expectAccessible(page, 'order confirmation')
    const order = await shop.app.inject({ url: `/orders/${orderId}`, headers: seeded.staff })
    assert.equal(order.json().status, 'paid')
    assert.equal(order.json().email, 'guest@example.test')
    // The card number went to the tokeniser only, and nothing of it stayed in the browser.
    const stored = (await page.evaluate('JSON.stringify(localStorage)')) as string
    assert.doesNotMatch(stored, /4242/)
    await page.getByRole('link', { name: 'Cart, 0 items' }).waitFor()
  })

  await t.test('a declined card is said clearly, and another card then succeeds', async () => {
    const page = await shop.newPage()
    const cardRequests: string[] = []
    page.on('request', (request) => {
      if (request.postData()?.includes('4000000000000002')) cardRequests.push(new URL(request.url()).pathname)
    })
    await addToCart(page, 'oxford-shirt')
    await fillCheckout(page, 'declined@example.test')
    await payWithCard(page, CARDS.declined)
    const alert = page.getByRole('alert').filter({ hasText: 'declined' })
    await alert.waitFor()
    assert.match((await alert.textContent()) ?? '', /Your card was declined by the bank\. Nothing was charged/)
    assert.equal(await page.getByLabel('Card number').inputValue(), '')
    await expectAccessible(page, 'declined card')
    assert.deepEqual(cardRequests, ['/payments/test/cards'], 'the card number goes to the tokeniser only')
    await payWithCard(page, CARDS.ok)
    await confirmedOrderId(page)
  })

  await t.test('a new account sees its order, and downloads its personal data', async () => {
    const page = await shop.newPage()
    await addToCart(page, 'linen-shirt', { choose: { size: 'M', colour: 'white' } })
    await page.goto('/shop/sign-up')
    await expectAccessible(page, 'sign-up')
    await signUpInShop(page, 'newbie@example.test')
    // The guest cart followed the shopper into the account.
    await page.getByRole('link', { name: 'Cart, 1 item' }).waitFor()
    await fillCheckout(page, 'newbie@example.test')
    await payWithCard(page, CARDS.ok)
    const orderId = await confirmedOrderId(page)
    await page.getByRole('link', { name: 'Your orders' }).click()
    await page.getByRole('link', { name: orderId }).click()
    await page.getByRole('heading', { name: `Order ${orderId}` }).waitFor()
    await expectAccessible(page, 'account order')
    await page.goto('/shop/account')
    await page.getByRole('table', { name: 'Your orders' }).getByRole('link', { name: orderId }).waitFor()
    await expectAccessible(page, 'account')
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Download my data' }).click(),
    ])
    assert.equal(download.suggestedFilename(), 'personal-data.json')
    const data = JSON.parse(readFileSync((await download.path())!, 'utf8'))
    assert.match(JSON.stringify(data), /newbie@example\.test/)
    assert.match(JSON.stringify(data), new RegExp(orderId))
    await page.getByRole('button', { name: 'Sign out' }).click()
    await page.getByRole('heading', { name: 'Welcome' }).waitFor()
    await page.getByRole('link', { name: 'Sign in' }).waitFor()
  })

  await t.test('a customer with TOTP signs in with the code step; the account needs signing in', async () => {
    const who = await customerWithTotp(shop.app, 'totp@example.test')
    const page = await shop.newPage()
    await page.goto('/shop/account')
    await page.getByRole('heading', { name: 'Sign in' }).waitFor()
    await page.getByLabel('Email').fill(who.email)
    await page.getByLabel('Password').fill('not-the-password-at-all')
    await page.getByRole('button', { name: 'Sign in' }).click()
    await page.getByRole('alert').filter({ hasText: 'bad-credentials' }).waitFor()
    await expectAccessible(page, 'sign-in refused')
    await page.getByLabel('Password').fill(who.password)
    await page.getByRole('button', { name: 'Sign in' }).click()
    await page.getByLabel('Authenticator code').waitFor()
    await expectAccessible(page, 'sign-in code step')
    await page.getByLabel('Authenticator code').fill(who.code())
    await page.getByRole('button', { name: 'Verify' }).click()
    await page.getByRole('heading', { name: 'Your account' }).waitFor()
    await page.getByText(`Signed in as ${who.email}`).waitFor()
    assert.equal(((await page.evaluate('document.cookie')) as string).includes('backroom_session'), false)
    await page.getByRole('button', { name: 'Sign out' }).click()
    await page.getByRole('link', { name: 'Sign in' }).waitFor()
    assertNoPageErrors(page)
  })

  await t.test('the shop feeds the funnel: product views, add to cart, checkout started, order placed', async () => {
    const started = Date.now()
    const admin = await headersFor(shop.app, { email: 'admin@example.test', role: 'admin' })
    const page = await shop.newPage()
    await buyWithTestCard(page, { handle: 'ceramic-mug', email: 'funnel@example.test' })
    const anonymousId = (await page.evaluate('localStorage.getItem("backroom.anonymousId")')) as string
    assert.match(anonymousId, /^[A-Za-z0-9_-]{8,64}$/)
    const visitorEvents = async () => {
      const res = await shop.app.inject({
        url: `/exports/events?${daysSince(started)}`,
        headers: { ...admin, accept: 'text/csv' },
      })
      assert.equal(res.statusCode, 200, res.body)
      return res.body.split('\n').filter((line) => line.includes(anonymousId))
    }
    const steps = ['product_view', 'add_to_cart', 'checkout_started', 'order_placed']
    await eventually(async () => {
      const lines = await visitorEvents()
      return steps.every((type) => lines.some((line) => line.includes(`,${type},`)))
    })
  })
})
