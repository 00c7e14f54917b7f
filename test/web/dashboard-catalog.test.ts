/**
 * The dashboard's catalog section in Chromium: products (create with variants, prices and stock,
 * publish, find in the storefront search, edit, validation errors), categories, import with a dry run,
 * export, and who sees the section.
 */
import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { test } from 'node:test'
import { eventually, TEST_PASSWORD } from '../helpers.ts'
import { expectAccessible, screenshot, signInToDashboard, skipBrowser, staffWithTotp, startShop } from './harness.ts'
import {
  checkImportFile,
  chooseImportFile,
  createCategory,
  createProduct,
  fillVariant,
  publishProduct,
} from './steps/catalog.ts'

test('dashboard catalog', { skip: skipBrowser }, async (t) => {
  // Import jobs write 2 products per batch; armed, the next import waits after its first batch.
  const pauseImport = pausable()
  const shop = await startShop(t, {}, { importJobs: { batchSize: 2, afterBatch: () => pauseImport.wait() } })
  const staff = await staffWithTotp(shop.app, 'cat@example.test', 'staff')
  // One signed-in page for the staff flow: an authenticator code is accepted once per 30 s step.
  const page = await shop.newPage()
  await signInToDashboard(page, staff)
  let productId = ''

  await t.test('the section is in the navigation for staff', async () => {
    const nav = page.getByRole('navigation', { name: 'Sections' })
    for (const name of ['Products', 'Categories', 'Import and export']) await nav.getByRole('link', { name }).waitFor()
    await nav.getByRole('link', { name: 'Products' }).click()
    await page.getByRole('heading', { name: 'Products', level: 1 }).waitFor()
    await page.getByText('No products yet.').waitFor()
    await expectAccessible(page)
  })

  await t.test('categories: create, rename, move and delete in the tree', async () => {
    await createCategory(page, 'Clothing')
    await createCategory(page, 'Shirts', 'Clothing')
    await createCategory(page, 'Hats', 'Clothing')
    const tree = page.getByRole('list', { name: 'Category tree' })
    // Shirts is nested under Clothing.
    await tree
      .getByRole('listitem')
      .filter({ hasText: 'Clothing' })
      .getByRole('list')
      .getByRole('button', { name: 'Edit Shirts' })
      .waitFor()
    await expectAccessible(page)

    await page.getByRole('button', { name: 'Edit Hats', exact: true }).click()
    const edit = page.getByRole('region', { name: /Edit “Hats”/ })
    await edit.getByLabel('Name', { exact: true }).fill('Caps')
    await edit.getByLabel('Parent').selectOption({ label: '(top level)' })
    await expectAccessible(page)
    await edit.getByRole('button', { name: 'Save category' }).click()
    await page.getByRole('button', { name: 'Edit Caps', exact: true }).waitFor()
    const categories = (await (await fetch(`${shop.url}/store/categories`)).json()) as {
      items: { name: string; parentId: string | null }[]
    }
    assert.equal(categories.items.find((c) => c.name === 'Caps')?.parentId, null)

    // A category cannot move under its own descendant: the server's refusal is shown at the field.
    await page.getByRole('button', { name: 'Edit Clothing', exact: true }).click()
    const clothing = page.getByRole('region', { name: /Edit “Clothing”/ })
    assert.equal(await clothing.getByLabel('Parent').locator('option', { hasText: 'Shirts' }).count(), 0)
    await clothing.getByRole('button', { name: 'Cancel' }).click()

    await page.getByRole('button', { name: 'Edit Caps', exact: true }).click()
    await page.getByRole('button', { name: 'Delete category' }).click()
    await page.getByRole('button', { name: 'Edit Caps', exact: true }).waitFor({ state: 'detached' })
  })

  await t.test(
    'staff create a product with two variants, prices and stock, publish it, and the shop finds it',
    async () => {
      await page.goto('/dashboard/products/new')
      await page.getByRole('heading', { name: 'New product' }).waitFor()
      await expectAccessible(page)
      productId = await createProduct(page, {
        title: 'Linen Shirt',
        description: 'A light shirt for warm days.',
        categories: ['Shirts'],
        variants: [
          { sku: 'LIN-S', options: 'size=S', price: '12.50', stock: 3 },
          { sku: 'LIN-M', options: 'size=M', price: '0.10', stock: 7 },
        ],
      })
      await expectAccessible(page)
      const admin = await shop.app.backroom.catalog.getAdminProduct(productId)
      assert.equal(admin.handle, 'linen-shirt') // suggested from the title
      assert.equal(admin.status, 'draft')
      assert.deepEqual(
        admin.variants.map((v) => [v.sku, v.options, v.prices, v.stock]),
        [
          ['LIN-S', { size: 'S' }, [{ currency: 'EUR', amount: 1250, compareAt: null }], 3],
          ['LIN-M', { size: 'M' }, [{ currency: 'EUR', amount: 10, compareAt: null }], 7],
        ],
      )
      await publishProduct(page)
      await screenshot(page, 'dashboard-product-edit')
      await expectAccessible(page)
      await eventually(async () => {
        const found = (await (await fetch(`${shop.url}/store/search?q=linen`)).json()) as {
          items: { handle: string; price: { amount: number } | null }[]
        }
        return found.items.some((item) => item.handle === 'linen-shirt' && item.price?.amount === 10)
      })
    },
  )

  await t.test('the products table searches and filters by status', async () => {
    await createProduct(page, { title: 'Wool Hat', variants: [{ sku: 'WOOL-1', price: '20', stock: 1 }] })
    await page.goto('/dashboard/products')
    const table = page.getByRole('table', { name: 'Products' })
    await table.getByRole('link', { name: 'Wool Hat' }).waitFor()
    await table.getByRole('link', { name: 'Linen Shirt' }).waitFor()
    await page.getByLabel('Search').fill('lin-m') // a SKU
    await page.getByRole('button', { name: 'Search' }).click()
    await table.getByRole('link', { name: 'Wool Hat' }).waitFor({ state: 'detached' })
    await table.getByRole('link', { name: 'Linen Shirt' }).waitFor()
    assert.match(page.url(), /q=lin-m/)
    await page.getByLabel('Search').fill('')
    await page.getByLabel('Status').selectOption('draft')
    await page.getByRole('button', { name: 'Search' }).click()
    await table.getByRole('link', { name: 'Linen Shirt' }).waitFor({ state: 'detached' })
    await table.getByRole('link', { name: 'Wool Hat' }).waitFor()
    await page.getByLabel('Status').selectOption('')
    await page.getByRole('button', { name: 'Search' }).click()
    await table.getByRole('link', { name: 'Linen Shirt' }).waitFor()
    await screenshot(page, 'dashboard-products')
    await expectAccessible(page)
  })

  await t.test('editing saves exact prices and stock; archive hides it from the shop', async () => {
    await page.getByRole('table', { name: 'Products' }).getByRole('link', { name: 'Linen Shirt' }).click()
    await page.getByRole('heading', { name: 'Linen Shirt', level: 1 }).waitFor()
    await page.getByLabel('Title').fill('Linen Shirt Classic')
    await fillVariant(page, 1, { sku: 'LIN-M', price: '19.99', stock: 4 })
    await page.getByRole('button', { name: 'Save changes' }).click()
    await page.getByRole('status').filter({ hasText: 'Saved.' }).waitFor()
    await page.getByRole('heading', { name: 'Linen Shirt Classic', level: 1 }).waitFor()
    const admin = await shop.app.backroom.catalog.getAdminProduct(productId)
    assert.deepEqual(
      admin.variants.map((v) => [v.sku, v.prices[0].amount, v.stock]),
      [
        ['LIN-S', 1250, 3],
        ['LIN-M', 1999, 4],
      ],
    )
    await page.getByRole('button', { name: 'Archive' }).click()
    await page.getByRole('status').filter({ hasText: 'Archived' }).waitFor()
    assert.equal((await fetch(`${shop.url}/store/products/linen-shirt`)).status, 404)
    await page.getByRole('button', { name: 'Publish' }).click()
    await page.getByRole('status').filter({ hasText: 'Published' }).waitFor()
  })

  await t.test('validation errors are shown next to their fields', async () => {
    // In the browser: a price with more decimals than the currency has.
    await fillVariant(page, 0, { sku: 'LIN-S', price: '12.505', stock: 3 })
    await page.getByRole('button', { name: 'Save changes' }).click()
    const price = page.getByRole('group', { name: 'Variant 1', exact: true }).getByLabel('Price 1', { exact: true })
    await page.getByText('At most 2 decimals in EUR').waitFor()
    assert.equal(await price.getAttribute('aria-invalid'), 'true')
    await price.fill('12.50')
    // By the server: a handle that breaks its pattern (a 400 with errors[].pointer = /handle)…
    await page.getByLabel('Handle').fill('Not A Handle')
    await page.getByRole('button', { name: 'Save changes' }).click()
    const handleError = page.locator('#f-handle-error')
    await handleError.waitFor()
    assert.match((await handleError.textContent()) ?? '', /pattern/)
    assert.equal(await page.getByLabel('Handle').getAttribute('aria-invalid'), 'true')
    await page.getByRole('alert').filter({ hasText: 'validation-failed' }).waitFor()
    await expectAccessible(page)
    // …and a SKU another product holds (a 409 duplicate-sku), shown at that variant's SKU.
    await page.getByLabel('Handle').fill('linen-shirt')
    await page.getByRole('group', { name: 'Variant 2', exact: true }).getByLabel('SKU').fill('WOOL-1')
    await page.getByRole('button', { name: 'Save changes' }).click()
    await page.locator('#f-variants-1-sku-error').filter({ hasText: 'belongs to another product' }).waitFor()
    assert.equal((await shop.app.backroom.catalog.getAdminProduct(productId)).variants[1].sku, 'LIN-M') // unchanged
  })

  await t.test('import: a dry run lists row errors, then a good file imports with determinate progress', async () => {
    await page.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: 'Import and export' }).click()
    await page.getByRole('heading', { name: 'Import and export' }).waitFor()
    await expectAccessible(page)
    const header = 'handle,title,status,sku,options,stock,price_EUR'
    const bad = `${header}\ncotton-tee,Cotton Tee,published,TEE-S,size=S,5,1500\ncotton-tee,,,TEE-M,size=M,5,15.5\nBad Tee,Bad,draft,BAD-1,,1,100\n`
    await chooseImportFile(page, 'bad.csv', bad)
    const refused = await checkImportFile(page)
    assert.ok(!refused.valid)
    assert.deepEqual(
      refused.rows.map((r) => [r.line, r.field]),
      [
        [3, 'price_EUR'],
        [4, 'handle'],
      ],
    )
    assert.match(refused.rows[0].message, /not a whole number/)
    await page.getByRole('alert').filter({ hasText: '2 row error(s); nothing was imported' }).waitFor()
    await page.getByRole('button', { name: 'Import', exact: true, disabled: true }).waitFor()
    await expectAccessible(page)

    const more = ['tote', 'scarf', 'socks', 'cap'].map(
      (h, i) => `${h},${h.toUpperCase()},published,${h}-1,,3,${900 + i}`,
    )
    const good = `${header}\ncotton-tee,Cotton Tee,published,TEE-S,size=S,5,1500\ncotton-tee,,,TEE-M,size=M,5,1550\n${more.join('\n')}\n`
    await chooseImportFile(page, 'good.csv', good)
    const checked = await checkImportFile(page)
    assert.ok(checked.valid)
    assert.match(checked.text, /create 5 .* 6 variant/)
    assert.equal((await fetch(`${shop.url}/store/products/cotton-tee`)).status, 404) // a dry run writes nothing
    await screenshot(page, 'dashboard-import')

    // The job writes 2 products per batch and (here) waits after the first: the page shows 2 of 5.
    pauseImport.armed = true
    await page.getByRole('button', { name: 'Import', exact: true }).click()
    const status = page.getByRole('status').filter({ hasText: '2 of 5 products' })
    await status.waitFor()
    assert.match((await status.textContent()) ?? '', /Importing good\.csv .*writing products, 2 of 5 products/)
    const bar = page.getByRole('progressbar', { name: /Importing good\.csv/ })
    assert.deepEqual(
      await bar.evaluate((el) => [(el as unknown as { value: number }).value, (el as unknown as { max: number }).max]),
      [2, 5],
    )
    assert.equal((await fetch(`${shop.url}/store/products/cotton-tee`)).status, 200) // the first batch is committed
    assert.equal((await fetch(`${shop.url}/store/products/socks`)).status, 404) // the rest not yet
    // The recent imports follow the running job too.
    const recent = page.getByRole('table', { name: 'Recent imports' })
    await recent.getByRole('row').filter({ hasText: 'writing' }).filter({ hasText: '2 of 5' }).waitFor()
    await expectAccessible(page)
    await screenshot(page, 'dashboard-import-progress')
    pauseImport.release()
    const done = page.getByRole('status').filter({ hasText: 'Imported' })
    await done.waitFor()
    assert.match((await done.textContent()) ?? '', /created 5 and updated 0 product\(s\), with 6 variant/)
    assert.equal((await fetch(`${shop.url}/store/products/socks`)).status, 200)
    await expectAccessible(page)
  })

  await t.test('recent imports: the jobs newest first, with status, progress and outcome', async () => {
    const recent = page.getByRole('table', { name: 'Recent imports' })
    await recent.getByRole('row').filter({ hasText: 'succeeded' }).filter({ hasText: 'Import' }).waitFor()
    const cells = await recent
      .getByRole('row')
      .evaluateAll((rows) => rows.slice(1).map((row) => [...row.querySelectorAll('td')].map((td) => td.textContent)))
    assert.deepEqual(
      cells.map(([, file, kind, format, status, products, outcome]) => [file, kind, format, status, products, outcome]),
      [
        ['good.csv', 'Import', 'CSV', 'succeeded', '5 of 5', 'created 5, updated 0 (6 variants)'],
        ['good.csv', 'Check (dry run)', 'CSV', 'succeeded', '5 of 5', 'would create 5, update 0 (6 variants)'],
        ['bad.csv', 'Check (dry run)', 'CSV', 'failed', '2 of 2', '2 row error(s)'],
      ],
    )
    assert.deepEqual(await recent.getByRole('columnheader').allTextContents(), [
      'Started',
      'File',
      'Kind',
      'Format',
      'Status',
      'Products',
      'Outcome',
    ])
    // After a reload the list comes from the server alone.
    await page.reload()
    await recent.getByRole('row').nth(3).waitFor()
    assert.equal(await recent.getByRole('row').count(), 4)
    await expectAccessible(page)
  })

  await t.test('export downloads the catalog as CSV', async () => {
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Download catalog (CSV)' }).click(),
    ])
    assert.match(download.suggestedFilename(), /^catalog-.*\.csv$/)
    const csv = readFileSync((await download.path())!, 'utf8')
    assert.match(csv, /^handle,title,/)
    assert.match(csv, /cotton-tee/)
    assert.match(csv, /linen-shirt/)
  })

  await t.test('the products table pages forward and back', async () => {
    const rows = Array.from({ length: 21 }, (_, i) => `bulk-${i},Bulk ${i},BULK-${i},100`)
    const res = await fetch(`${shop.url}/admin/catalog/import`, {
      method: 'POST',
      headers: {
        'content-type': 'text/csv',
        origin: shop.url,
        cookie: (await page.context().cookies()).map((c) => `${c.name}=${c.value}`).join('; '),
      },
      body: `handle,title,sku,price_EUR\n${rows.join('\n')}\n`,
    })
    assert.equal(res.status, 200, await res.text())
    await page.goto('/dashboard/products')
    const table = page.getByRole('table', { name: 'Products' })
    const bulk = table.getByRole('link', { name: /^Bulk / })
    await bulk.first().waitFor()
    assert.equal(await bulk.count(), 20) // the newest 20: all imported just now
    await page.getByRole('button', { name: 'Previous page', disabled: true }).waitFor()
    await page.getByRole('button', { name: 'Next page' }).click()
    await table.getByRole('link', { name: 'Linen Shirt' }).waitFor()
    assert.equal(await bulk.count(), 1)
    await page.getByRole('button', { name: 'Next page', disabled: true }).waitFor()
    await page.getByRole('button', { name: 'Previous page' }).click()
    await table.getByRole('link', { name: 'Linen Shirt' }).waitFor({ state: 'detached' })
    assert.equal(await bulk.count(), 20)
  })

  await t.test('a refusal from the server (403) is shown as the problem it is', async () => {
    await page.route('**/admin/products?*', (route) =>
      route.fulfill({
        status: 403,
        contentType: 'application/problem+json',
        body: JSON.stringify({
          type: '/problems/permission-denied',
          title: 'Permission denied',
          status: 403,
          code: 'permission-denied',
          detail: 'This needs the catalog:write permission',
        }),
      }),
    )
    await page.goto('/dashboard/products')
    await page.getByRole('alert').filter({ hasText: 'permission-denied' }).waitFor()
    await expectAccessible(page)
    await page.unroute('**/admin/products?*')
  })

  await t.test('a customer account sees no catalog section', async () => {
    await shop.app.backroom.users.createUser({ email: 'buyer@example.test', password: TEST_PASSWORD, role: 'customer' })
    const customer = await shop.newPage()
    await customer.goto('/dashboard/products')
    await customer.getByRole('heading', { name: 'Sign in to Backroom' }).waitFor()
    await customer.getByLabel('Email').fill('buyer@example.test')
    await customer.getByLabel('Password').fill(TEST_PASSWORD)
    await customer.getByRole('button', { name: 'Sign in' }).click()
    await customer.getByRole('alert').filter({ hasText: 'customer account' }).waitFor()
    assert.equal(await customer.getByRole('link', { name: 'Products' }).count(), 0)
    // And the API refuses it, whatever the page shows.
    const signIn = await shop.app.inject({
      method: 'POST',
      url: '/auth/sign-in',
      payload: { email: 'buyer@example.test', password: TEST_PASSWORD },
    })
    const res = await shop.app.inject({
      url: '/admin/products',
      headers: { authorization: `Bearer ${signIn.json().token}` },
    })
    assert.equal(res.statusCode, 403)
  })
})

/** A pause for the import job's `afterBatch`: once armed, the next batch waits until `release()`. */
function pausable() {
  let open: () => void = () => {}
  const state = {
    armed: false,
    wait(): Promise<void> | undefined {
      if (!state.armed) return undefined
      state.armed = false
      return new Promise<void>((resolve) => {
        open = resolve
      })
    },
    release: () => open(),
  }
  return state
}
