/**
 * Reusable dashboard steps for the catalog (a signed-in staff page; see harness.ts `signInToDashboard`):
 * create a product with variants, prices and stock, publish it, make a category. Each step ends when
 * the page shows the result, so steps compose into longer flows.
 */
import type { Page } from 'playwright-core'

export interface VariantSpec {
  sku: string
  /** A decimal amount as a person types it, e.g. '12.50'. */
  price: string
  stock: number
  /** 'size=M; colour=blue' */
  options?: string
  currency?: string
}

export interface ProductSpec {
  title: string
  /** Made from the title when omitted. */
  handle?: string
  description?: string
  variants: VariantSpec[]
  categories?: string[]
}

/** Opens the new-product form, fills it and creates the product (a draft); ends on its edit page. Returns its id. */
export async function createProduct(page: Page, spec: ProductSpec): Promise<string> {
  await page.goto('/dashboard/products/new')
  await page.getByRole('heading', { name: 'New product' }).waitFor()
  await page.getByLabel('Title').fill(spec.title)
  // Leaving the title suggests a handle; let that happen before typing one, as a person would.
  await page.getByLabel('Title').blur()
  if (spec.handle) {
    await page.getByLabel('Handle').fill(spec.handle)
    await page.getByLabel('Handle').blur()
    if ((await page.getByLabel('Handle').inputValue()) !== spec.handle) throw new Error('handle not typed')
  }
  if (spec.description) await page.getByLabel('Description').fill(spec.description)
  for (const name of spec.categories ?? []) await page.getByRole('checkbox', { name }).check()
  for (const [i, variant] of spec.variants.entries()) {
    if (i > 0) await page.getByRole('button', { name: 'Add variant' }).click()
    await fillVariant(page, i, variant)
  }
  await page.getByRole('button', { name: 'Create product' }).click()
  await page.getByRole('heading', { name: spec.title, level: 1 }).waitFor()
  const id = /\/products\/([^/?#]+)$/.exec(new URL(page.url()).pathname)?.[1]
  if (!id) throw new Error(`not on a product page: ${page.url()}`)
  return id
}

/** Fills variant number `index` (0-based) of the product form on the page. */
export async function fillVariant(page: Page, index: number, variant: VariantSpec): Promise<void> {
  const group = page.getByRole('group', { name: `Variant ${index + 1}`, exact: true })
  await group.getByLabel('SKU').fill(variant.sku)
  if (variant.options) await group.getByLabel('Options').fill(variant.options)
  await group.getByLabel('Stock').fill(String(variant.stock))
  if (variant.currency) await group.getByLabel('Currency of price 1').fill(variant.currency)
  await group.getByLabel('Price 1', { exact: true }).fill(variant.price)
}

/** On a product's edit page: publishes it and waits until the page says so. */
export async function publishProduct(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Publish' }).click()
  await page.getByRole('status').filter({ hasText: 'Published' }).waitFor()
}

/** Creates a one-variant product and publishes it; the storefront sells it afterwards. Returns its id. */
export async function createAndPublishProduct(
  page: Page,
  spec: { title: string; price: string; stock: number; sku?: string; handle?: string; currency?: string },
): Promise<string> {
  const sku =
    spec.sku ??
    `${spec.title
      .toUpperCase()
      .replace(/[^A-Z0-9]+/g, '-')
      .replace(/^-|-$/g, '')}-1`
  const id = await createProduct(page, {
    title: spec.title,
    handle: spec.handle,
    variants: [{ sku, price: spec.price, stock: spec.stock, currency: spec.currency }],
  })
  await publishProduct(page)
  return id
}

/** Creates a category (under `parent`, by name, when given) on the categories page. */
export async function createCategory(page: Page, name: string, parent?: string): Promise<void> {
  await page.goto('/dashboard/categories')
  await page.getByRole('heading', { name: 'Categories', level: 1 }).waitFor()
  const form = page.getByRole('region', { name: 'New category' })
  await form.getByLabel('Name', { exact: true }).fill(name)
  if (parent) {
    const option = form.getByLabel('Parent').locator('option', { hasText: parent })
    await form.getByLabel('Parent').selectOption({ value: (await option.getAttribute('value')) ?? '' })
  }
  await form.getByRole('button', { name: 'Create category' }).click()
  await page.getByRole('button', { name: `Edit ${name}`, exact: true }).waitFor()
}

/** Opens Import and export and chooses a catalog file (CSV unless the name ends in .json or .jsonl). */
export async function chooseImportFile(page: Page, name: string, text: string): Promise<void> {
  if (!new URL(page.url()).pathname.endsWith('/catalog/import-export')) {
    await page.goto('/dashboard/catalog/import-export')
    await page.getByRole('heading', { name: 'Import and export' }).waitFor()
  }
  const mimeType = name.endsWith('.json')
    ? 'application/json'
    : name.endsWith('.jsonl')
      ? 'application/x-ndjson'
      : 'text/csv'
  await page.getByLabel('Catalog file').setInputFiles({ name, mimeType, buffer: Buffer.from(text) })
}

/**
 * Checks the chosen file (a dry-run import job) and waits for its outcome: `valid` with the page's
 * sentence, or `invalid` with the per-row errors the page lists.
 */
export async function checkImportFile(
  page: Page,
): Promise<{ valid: true; text: string } | { valid: false; rows: { line: number; field: string; message: string }[] }> {
  await page.getByRole('button', { name: 'Check file (dry run)' }).click()
  const valid = page.getByRole('status').filter({ hasText: 'The file is valid' })
  const errors = page.getByRole('table', { name: /Rows with errors/ })
  await valid.or(errors).waitFor()
  if (await valid.isVisible()) return { valid: true, text: (await valid.textContent()) ?? '' }
  return { valid: false, rows: await importRowErrors(page) }
}

/** The per-row errors the page lists for a refused file. */
export async function importRowErrors(page: Page): Promise<{ line: number; field: string; message: string }[]> {
  const rows = page.getByRole('table', { name: /Rows with errors/ }).locator('tbody tr')
  return rows.evaluateAll((trs) =>
    trs.map((tr) => {
      const [line, field, message] = [...tr.querySelectorAll('td')].map((td) => td.textContent ?? '')
      return { line: Number(line), field, message }
    }),
  )
}

/** Imports the checked file and waits until the job has succeeded; returns the page's sentence. */
export async function runImport(page: Page): Promise<string> {
  await page.getByRole('button', { name: 'Import', exact: true }).click()
  const done = page.getByRole('status').filter({ hasText: 'Imported' })
  await done.waitFor()
  return (await done.textContent()) ?? ''
}
