/**
 * The one Database type: every module's tables, combined. A module declares its table interfaces
 * in its own store.ts and adds them here. Conventions (docs/ARCHITECTURE.md):
 * - ids are text (`newId('prod')`), timestamps are integer epoch milliseconds (UTC),
 * - money is an integer in minor units beside a `currency` column, booleans are integers 0/1,
 * - JSON documents are text columns holding JSON.
 */
import type { Kysely } from 'kysely'
import type { EventTable } from '../../modules/insights/store.ts'
import type {
  WebhookAttemptTable,
  WebhookDeliveryTable,
  WebhookEndpointTable,
  WebhookSubscriptionTable,
} from '../../modules/webhooks/store.ts'
import type { AppMetaTable } from './migrations.ts'

export interface Database {
  app_meta: AppMetaTable
  event: EventTable
  webhook_endpoint: WebhookEndpointTable
  webhook_subscription: WebhookSubscriptionTable
  webhook_delivery: WebhookDeliveryTable
  webhook_attempt: WebhookAttemptTable
}

/** A Kysely handle: the app's database or a transaction inside it (a Transaction is a Kysely). */
export type Db = Kysely<Database>

export type Dialect = 'sqlite' | 'postgres'
