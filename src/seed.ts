/**
 * Demo data: small, deterministic, for development (`npm start` seeds it on first run) and for
 * benchmarks (`backroom seed --products N`). Each module that owns demo data adds its step here.
 */
import { seedCatalog } from './modules/catalog/demo.ts'
import { seedCheckout } from './modules/checkout/demo.ts'
import type { App } from './platform/http/types.ts'

export interface SeedOptions {
  /** How many products the demo catalog has. */
  products: number
  /** Called as product batches are written (the CLI draws a progress bar). */
  onProgress?: (done: number, total: number) => void
}

export const DEFAULT_SEED: SeedOptions = { products: 200 }

const SEEDED_KEY = 'demo_seeded_at'

/** Whether demo data was ever seeded into this database. */
export async function isSeeded(app: App): Promise<boolean> {
  const row = await app.backroom.database.db
    .selectFrom('app_meta')
    .select('value')
    .where('key', '=', SEEDED_KEY)
    .executeTakeFirst()
  return row !== undefined
}

/** Seeds the demo data set and records that it did. Deterministic: the same options give the same data. */
export async function seedDemoData(
  app: App,
  options: SeedOptions = DEFAULT_SEED,
): Promise<{ products: number; shippingMethods: number; taxRates: number }> {
  const db = app.backroom.database.db
  // Module seed steps go here (catalog, accounts, ...), each deterministic.
  const catalog = await seedCatalog({ db, catalog: app.backroom.catalog }, options.products, options.onProgress)
  await app.backroom.catalog.optimizeSearchIndex()
  const checkout = await seedCheckout(app.backroom.checkoutConfig)
  const now = Date.now()
  await db
    .insertInto('app_meta')
    .values({ key: SEEDED_KEY, value: String(now), updated_at: now })
    .onConflict((oc) => oc.column('key').doUpdateSet({ value: String(now), updated_at: now }))
    .execute()
  return { products: catalog.products, ...checkout }
}
