/**
 * Every migration of every module, in run order. A module adds its own `migrations.ts` here; names are
 * prefixed so they sort in order (platform 0000, accounts 0100, catalog 0200, checkout 0300, insights 0400).
 */

import { insightsMigrations } from './modules/insights/migrations.ts'
import { webhookMigrations } from './modules/webhooks/migrations.ts'
import type { Migrations } from './platform/db/migrate.ts'
import { platformMigrations } from './platform/db/migrations.ts'

export const migrations: Migrations = {
  ...platformMigrations,
  ...insightsMigrations,
  ...webhookMigrations,
}
