import assert from 'node:assert/strict'
import { availableParallelism } from 'node:os'
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
  assert.equal(config.searchCacheBytes, 16 * 1_048_576)
  assert.equal(loadConfig({ SEARCH_CACHE_MB: '0' }).searchCacheBytes, 0)
  assert.throws(() => loadConfig({ SEARCH_CACHE_MB: '-1' }), { name: 'ConfigError' })
  assert.throws(() => loadConfig({ SEARCH_CACHE_MB: 'lots' }), { name: 'ConfigError' })
  assert.equal(config.webhooks.disableAfterMs, 24 * 3_600_000)
  assert.equal(loadConfig({ WEBHOOK_DISABLE_AFTER_HOURS: '6' }).webhooks.disableAfterMs, 6 * 3_600_000)
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
    [{ WEBHOOK_DISABLE_AFTER_HOURS: '0' }, 'WEBHOOK_DISABLE_AFTER_HOURS'],
    [{ WEBHOOK_DISABLE_AFTER_HOURS: 'a day' }, 'WEBHOOK_DISABLE_AFTER_HOURS'],
    // Replaced by WEBHOOK_DISABLE_AFTER_HOURS (issue 12): refused, not silently ignored.
    [{ WEBHOOK_DISABLE_AFTER_FAILURES: '20' }, 'WEBHOOK_DISABLE_AFTER_FAILURES'],
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

test('WEB_CONCURRENCY: one process outside production, one per core in production; load shedding knobs', () => {
  assert.equal(loadConfig({}).processes, 1)
  assert.equal(loadConfig({ WEB_CONCURRENCY: '3' }).processes, 3)
  assert.throws(() => loadConfig({ WEB_CONCURRENCY: '0' }), /WEB_CONCURRENCY/)
  const production = loadConfig({
    NODE_ENV: 'production',
    BACKROOM_SECRET: 'x'.repeat(40),
    ENCRYPTION_KEYS: `k1:${Buffer.alloc(32, 1).toString('base64')}`,
    PAYMENT_PROVIDER: 'stripe',
    STRIPE_SECRET_KEY: 'sk_test_abcdefgh12',
    STRIPE_WEBHOOK_SECRET: 'whsec_abcdefgh12',
  })
  assert.equal(production.processes, availableParallelism())
  assert.deepEqual(loadConfig({}).load, { maxHeavyReads: 2, maxEventLoopDelayMs: 1000 })
  assert.equal(loadConfig({ NODE_ENV: 'test' }).load.maxEventLoopDelayMs, 0)
  assert.equal(loadConfig({ HEAVY_READS_MAX: '5' }).load.maxHeavyReads, 5)
})

test('PAYMENT_TEST_LATENCY_MS: 0 by default, whole milliseconds up to a minute', () => {
  assert.equal(loadConfig({}).payments.testLatencyMs, 0)
  assert.equal(loadConfig({ PAYMENT_TEST_LATENCY_MS: '400' }).payments.testLatencyMs, 400)
})

test('the search event buffer: written every 200 ms (only on demand in tests), 500 at once, 20,000 waiting at most', () => {
  assert.deepEqual(loadConfig({}).eventBuffer, { intervalMs: 200, batch: 500, max: 20_000 })
  assert.equal(loadConfig({ NODE_ENV: 'test' }).eventBuffer.intervalMs, 0)
  const tuned = loadConfig({ EVENT_FLUSH_INTERVAL_MS: '1000', EVENT_FLUSH_BATCH: '50', EVENT_BUFFER_MAX: '100' })
  assert.deepEqual(tuned.eventBuffer, { intervalMs: 1000, batch: 50, max: 100 })
  assert.throws(() => loadConfig({ EVENT_BUFFER_MAX: '0' }), /EVENT_BUFFER_MAX/)
  assert.throws(() => loadConfig({ EVENT_FLUSH_INTERVAL_MS: 'soon' }), /EVENT_FLUSH_INTERVAL_MS/)
})
