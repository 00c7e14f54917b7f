/**
 * Every migration of every module, in run order. A module adds its own `migrations.ts` here; names are
 * prefixed so they sort in order (platform 0000, accounts 0100, catalog 0200, checkout 0300, insights 0400).
 * A module's next migration takes its own next number; the migrator runs any not yet applied, even if it
 * sorts before another module's applied ones (allowUnorderedMigrations).
 */

import { accountsMigrations } from './modules/accounts/migrations.ts'
import { addressMigrations } from './modules/addresses/migrations.ts'
import { cartMigrations } from './modules/carts/migrations.ts'
import { catalogMigrations } from './modules/catalog/migrations.ts'
import { checkoutMigrations } from './modules/checkout/migrations.ts'
import { insightsMigrations } from './modules/insights/migrations.ts'
import { mailMigrations } from './modules/mail/migrations.ts'
import { orderMigrations } from './modules/orders/migrations.ts'
import { paymentMigrations } from './modules/payments/migrations.ts'
import { salesMigrations } from './modules/sales/migrations.ts'
import { webhookMigrations } from './modules/webhooks/migrations.ts'
import { changeSignalMigrations } from './platform/db/change-signal.ts'
import { jobLockMigrations } from './platform/db/job-lock.ts'
import type { Migrations } from './platform/db/migrate.ts'
import { platformMigrations } from './platform/db/migrations.ts'
import { writeBatchMigrations } from './platform/db/write-batch.ts'
import { idempotencyMigrations } from './platform/http/idempotency.ts'

export const migrations: Migrations = {
  ...platformMigrations,
  ...changeSignalMigrations,
  ...writeBatchMigrations,
  ...catalogMigrations,
  ...idempotencyMigrations,
  ...addressMigrations,
  ...paymentMigrations,
  ...checkoutMigrations,
  ...cartMigrations,
  ...orderMigrations,
  ...accountsMigrations,
  ...mailMigrations,
  ...insightsMigrations,
  ...jobLockMigrations,
  ...salesMigrations,
  ...webhookMigrations,
}
