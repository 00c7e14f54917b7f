/**
 * Reusable dashboard steps for orders and reports, for composing cross-app flows (staff create →
 * shopper buys → staff capture and refund → sales chart). Each step starts from a signed-in dashboard
 * page and waits on what it expects to see; none sleeps.
 */
import type { Page } from 'playwright-core'

/** Opens the Orders section from the nav, searches for `query` (email or order id), opens the order. */
export async function findOrder(page: Page, orderNumber: string, query = orderNumber): Promise<void> {
  await page.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: 'Orders' }).click()
  await page.getByRole('heading', { name: 'Orders', level: 1 }).waitFor()
  await page.getByLabel('Email or order id').fill(query)
  await page.getByRole('button', { name: 'Search' }).click()
  // The list on screen is the searched one once the URL holds the query (the unfiltered list may show
  // the same order: clicking it while the search navigation is still pending would race it).
  await page.waitForURL((url) => url.searchParams.get('q') === query.trim())
  await page.getByRole('link', { name: orderNumber }).click()
  await page.getByRole('heading', { name: `Order ${orderNumber}` }).waitFor()
  await page.getByRole('heading', { name: 'History' }).waitFor()
}

/** On an order's page: confirms one of its actions (capture, fulfil, deliver, cancel) and waits for the answer. */
export async function confirmOrderAction(page: Page, label: string): Promise<void> {
  await page.getByRole('button', { name: label, exact: true }).click()
  await page.getByRole('button', { name: `Yes, ${label.toLowerCase()}` }).click()
  await page.getByRole('status').filter({ hasText: 'Done:' }).waitFor()
}

/** On an order's page: refunds `amount` (a decimal as staff type it, e.g. "5.00") with confirmation. */
export async function refundOrder(page: Page, amount: string): Promise<void> {
  await page.getByLabel(/^Refund amount/).fill(amount)
  await page.getByRole('button', { name: 'Refund…' }).click()
  await page.getByRole('button', { name: 'Yes, refund' }).click()
}

/** Finds the order, captures its payment and refunds `amount` of it; waits until the refund shows. */
export async function captureAndRefund(page: Page, orderNumber: string, amount: string, query?: string): Promise<void> {
  await findOrder(page, orderNumber, query)
  await confirmOrderAction(page, 'Capture payment')
  await page.getByRole('definition').getByText('captured', { exact: true }).waitFor()
  await refundOrder(page, amount)
  await page.getByRole('button', { name: 'Refund…' }).waitFor() // the question closed: the refund went through
  await page.getByRole('cell', { name: 'partial-refund' }).waitFor()
}

/** Opens the Reports section (a lazy chunk) for a range of UTC days and waits for the sales report. */
export async function openSalesReport(page: Page, range?: { from: string; to: string }): Promise<void> {
  if (range) {
    await page.goto(`/dashboard/reports?from=${range.from}&to=${range.to}`)
  } else {
    await page.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: 'Reports' }).click()
  }
  await page.getByRole('heading', { name: 'Reports', level: 1 }).waitFor()
  await page
    .getByRole('table', { name: /^Sales in / })
    .or(page.getByText(/^No sales from/))
    .first()
    .waitFor()
}

/**
 * On the sales report (after `openSalesReport`): waits until the chart of `currency` is named by a summary
 * matching `expected` and returns that summary. The report reads rollups that a catch-up folds in; a report
 * request waits for a catch-up another request is running only up to REPORT_WAIT_MS (2 s), so on a loaded
 * machine the page can show the figures from just before the latest order change. Then the step reloads the
 * page, as a person would, until the figures show or `timeoutMs` has passed (failing with the last summary).
 */
export async function salesSummary(
  page: Page,
  expected: RegExp,
  { currency = 'EUR', timeoutMs = 30_000 }: { currency?: string; timeoutMs?: number } = {},
): Promise<string> {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    const chart = page.getByRole('img', { name: new RegExp(`^Sales in ${currency}`) })
    const none = page.getByText(/^No sales from/)
    await chart.or(none).first().waitFor() // one answer of this load: figures, or no sales (yet)
    const summary = (await chart.count()) > 0 ? ((await chart.getAttribute('aria-label')) ?? '') : 'no sales'
    if (expected.test(summary)) return summary
    if (Date.now() > deadline) {
      throw new Error(`the sales report never showed ${expected} (${timeoutMs} ms); it shows: ${summary}`)
    }
    await page.reload()
    await page.getByRole('heading', { name: 'Reports', level: 1 }).waitFor()
  }
}
