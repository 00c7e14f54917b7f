/**
 * Test helpers. `testConfig()` gives a fresh database per app: an in-memory SQLite by default, or a
 * throw-away schema in the PostgreSQL named by DATABASE_URL (dropped when the app closes).
 */
import { randomBytes } from 'node:crypto'
import { Writable } from 'node:stream'
import { buildApp } from '../src/app.ts'
import { type Config, loadConfig } from '../src/platform/config.ts'
import type { App } from '../src/platform/http/types.ts'
import { ANONYMOUS } from '../src/platform/security/actor.ts'
import type { Authenticator } from '../src/platform/security/auth.ts'
import { ROLE_PERMISSIONS } from '../src/platform/security/permissions.ts'

export const usingPostgres = /^postgres(ql)?:\/\//.test(process.env.DATABASE_URL ?? '')

export function testConfig(overrides: Partial<Config> = {}, env: Record<string, string> = {}): Config {
  const config = loadConfig({
    NODE_ENV: 'test',
    DATABASE_URL: usingPostgres ? process.env.DATABASE_URL : 'sqlite::memory:',
    SEED_DEMO_DATA: 'false',
    RATE_LIMIT_SCALE: '1000',
    BACKROOM_SECRET: 'test-secret-test-secret-test-secret-0123456789',
    LOG_LEVEL: 'silent',
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

/** Builds an app on a fresh database and closes it when the test ends. */
export async function testApp(
  t: { after: (fn: () => Promise<void>) => void },
  overrides: Partial<Config> = {},
  options: Parameters<typeof buildApp>[1] = {},
): Promise<App> {
  const app = await buildApp(testConfig(overrides), { authenticate: testAuthenticator, ...options })
  t.after(() => app.close())
  return app
}

// ---------------------------------------------------------------------------------------------
// Who is calling. Tests ask for request headers for a customer, staff member or admin.
// INTERIM (until the accounts module lands): an `x-test-actor` header read by a test authenticator.
// The accounts work replaces `headersFor` with a real sign-up + sign-in returning `authorization`.

export type TestRole = 'customer' | 'staff' | 'admin'

export async function headersFor(_app: App, who: { email: string; role?: TestRole }): Promise<Record<string, string>> {
  const role = who.role ?? 'customer'
  const userId = `usr_${who.email
    .replace(/[^a-z0-9]/gi, '')
    .toLowerCase()
    .slice(0, 30)}`
  return { 'x-test-actor': JSON.stringify({ userId, role }) }
}

export const testAuthenticator: Authenticator = (req) => {
  const raw = req.headers['x-test-actor']
  if (typeof raw !== 'string') return ANONYMOUS
  const { userId, role } = JSON.parse(raw) as { userId: string; role: TestRole }
  return {
    kind: 'user',
    userId,
    customerId: userId,
    role,
    permissions: new Set(ROLE_PERMISSIONS[role]),
    sessionId: null,
    apiKeyId: null,
  }
}
