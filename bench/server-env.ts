/**
 * The environment a benchmarked server (`src/main.ts` in a child process) runs with: production mode,
 * no rate limits, no demo seed, no background dispatchers. Production refuses to start without real
 * keys and a real payment provider; the benchmarked routes use neither, so well-formed placeholders do
 * (no network call is made at start). Shared by bench/run.ts, concurrency.ts and cpu-per-request.ts.
 */
import { randomBytes } from 'node:crypto'

export function benchServerEnv(databaseUrl: string): Record<string, string> {
  return {
    DATABASE_URL: databaseUrl,
    LOG_LEVEL: 'warn',
    RATE_LIMIT_ENABLED: 'false',
    SEED_DEMO_DATA: 'false',
    NODE_ENV: 'production',
    BACKROOM_SECRET: 'bench-secret-bench-secret-bench-secret-0123',
    ENCRYPTION_KEYS: `bench:${randomBytes(32).toString('base64')}`,
    PAYMENT_PROVIDER: 'stripe',
    STRIPE_SECRET_KEY: 'sk_test_benchplaceholder',
    STRIPE_WEBHOOK_SECRET: 'whsec_benchplaceholder',
    WEBHOOK_DISPATCH_INTERVAL_MS: '0',
    MAIL_DISPATCH_INTERVAL_MS: '0',
    DATABASE_POOL_SIZE: '16',
  }
}

/**
 * Waits until the server at `port` answers search misses from its per-node text index: its
 * `catalog_search_index_bytes` gauge is above 0 (a search starts the build; `searchPath()` gives one).
 * Returns at once for a server without the gauge; gives up after about a minute.
 */
export async function waitForSearchIndex(port: number, searchPath: () => string): Promise<void> {
  for (let i = 0; i < 300; i++) {
    const text = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text().catch(() => '')
    const bytes = /^catalog_search_index_bytes (\S+)$/m.exec(text)?.[1]
    if (bytes === undefined || Number(bytes) > 0) return
    await fetch(`http://127.0.0.1:${port}${searchPath()}`)
    await new Promise((r) => setTimeout(r, 200))
  }
}

/**
 * The configuration of an app built in the bench's own process (search-miss.ts, search-index-memory.ts):
 * no result cache (every search is a miss), no rate limits, no background timers, migrated on start.
 */
export function inProcessSearchEnv(databaseUrl: string): Record<string, string> {
  return {
    DATABASE_URL: databaseUrl,
    LOG_LEVEL: 'warn',
    RATE_LIMIT_ENABLED: 'false',
    SEED_DEMO_DATA: 'false',
    SEARCH_CACHE_MB: '0',
    MIGRATE_ON_START: 'true',
    BACKROOM_SECRET: 'bench-secret-bench-secret-bench-secret-0123',
    ENCRYPTION_KEYS: `bench:${randomBytes(32).toString('base64')}`,
    WEBHOOK_DISPATCH_INTERVAL_MS: '0',
    MAIL_DISPATCH_INTERVAL_MS: '0',
    ROLLUP_INTERVAL_MS: '0',
    MAX_EVENT_LOOP_DELAY_MS: '0',
  }
}
