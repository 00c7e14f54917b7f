/**
 * Webhooks: endpoints and what they subscribe to, the durable outbox of deliveries (written in the
 * transaction of the change they announce), and a log of every attempt.
 */
import { type Kysely, sql } from 'kysely'
import { dialectOf, type Migrations } from '../../platform/db/migrate.ts'

export const webhookMigrations: Migrations = {
  '0400_webhooks': {
    async up(db: Kysely<any>) {
      await db.schema
        .createTable('webhook_endpoint')
        .addColumn('id', 'varchar(40)', (c) => c.primaryKey())
        .addColumn('url', 'varchar(2048)', (c) => c.notNull())
        .addColumn('description', 'varchar(200)')
        .addColumn('secret_sealed', 'text', (c) => c.notNull())
        .addColumn('enabled', 'integer', (c) => c.notNull())
        .addColumn('consecutive_failures', 'integer', (c) => c.notNull().defaultTo(0))
        // Added by 0341_webhook_failing_since on databases created before it (see there).
        .addColumn('failing_since', 'bigint')
        .addColumn('disabled_reason', 'varchar(200)')
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .addColumn('updated_at', 'bigint', (c) => c.notNull())
        .execute()
      await db.schema
        .createTable('webhook_subscription')
        .addColumn('endpoint_id', 'varchar(40)', (c) =>
          c.notNull().references('webhook_endpoint.id').onDelete('cascade'),
        )
        .addColumn('event_type', 'varchar(40)', (c) => c.notNull())
        .addPrimaryKeyConstraint('webhook_subscription_pk', ['event_type', 'endpoint_id'])
        .execute()
      await db.schema
        .createTable('webhook_delivery')
        .addColumn('id', 'varchar(40)', (c) => c.primaryKey())
        .addColumn('endpoint_id', 'varchar(40)', (c) =>
          c.notNull().references('webhook_endpoint.id').onDelete('cascade'),
        )
        .addColumn('event_id', 'varchar(40)', (c) => c.notNull())
        .addColumn('event_type', 'varchar(40)', (c) => c.notNull())
        .addColumn('body', 'text', (c) => c.notNull())
        .addColumn('status', 'varchar(12)', (c) => c.notNull())
        .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('next_attempt_at', 'bigint', (c) => c.notNull())
        .addColumn('claim_token', 'varchar(40)')
        .addColumn('last_status_code', 'integer')
        .addColumn('last_error', 'varchar(500)')
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .addColumn('completed_at', 'bigint')
        .execute()
      // The dispatcher's scan: due pending deliveries, oldest first.
      await db.schema
        .createIndex('webhook_delivery_due_idx')
        .on('webhook_delivery')
        .columns(['status', 'next_attempt_at'])
        .execute()
      await db.schema
        .createIndex('webhook_delivery_endpoint_idx')
        .on('webhook_delivery')
        .columns(['endpoint_id', 'id'])
        .execute()
      await db.schema.createIndex('webhook_delivery_claim_idx').on('webhook_delivery').column('claim_token').execute()
      await db.schema
        .createTable('webhook_attempt')
        .addColumn('id', 'varchar(40)', (c) => c.primaryKey())
        .addColumn('delivery_id', 'varchar(40)', (c) =>
          c.notNull().references('webhook_delivery.id').onDelete('cascade'),
        )
        .addColumn('endpoint_id', 'varchar(40)', (c) =>
          c.notNull().references('webhook_endpoint.id').onDelete('cascade'),
        )
        .addColumn('attempt', 'integer', (c) => c.notNull())
        .addColumn('started_at', 'bigint', (c) => c.notNull())
        .addColumn('duration_ms', 'integer', (c) => c.notNull())
        .addColumn('status_code', 'integer')
        .addColumn('error', 'varchar(500)')
        .addColumn('ok', 'integer', (c) => c.notNull())
        .execute()
      await db.schema
        .createIndex('webhook_attempt_endpoint_idx')
        .on('webhook_attempt')
        .columns(['endpoint_id', 'id'])
        .execute()
      await db.schema.createIndex('webhook_attempt_delivery_idx').on('webhook_attempt').column('delivery_id').execute()
    },
    async down(db: Kysely<any>) {
      for (const table of ['webhook_attempt', 'webhook_delivery', 'webhook_subscription', 'webhook_endpoint']) {
        await db.schema.dropTable(table).execute()
      }
    },
  },
  '0500_webhook_delivery_subjects': {
    async up(db: Kysely<any>) {
      await db.schema.alterTable('webhook_delivery').addColumn('subjects', 'varchar(200)').execute()
      // The retention purge: finished deliveries by completion time.
      await db.schema
        .createIndex('webhook_delivery_completed_idx')
        .on('webhook_delivery')
        .column('completed_at')
        .execute()
    },
    async down(db: Kysely<any>) {
      await db.schema.dropIndex('webhook_delivery_completed_idx').execute()
      await db.schema.alterTable('webhook_delivery').dropColumn('subjects').execute()
    },
  },
  // Disable on time failing, not on a count (issue 12): when the current run of failures began. The
  // number sorts before 0400_webhooks, so on a fresh database this runs first and finds no table (0400
  // then creates the column); on a database that already has the table it adds the column.
  '0341_webhook_failing_since': {
    async up(db: Kysely<any>) {
      // Catalog reads, not Kysely's introspection (which scans every schema, docs in platform/db/migrate.ts).
      const { rows } =
        dialectOf(db) === 'postgres'
          ? await sql<{ name: string }>`select column_name as name from information_schema.columns
              where table_schema = current_schema() and table_name = 'webhook_endpoint'`.execute(db)
          : await sql<{ name: string }>`select name from pragma_table_info('webhook_endpoint')`.execute(db)
      if (rows.length === 0 || rows.some((r) => r.name === 'failing_since')) return
      await db.schema.alterTable('webhook_endpoint').addColumn('failing_since', 'bigint').execute()
    },
    async down(db: Kysely<any>) {
      await db.schema.alterTable('webhook_endpoint').dropColumn('failing_since').execute()
    },
  },
}
