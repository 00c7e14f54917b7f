/**
 * Browser tests of the web apps: a real server on 127.0.0.1 (fresh SQLite file, demo data off), the
 * built apps from dist/web, and Debian's headless Chromium driven by playwright-core. Every page a test
 * visits is checked with axe-core (`expectAccessible`): no serious or critical violation.
 *
 * The tests need the built apps (`npm run web:build`, done by `npm install`) and /usr/bin/chromium (or
 * CHROMIUM_PATH); without either they are skipped with the reason, so `npm test` still passes on a
 * machine that has only npm. CI installs chromium and runs them (on SQLite only: they test the pages,
 * and the API under them is tested on both databases).
 *
 * `SCREENSHOTS=1` also writes screenshots of the main pages to docs/screenshots/ (`npm run screenshots`).
 *
 * When a test (or one of its subtests) fails, every page still open is saved to tmp/web-failures/ (git-ignored):
 * a full-page screenshot and the HTML as the browser had it, named after the test; the paths are printed
 * with the failure, so a flake in CI can be read from its log and the files it leaves.
 *
 * Waits: every locator action waits up to ACTION_TIMEOUT_MS (30 s): CI runs these tests beside the whole
 * suite on 2 busy cores, where a page can take seconds to answer. A longer wait fixes no race: tests wait
 * for the sign that an action finished (a status line, the new value), never for something already there.
 */
import assert from 'node:assert/strict'
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { basename, join } from 'node:path'
import type { TestContext } from 'node:test'
import { fileURLToPath } from 'node:url'
import axe from 'axe-core'
import { Secret, TOTP } from 'otpauth'
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core'
import { type AppOptions, buildApp } from '../../src/app.ts'
import type { App } from '../../src/platform/http/types.ts'
import { TEST_PASSWORD, testConfig, usingPostgres } from '../helpers.ts'

const repo = fileURLToPath(new URL('../../', import.meta.url))
export const webRoot = join(repo, 'dist', 'web')
const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'
const screenshotDir = join(repo, 'docs', 'screenshots')
/** Where the pages of a failed test are saved (git-ignored). */
export const failureDir = join(repo, 'tmp', 'web-failures')
/** How long a locator action or wait may take before it fails. */
export const ACTION_TIMEOUT_MS = 30_000

/** Why the browser tests cannot run here (undefined: they can). Pass it as `test(name, { skip }, …)`. */
export const skipBrowser: string | false = usingPostgres
  ? 'browser tests run on SQLite only'
  : !existsSync(join(webRoot, 'dashboard', 'index.html')) || !existsSync(join(webRoot, 'shop', 'index.html'))
    ? 'web apps not built (npm run web:build)'
    : !existsSync(chromiumPath)
      ? `no Chromium at ${chromiumPath} (apt-get install chromium, or set CHROMIUM_PATH)`
      : false

export interface Shop {
  app: App
  url: string
  browser: Browser
  /** A fresh browser context (own cookies) with one page; closed with the shop. */
  newPage(): Promise<Page>
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer()
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number }
      server.close(() => resolve(port))
    })
  })
}

/** A listening server with the built apps and a Chromium, both closed when the test ends. */
export async function startShop(
  t: TestContext,
  env: Record<string, string> = {},
  /** App options beyond the web root (e.g. `importJobs` hooks that pause an import between batches). */
  options: AppOptions = {},
): Promise<Shop> {
  const port = await freePort()
  const url = `http://127.0.0.1:${port}`
  const dir = mkdtempSync(join(tmpdir(), 'backroom-web-'))
  const config = testConfig({}, { DATABASE_URL: `sqlite:${join(dir, 'shop.db')}`, PUBLIC_URL: url, ...env })
  const app = await buildApp(config, { ...options, webRoot })
  await app.listen({ host: '127.0.0.1', port })
  const browser = await chromium.launch({
    executablePath: chromiumPath,
    args: ['--no-sandbox', '--disable-dev-shm-usage', '--disable-gpu'],
  })
  const contexts: BrowserContext[] = []
  const pages: Page[] = []
  // A failed subtest, or the test itself: save its pages before anything closes them.
  t.afterEach(async (sub: TestContext) => {
    if (failed(sub)) await saveFailedPages(pages, `${t.name} › ${sub.name}`)
  })
  t.after(async () => {
    if (failed(t)) await saveFailedPages(pages, t.name)
    await browser.close()
    await app.close()
    rmSync(dir, { recursive: true, force: true })
  })
  return {
    app,
    url,
    browser,
    async newPage() {
      const context = await browser.newContext({ baseURL: url, locale: 'en-GB', timezoneId: 'UTC' })
      contexts.push(context)
      const page = await context.newPage()
      pages.push(page)
      page.setDefaultTimeout(ACTION_TIMEOUT_MS)
      // A page error is a failed test: collect them and assert none at the end of each check.
      page.on('pageerror', (error) => {
        pageErrors.set(page, [...(pageErrors.get(page) ?? []), error.message])
      })
      return page
    },
  }
}

const pageErrors = new WeakMap<Page, string[]>()

/** Whether the test has failed (Node 24's TestContext.passed, which @types/node does not list yet). */
function failed(t: TestContext): boolean {
  return (t as TestContext & { passed?: boolean }).passed === false
}

