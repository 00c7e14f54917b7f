import assert from 'node:assert/strict'
import { test } from 'node:test'
import { ConfigError, loadConfig } from '../../src/platform/config.ts'

test('defaults need no configuration at all', () => {
  const config = loadConfig({})
  assert.equal(config.port, 3000)
  assert.equal(config.database.kind, 'sqlite')
  assert.equal(config.database.sqlitePath, './data/backroom.db')
  assert.equal(config.database.migrateOnStart, true)
  assert.equal(config.env, 'development')
  assert.ok(config.secret.length >= 32)
  assert.equal(config.catalogCacheBytes, 32 * 1_048_576)
  assert.equal(loadConfig({ CATALOG_CACHE_MB: '0' }).catalogCacheBytes, 0)
})

test('PostgreSQL is chosen by DATABASE_URL, with an optional schema', () => {
  const config = loadConfig({ DATABASE_URL: 'postgres://u:p@db.internal:5432/shop?schema=shop_eu' })
  assert.equal(config.database.kind, 'postgres')
  assert.equal(config.database.schema, 'shop_eu')
  assert.equal(config.database.url, 'postgres://u:p@db.internal:5432/shop')
})

test('a bad value names its variable', () => {
  const cases: [Record<string, string>, string][] = [
    [{ PORT: 'eighty' }, 'PORT'],
    [{ PORT: '70000' }, 'PORT'],
    [{ DATABASE_URL: 'mysql://x' }, 'DATABASE_URL'],
    [{ DATABASE_URL: 'postgres://h/db?schema=Bad-Name' }, 'DATABASE_URL'],
    [{ LOG_LEVEL: 'loud' }, 'LOG_LEVEL'],
    [{ NODE_ENV: 'staging' }, 'NODE_ENV'],
    [{ RATE_LIMIT_ENABLED: 'maybe' }, 'RATE_LIMIT_ENABLED'],
    [{ CORS_ORIGINS: 'https://shop.example, not an origin' }, 'CORS_ORIGINS'],
    [{ REDIS_URL: 'http://cache' }, 'REDIS_URL'],
    [{ PUBLIC_URL: 'ftp://x' }, 'PUBLIC_URL'],
    [{ BACKROOM_SECRET: 'short' }, 'BACKROOM_SECRET'],
    [{ CATALOG_CACHE_MB: '-1' }, 'CATALOG_CACHE_MB'],
    [{ CATALOG_CACHE_MB: 'lots' }, 'CATALOG_CACHE_MB'],
    [{ PAYMENT_TEST_LATENCY_MS: '-5' }, 'PAYMENT_TEST_LATENCY_MS'],
    [{ PAYMENT_TEST_LATENCY_MS: 'slow' }, 'PAYMENT_TEST_LATENCY_MS'],
    [{ NODE_ENV: 'production' }, 'BACKROOM_SECRET'],
  ]
  for (const [env, variable] of cases) {
    assert.throws(
      () => loadConfig(env),
      (error: unknown) =>
        error instanceof ConfigError && error.variable === variable && error.message.includes(variable),
      `${JSON.stringify(env)} should name ${variable}`,
    )
  }
})

test('PAYMENT_TEST_LATENCY_MS: 0 by default, whole milliseconds up to a minute', () => {
  assert.equal(loadConfig({}).payments.testLatencyMs, 0)
  assert.equal(loadConfig({ PAYMENT_TEST_LATENCY_MS: '400' }).payments.testLatencyMs, 400)
})
