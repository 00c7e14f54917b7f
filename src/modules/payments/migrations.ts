/** Payments (one per order attempt), their ledger of provider operations, and test-card tokens. */
import { type Kysely, sql } from 'kysely'
import type { Migrations } from '../../platform/db/migrate.ts'

export const paymentMigrations: Migrations = {
  '0302_payments': {
    async up(db: Kysely<any>) {
      await db.schema
        .createTable('payment')
        .addColumn('id', 'varchar(60)', (c) => c.primaryKey())
        .addColumn('provider', 'varchar(20)', (c) => c.notNull())
        .addColumn('reference', 'varchar(255)')
        .addColumn('status', 'varchar(24)', (c) => c.notNull())
        .addColumn('currency', 'char(3)', (c) => c.notNull())
        .addColumn('amount', 'bigint', (c) => c.notNull())
        .addColumn('amount_captured', 'bigint', (c) => c.notNull().defaultTo(0))
        .addColumn('amount_refunded', 'bigint', (c) => c.notNull().defaultTo(0))
        .addColumn('customer_id', 'varchar(60)')
        .addColumn('order_id', 'varchar(60)')
        .addColumn('card_brand', 'varchar(20)')
        .addColumn('card_last4', 'char(4)')
        .addColumn('failure_code', 'varchar(60)')
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .addColumn('updated_at', 'bigint', (c) => c.notNull())
        // The invariant the refund statement keeps, also stated to the database.
        .addCheckConstraint(
          'payment_amounts',
          sql`amount_refunded >= 0 and amount_refunded <= amount_captured and amount_captured <= amount`,
        )
        .execute()
      await db.schema.createIndex('payment_reference').on('payment').columns(['provider', 'reference']).execute()
      await db.schema.createIndex('payment_order').on('payment').columns(['order_id']).execute()

      await db.schema
        .createTable('payment_transaction')
        .addColumn('id', 'varchar(60)', (c) => c.primaryKey())
        .addColumn('payment_id', 'varchar(60)', (c) => c.notNull().references('payment.id'))
        .addColumn('kind', 'varchar(16)', (c) => c.notNull())
        .addColumn('amount', 'bigint', (c) => c.notNull())
        .addColumn('reference', 'varchar(255)')
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .execute()
      await db.schema
        .createIndex('payment_transaction_payment')
        .on('payment_transaction')
        .columns(['payment_id'])
        .execute()

      // Test provider only: what a tokenized card leaves behind. Never the number or the CVC.
      await db.schema
        .createTable('payment_card_token')
        .addColumn('token_hash', 'varchar(64)', (c) => c.primaryKey())
        .addColumn('brand', 'varchar(20)', (c) => c.notNull())
        .addColumn('last4', 'char(4)', (c) => c.notNull())
        .addColumn('exp_month', 'integer', (c) => c.notNull())
        .addColumn('exp_year', 'integer', (c) => c.notNull())
        .addColumn('outcome', 'varchar(32)', (c) => c.notNull())
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .addColumn('used_at', 'bigint')
        .execute()

      // Webhook deliveries already handled (providers retry; an event applies once).
      await db.schema
        .createTable('payment_webhook_event')
        .addColumn('provider', 'varchar(20)', (c) => c.notNull())
        .addColumn('event_id', 'varchar(255)', (c) => c.notNull())
        .addColumn('type', 'varchar(100)', (c) => c.notNull())
        .addColumn('received_at', 'bigint', (c) => c.notNull())
        .addPrimaryKeyConstraint('payment_webhook_event_pk', ['provider', 'event_id'])
        .execute()
    },
    async down(db: Kysely<any>) {
      for (const table of ['payment_webhook_event', 'payment_card_token', 'payment_transaction', 'payment']) {
        await db.schema.dropTable(table).execute()
      }
    },
  },
  // Voids the provider could not make when their order was cancelled, found by the retry sweep.
  '0304_payment_voids': {
    async up(db: Kysely<any>) {
      await db.schema.createIndex('payment_status').on('payment').columns(['status', 'updated_at']).execute()
    },
    async down(db: Kysely<any>) {
      await db.schema.dropIndex('payment_status').execute()
    },
  },
  // Each refund attempt, written with its reservation: the provider's idempotency key is its id, and
  // the retry sweep finds those left pending (a process that stopped, a ledger write that failed).
  '0305_payment_refunds': {
    async up(db: Kysely<any>) {
      await db.schema
        .createTable('payment_refund')
        .addColumn('id', 'varchar(60)', (c) => c.primaryKey())
        .addColumn('payment_id', 'varchar(60)', (c) => c.notNull().references('payment.id'))
        .addColumn('amount', 'bigint', (c) => c.notNull())
        .addColumn('status', 'varchar(16)', (c) => c.notNull())
        .addColumn('reference', 'varchar(255)')
        .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(1))
        .addColumn('next_attempt_at', 'bigint', (c) => c.notNull())
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .addColumn('updated_at', 'bigint', (c) => c.notNull())
        .addCheckConstraint('payment_refund_amount', sql`amount > 0`)
        .execute()
      await db.schema.createIndex('payment_refund_payment').on('payment_refund').columns(['payment_id']).execute()
      await db.schema
        .createIndex('payment_refund_due')
        .on('payment_refund')
        .columns(['status', 'next_attempt_at'])
        .execute()
    },
    async down(db: Kysely<any>) {
      await db.schema.dropTable('payment_refund').execute()
    },
  },
  // The test provider records which authorization used a card token, so the same idempotency key
  // asked again (the checkout sweep) answers the same result instead of authorizing twice.
  '0330_payment_authorization_keys': {
    async up(db: Kysely<any>) {
      await db.schema.alterTable('payment_card_token').addColumn('authorization_key', 'varchar(80)').execute()
      await db.schema.alterTable('payment_card_token').addColumn('authorization_reference', 'varchar(60)').execute()
      await db.schema
        .createIndex('payment_card_token_authorization')
        .on('payment_card_token')
        .columns(['authorization_key'])
        .unique()
        .execute()
    },
    async down(db: Kysely<any>) {
      await db.schema.dropIndex('payment_card_token_authorization').execute()
      await db.schema.alterTable('payment_card_token').dropColumn('authorization_reference').execute()
      await db.schema.alterTable('payment_card_token').dropColumn('authorization_key').execute()
    },
  },
}