/**
 * Saves every open page (screenshot and HTML) to tmp/web-failures/<test file>-<test>-<n>.{png,html} and prints
 * the paths. Never throws: a page that cannot be saved (closed, crashed) is reported and skipped.
 */
async function saveFailedPages(pages: Page[], testName: string): Promise<void> {
  const file = basename(process.argv[1] ?? 'web', '.test.ts')
  const stem = `${file}-${testName}`
    .replace(/[^A-Za-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .slice(0, 120)
  mkdirSync(failureDir, { recursive: true })
  const saved: string[] = []
  for (const [i, page] of pages.entries()) {
    if (page.isClosed()) continue
    const base = join(failureDir, `${stem}-${i + 1}`)
    try {
      writeFileSync(`${base}.html`, `<!-- ${page.url()} -->\n${await page.content()}`)
      await page.screenshot({ path: `${base}.png`, fullPage: true, timeout: 10_000 })
      saved.push(`${base}.png and .html (${page.url()})`)
    } catch (error) {
      saved.push(`${base}: not saved (${(error as Error).message.split('\n')[0]})`)
    }
  }
  if (saved.length > 0) console.error(`browser test failed: "${testName}"; its pages:\n  ${saved.join('\n  ')}`)
}

/** The page threw no uncaught error so far. */
export function assertNoPageErrors(page: Page): void {
  assert.deepEqual(pageErrors.get(page) ?? [], [], 'uncaught errors in the page')
}

/**
 * axe-core on the page as it is now (WCAG 2.x A/AA and best practices): fails on any serious or critical
 * violation, listing each with its nodes.
 */
export async function expectAccessible(page: Page, label = page.url()): Promise<void> {
  await page.evaluate(axe.source)
  const options = { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] } }
  const results = (await page.evaluate(`axe.run(document, ${JSON.stringify(options)})`)) as axe.AxeResults
  const bad = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')
  assert.deepEqual(
    bad.map((v) => `${v.impact} ${v.id}: ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`),
    [],
    `accessibility violations on ${label}`,
  )
  assertNoPageErrors(page)
}

/** With SCREENSHOTS=1: docs/screenshots/<name>.png of the page (full page, 1280 wide). */
export async function screenshot(page: Page, name: string): Promise<void> {
  if (process.env.SCREENSHOTS !== '1') return
  mkdirSync(screenshotDir, { recursive: true })
  await page.setViewportSize({ width: 1280, height: 800 })
  await page.screenshot({ path: join(screenshotDir, `${name}.png`), fullPage: true })
}

export interface StaffAccount {
  email: string
  password: string
  /** The current authenticator code (each 30 s step is accepted once). */
  code(at?: number): string
}

/**
 * An account (staff by default; any role) with TOTP enrolled through the API, as a person would. The enrolment is
 * confirmed with the previous step's code, so the current step's code is still unused for the sign-in.
 */
export async function staffWithTotp(
  app: App,
  email: string,
  role: 'customer' | 'staff' | 'admin' = 'staff',
): Promise<StaffAccount> {
  await app.backroom.users.createUser({ email, password: TEST_PASSWORD, role })
  const signIn = await app.inject({ method: 'POST', url: '/auth/sign-in', payload: { email, password: TEST_PASSWORD } })
  const headers = { authorization: `Bearer ${signIn.json().token}` }
  const enrol = await app.inject({ method: 'POST', url: '/auth/mfa/totp', headers })
  assert.equal(enrol.statusCode, 200, enrol.body)
  const secret: string = enrol.json().secret
  const code = (at = Date.now()) => TOTP.generate({ secret: Secret.fromBase32(secret), timestamp: at })
  const step = (at: number) => Math.floor(at / 30_000)
  for (;;) {
    const at = Date.now()
    const confirm = await app.inject({
      method: 'POST',
      url: '/auth/mfa/totp/confirm',
      headers,
      payload: { totpCode: code(at - 30_000) },
    })
    // The server accepts one step either side of its now: when a step boundary passed while the request was
    // on its way (a loaded machine), the previous step's code is two steps old there. Again with a new one.
    if (confirm.statusCode === 422 && step(Date.now()) !== step(at)) continue
    assert.equal(confirm.statusCode, 200, confirm.body)
    break
  }
  await app.inject({ method: 'POST', url: '/auth/sign-out', headers })
  return { email, password: TEST_PASSWORD, code }
}

/** Signs staff in on the dashboard's sign-in page (password, then the authenticator code). */
export async function signInToDashboard(page: Page, who: StaffAccount): Promise<void> {
  await page.goto('/dashboard/sign-in')
  await page.getByLabel('Email').fill(who.email)
  await page.getByLabel('Password').fill(who.password)
  await page.getByRole('button', { name: 'Sign in' }).click()
  // The code of the moment the field is there (not of before the wait: on a slow machine a step may pass).
  const codeField = page.getByLabel('Authenticator code')
  await codeField.waitFor()
  await codeField.fill(who.code())
  await page.getByRole('button', { name: 'Verify' }).click()
  await page.getByRole('heading', { name: 'Overview' }).waitFor()
}

/** Opens a dashboard section from the side navigation. */
export async function openSection(page: Page, label: string): Promise<void> {
  await page.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: label }).click()
}
