/**
 * Test helpers. `testConfig()` gives a fresh database per app: an in-memory SQLite by default, or a
 * throw-away schema in the PostgreSQL named by DATABASE_URL (dropped when the app closes).
 */
import { randomBytes } from 'node:crypto'
import { Writable } from 'node:stream'
import { buildApp } from '../src/app.ts'
import { type Config, loadConfig } from '../src/platform/config.ts'
import type { App } from '../src/platform/http/types.ts'

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
  const app = await buildApp(testConfig(overrides), options)
  t.after(() => app.close())
  return app
}
