/**
 * The event log: appended, never updated. Columns the reports filter or group on are extracted from
 * the event (`product_id`, `query`, `result_count`); the rest stays in `properties` (JSON text).
 * Indexes follow the reports: volume and the export scan (occurred_at, type, id); the funnel reads
 * (type, occurred_at, anonymous_id) without touching the table; zero-result searches have a partial one.
 */
import { type Kysely, sql } from 'kysely'
import type { Migrations } from '../../platform/db/migrate.ts'
import { clustered, rebuildEventRollups, rebuildFunnelFrom } from './rollup-store.ts'

export const insightsMigrations: Migrations = {
  '0400_insights_events': {
    async up(db: Kysely<any>) {
      await db.schema
        .createTable('event')
        .addColumn('id', 'varchar(40)', (c) => c.primaryKey())
        .addColumn('type', 'varchar(32)', (c) => c.notNull())
        .addColumn('anonymous_id', 'varchar(64)', (c) => c.notNull())
        .addColumn('customer_id', 'varchar(60)')
        .addColumn('source', 'varchar(8)', (c) => c.notNull())
        .addColumn('occurred_at', 'bigint', (c) => c.notNull())
        .addColumn('received_at', 'bigint', (c) => c.notNull())
        .addColumn('product_id', 'varchar(60)')
        .addColumn('query', 'varchar(200)')
        .addColumn('result_count', 'integer')
        .addColumn('properties', 'text', (c) => c.notNull())
        .execute()
      await db.schema.createIndex('event_time_idx').on('event').columns(['occurred_at', 'type', 'id']).execute()
      await db.schema
        .createIndex('event_funnel_idx')
        .on('event')
        .columns(['type', 'occurred_at', 'anonymous_id'])
        .execute()
      await db.schema
        .createIndex('event_zero_search_idx')
        .on('event')
        .columns(['occurred_at', 'query'])
        .where(sql.ref('result_count'), '=', 0)
        .execute()
      // Personal-data download and erasure (issue 6.4) find a customer's events by this.
      await db.schema
        .createIndex('event_customer_idx')
        .on('event')
        .column('customer_id')
        .where('customer_id', 'is not', null)
        .execute()
    },
    async down(db: Kysely<any>) {
      await db.schema.dropTable('event').execute()
    },
  },
  /**
   * Per-day rollups the reports read (docs/INSIGHTS.md, "Rollups"), filled from the events already
   * stored. The backfill is the same SQL as `rebuildEventRollups` today; a later change to the
   * rollups' shape brings its own migration.
   */
  '0411_insights_rollups': {
    async up(db: Kysely<any>) {
      await db.schema
        .createTable('event_rollup_pending')
        .addColumn('event_id', 'varchar(40)', (c) => c.primaryKey())
        .execute()
      await db.schema
        .createTable('event_volume_day')
        .addColumn('day', 'integer', (c) => c.notNull())
        .addColumn('type', 'varchar(32)', (c) => c.notNull())
        .addColumn('events', 'bigint', (c) => c.notNull())
        .addPrimaryKeyConstraint('event_volume_day_pk', ['day', 'type'])
        .$call(clustered(db))
        .execute()
      await db.schema
        .createTable('search_zero_day')
        .addColumn('day', 'integer', (c) => c.notNull())
        .addColumn('query', 'varchar(200)', (c) => c.notNull())
        .addColumn('searches', 'bigint', (c) => c.notNull())
        .addColumn('last_seen_at', 'bigint', (c) => c.notNull())
        .addPrimaryKeyConstraint('search_zero_day_pk', ['day', 'query'])
        .$call(clustered(db))
        .execute()
      await db.schema
        .createTable('funnel_visit')
        .addColumn('anonymous_id', 'varchar(64)', (c) => c.notNull())
        .addColumn('day', 'integer', (c) => c.notNull())
        .addColumn('steps', 'integer', (c) => c.notNull())
        .addPrimaryKeyConstraint('funnel_visit_pk', ['anonymous_id', 'day'])
        .$call(clustered(db))
        .execute()
      await db.schema
        .createTable('funnel_span')
        .addColumn('day', 'integer', (c) => c.notNull())
        .addColumn('steps', 'integer', (c) => c.notNull())
        .addColumn('prev', 'integer', (c) => c.notNull())
        .addColumn('visitors', 'bigint', (c) => c.notNull())
        .addPrimaryKeyConstraint('funnel_span_pk', ['day', 'steps', 'prev'])
        .$call(clustered(db))
        .execute()
      await rebuildEventRollups(db, { funnelFrom: false })
    },
    async down(db: Kysely<any>) {
      for (const table of [
        'funnel_span',
        'funnel_visit',
        'search_zero_day',
        'event_volume_day',
        'event_rollup_pending',
      ]) {
        await db.schema.dropTable(table).execute()
      }
    },
  },
  /**
   * Accounts whose events were unlinked by an erasure: events still waiting in a node's buffer
   * (event-buffer.ts) are written without the customer when it is listed here.
   */
  '0605_insights_event_erasure': {
    async up(db: Kysely<any>) {
      await db.schema
        .createTable('event_erasure')
        .addColumn('customer_id', 'varchar(60)', (c) => c.primaryKey())
        .addColumn('erased_at', 'bigint', (c) => c.notNull())
        .execute()
    },
    async down(db: Kysely<any>) {
      await db.schema.dropTable('event_erasure').execute()
    },
  },
  /**
   * `funnel_visit` is pruned by day (rollups.ts, pruneVisits): an index on the day, so the hourly delete
   * finds the old rows without scanning every visitor.
   */
  '0710_insights_funnel_visit_day': {
    async up(db: Kysely<any>) {
      await db.schema.createIndex('funnel_visit_day_idx').on('funnel_visit').column('day').execute()
    },
    async down(db: Kysely<any>) {
      await db.schema.dropIndex('funnel_visit_day_idx').execute()
    },
  },
  /**
   * The funnel over any range reads one contiguous run of rows per step subset (funnel-spans.ts,
   * fromCounts) instead of every previous day of every day in the range; filled from `funnel_span`.
   */
  '0711_insights_funnel_from': {
    async up(db: Kysely<any>) {
      await db.schema
        .createTable('funnel_from')
        .addColumn('start', 'integer', (c) => c.notNull())
        .addColumn('steps', 'integer', (c) => c.notNull())
        .addColumn('day', 'integer', (c) => c.notNull())
        .addColumn('visitors', 'bigint', (c) => c.notNull())
        .addPrimaryKeyConstraint('funnel_from_pk', ['start', 'steps', 'day'])
        .$call(clustered(db))
        .execute()
      await rebuildFunnelFrom(db)
    },
    async down(db: Kysely<any>) {
      await db.schema.dropTable('funnel_from').execute()
    },
  },
}
