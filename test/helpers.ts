/**
 * Test helpers. `testConfig()` gives a fresh database per app: an in-memory SQLite by default, or a
 * throw-away schema in the PostgreSQL named by DATABASE_URL (dropped when the app closes).
 */
import assert from 'node:assert/strict'
import { randomBytes } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Writable } from 'node:stream'
import { buildApp } from '../src/app.ts'
import { type Config, loadConfig } from '../src/platform/config.ts'
import type { App } from '../src/platform/http/types.ts'
import type { Permission } from '../src/platform/security/permissions.ts'

export const usingPostgres = /^postgres(ql)?:\/\//.test(process.env.DATABASE_URL ?? '')

export function testConfig(overrides: Partial<Config> = {}, env: Record<string, string> = {}): Config {
  const config = loadConfig({
    NODE_ENV: 'test',
    DATABASE_URL: usingPostgres ? process.env.DATABASE_URL : 'sqlite::memory:',
    SEED_DEMO_DATA: 'false',
    RATE_LIMIT_SCALE: '1000',
    BACKROOM_SECRET: 'test-secret-test-secret-test-secret-0123456789',
    LOG_LEVEL: 'silent',
    MAIL_DISPATCH_INTERVAL_MS: '0',
    ...env,
  })
  if (config.database.kind === 'postgres') {
    config.database.schema = `t_${randomBytes(6).toString('hex')}`
    config.database.dropSchemaOnClose = true
    config.database.poolSize = 5
  }
  return { ...config, ...overrides }
}

/** A writable that keeps every log line, for tests that read the logs. */
export function logCapture() {
  const lines: string[] = []
  let pending = ''
  const stream = new Writable({
    write(chunk, _encoding, callback) {
      pending += chunk.toString()
      const parts = pending.split('\n')
      pending = parts.pop() ?? ''
      lines.push(...parts.filter(Boolean))
      callback()
    },
  })
  return { stream, lines, text: () => lines.join('\n') + pending }
}

/**
 * One database for several apps in a test (nodes of one shop): a SQLite file in a directory removed
 * when the test ends, or a fresh PostgreSQL schema. Give every app but the last to close
 * `{ ...database, dropSchemaOnClose: false }`: the last one (apps close in reverse order) drops the schema.
 */
export function sharedDatabase(t: { after: (fn: () => void) => void }, name: string): Config['database'] {
  const fresh = testConfig().database
  if (usingPostgres) return fresh
  const dir = mkdtempSync(join(tmpdir(), `backroom-${name}-`))
  t.after(() => rmSync(dir, { recursive: true, force: true }))
  const file = join(dir, 'shop.db')
  return { ...fresh, url: `sqlite:${file}`, sqlitePath: file }
}

/** Builds an app on a fresh database and closes it when the test ends. */
export async function testApp(
  t: { after: (fn: () => Promise<void>) => void },
  overrides: Partial<Config> = {},
  options: Parameters<typeof buildApp>[1] = {},
): Promise<App> {
  const app = await buildApp(testConfig(overrides), options)
  t.after(() => app.close())
  return app
}

// ---------------------------------------------------------------------------------------------
// Who is calling. Tests ask for request headers for a customer, staff member or admin: the account is
// created through the accounts service (with its role) and signed in over HTTP, so every request goes
// through the real authenticator.

export type TestRole = 'customer' | 'staff' | 'admin'

/** The password every test account gets (strong enough for the policy). */
export const TEST_PASSWORD = 'plum-Violin-gravel-42-orbit'

const signedIn = new WeakMap<App, Map<string, Promise<Record<string, string>>>>()

/** `{ authorization: 'Bearer <session token>' }` for `email` (created with `role`, customer by default). Cached per app and email. */
export function headersFor(app: App, who: { email: string; role?: TestRole }): Promise<Record<string, string>> {
  const cache = signedIn.get(app) ?? new Map<string, Promise<Record<string, string>>>()
  signedIn.set(app, cache)
  const key = who.email.toLowerCase()
  let headers = cache.get(key)
  if (!headers) {
    headers = signInAs(app, who.email, who.role ?? 'customer')
    headers.catch(() => cache.delete(key))
    cache.set(key, headers)
  }
  return headers
}

async function signInAs(app: App, email: string, role: TestRole): Promise<Record<string, string>> {
  try {
    await app.backroom.users.createUser({ email, password: TEST_PASSWORD, role })
  } catch (error) {
    // Two apps on one database (restart tests): the account is already there; just sign in.
    if ((error as { code?: string }).code !== 'email-taken') throw error
  }
  const res = await app.inject({ method: 'POST', url: '/auth/sign-in', payload: { email, password: TEST_PASSWORD } })
  if (res.statusCode !== 200) throw new Error(`sign-in of ${email} failed: ${res.statusCode} ${res.body}`)
  return { authorization: `Bearer ${res.json().token}` }
}

/** `{ 'x-api-key': … }` for a new API key with exactly `permissions`, created by an admin over HTTP. */
export async function apiKeyHeaders(app: App, permissions: Permission[]): Promise<Record<string, string>> {
  const admin = await headersFor(app, { email: 'api-key-admin@example.test', role: 'admin' })
  const res = await app.inject({
    method: 'POST',
    url: '/admin/api-keys',
    headers: admin,
    payload: { name: `test key ${permissions.join(' ')}`.slice(0, 100), permissions },
  })
  if (res.statusCode !== 201) throw new Error(`API key creation failed: ${res.statusCode} ${res.body}`)
  return { 'x-api-key': res.json().key }
}

/**
 * Polls `check` every 10 ms until it holds, and returns how long it took. For what arrives asynchronously
 * from outside the test's control (another node's notification, a background job). `ms` is a liveness
 * limit, not a claim about speed: CI runs the suites in parallel on two busy cores, where a notification
 * or an index build can take seconds. A test that claims a bound asserts the returned time (or fakes the
 * clock), never this limit.
 */
export async function eventually(check: () => boolean | Promise<boolean>, ms = 30_000): Promise<number> {
  const start = Date.now()
  while (Date.now() - start < ms) {
    if (await check()) return Date.now() - start
    await new Promise((r) => setTimeout(r, 10))
  }
  assert.fail(`not within ${ms} ms`)
}

/**
 * `from=…&to=…` for a report or export: the UTC days from `since` (when the test began making its data,
 * a `Date.now()`) to now, so a run that crosses midnight still covers all of it.
 */
export function daysSince(since: number): string {
  const day = (ms: number) => new Date(ms).toISOString().slice(0, 10)
  return `from=${day(since)}&to=${day(Date.now())}`
}
