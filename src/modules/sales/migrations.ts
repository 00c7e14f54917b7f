/**
 * The sales rollups (docs/INSIGHTS.md, "Rollups"), filled from the orders already stored by the last
 * migration that changes their shape (`rebuildSalesRollups`, today's code: an earlier migration cannot
 * call it, since it writes tables that did not exist yet).
 */
import type { Kysely } from 'kysely'
import type { Migrations } from '../../platform/db/migrate.ts'
import { clustered } from '../insights/rollup-store.ts'
import { rebuildSalesRollups } from './rollup-store.ts'

export const salesMigrations: Migrations = {
  '0412_sales_rollups': {
    async up(db: Kysely<any>) {
      await db.schema
        .createTable('sales_rollup_pending')
        .addColumn('id', 'varchar(40)', (c) => c.primaryKey())
        .addColumn('order_id', 'varchar(64)', (c) => c.notNull())
        .execute()
      await db.schema
        .createTable('sales_order_rollup')
        .addColumn('order_id', 'varchar(64)', (c) => c.primaryKey())
        .addColumn('day', 'integer', (c) => c.notNull())
        .addColumn('currency', 'char(3)', (c) => c.notNull())
        .addColumn('sold', 'integer', (c) => c.notNull())
        .addColumn('revenue', 'bigint', (c) => c.notNull())
        .addColumn('refunded', 'bigint', (c) => c.notNull())
        .execute()
      await db.schema
        .createTable('sales_day')
        .addColumn('day', 'integer', (c) => c.notNull())
        .addColumn('currency', 'char(3)', (c) => c.notNull())
        .addColumn('orders', 'bigint', (c) => c.notNull())
        .addColumn('revenue', 'bigint', (c) => c.notNull())
        .addColumn('refunded', 'bigint', (c) => c.notNull())
        .addPrimaryKeyConstraint('sales_day_pk', ['day', 'currency'])
        .$call(clustered(db))
        .execute()
      await createProductSalesCum(db)
      // Filled by 0603 (below), which rebuilds every sales rollup.
    },
    async down(db: Kysely<any>) {
      for (const table of ['product_sales_cum', 'sales_day', 'sales_order_rollup', 'sales_rollup_pending']) {
        await db.schema.dropTable(table).execute()
      }
    },
  },
  /** Top products: running totals kept over each product's span of sales only (product_sales_total). */
  '0603_product_sales_spans': {
    async up(db: Kysely<any>) {
      await createProductSalesTotal(db)
      // Filled by 0604 (below), which replaces these tables and rebuilds every sales rollup.
    },
    async down(db: Kysely<any>) {
      await db.schema.dropTable('product_sales_total').execute()
    },
  },
  /**
   * Top products from days with a sale only (docs/INSIGHTS.md, "Rollups"): a product id per currency
   * and SKU, one row per product and day it sold (linked to its previous and next such day, with running
   * totals), titles kept apart. Replaces the dense per-day running totals of 0412/0603 and rebuilds
   * every sales rollup from the orders (run it with order writes stopped, like every rebuild; changes
   * queued before it are folded by the next catch-up, as always).
   */
  '0604_product_sales_days': {
    async up(db: Kysely<any>) {
      await db.schema.dropTable('product_sales_cum').execute()
      await db.schema.dropTable('product_sales_total').execute()
      await db.schema
        .createTable('sales_product')
        .addColumn('id', 'integer', (c) => c.primaryKey())
        .addColumn('currency', 'char(3)', (c) => c.notNull())
        .addColumn('sku', 'varchar(100)', (c) => c.notNull())
        .addColumn('last_day', 'integer', (c) => c.notNull())
        .addColumn('lines', 'bigint', (c) => c.notNull())
        .addColumn('units', 'bigint', (c) => c.notNull())
        .addColumn('revenue', 'bigint', (c) => c.notNull())
        .addUniqueConstraint('sales_product_key', ['sku', 'currency'])
        .execute()
      await db.schema
        .createTable('product_sales_day')
        .addColumn('product_id', 'integer', (c) => c.notNull())
        .addColumn('day', 'integer', (c) => c.notNull())
        .addColumn('prev_day', 'integer', (c) => c.notNull())
        .addColumn('next_day', 'integer', (c) => c.notNull())
        .addColumn('lines', 'bigint', (c) => c.notNull())
        .addColumn('units', 'bigint', (c) => c.notNull())
        .addColumn('revenue', 'bigint', (c) => c.notNull())
        .addColumn('cum_lines', 'bigint', (c) => c.notNull())
        .addColumn('cum_units', 'bigint', (c) => c.notNull())
        .addColumn('cum_revenue', 'bigint', (c) => c.notNull())
        .addPrimaryKeyConstraint('product_sales_day_pk', ['product_id', 'day'])
        .$call(clustered(db))
        .execute()
      // The report's two reads, answered from the index alone (every column it reads is in it).
      await db.schema
        .createIndex('product_sales_day_last')
        .on('product_sales_day')
        .columns(['day', 'next_day', 'product_id', 'cum_units', 'cum_revenue'])
        .execute()
      await db.schema
        .createIndex('product_sales_day_first')
        .on('product_sales_day')
        .columns(['day', 'prev_day', 'product_id', 'units', 'cum_units', 'revenue', 'cum_revenue'])
        .execute()
      await db.schema
        .createTable('sales_product_title')
        .addColumn('product_id', 'integer', (c) => c.notNull())
        .addColumn('title', 'varchar(500)', (c) => c.notNull())
        .addPrimaryKeyConstraint('sales_product_title_pk', ['product_id', 'title'])
        .$call(clustered(db))
        .execute()
      await db.schema
        .createTable('product_title_day')
        .addColumn('product_id', 'integer', (c) => c.notNull())
        .addColumn('title', 'varchar(500)', (c) => c.notNull())
        .addColumn('day', 'integer', (c) => c.notNull())
        .addColumn('lines', 'bigint', (c) => c.notNull())
        .addPrimaryKeyConstraint('product_title_day_pk', ['product_id', 'title', 'day'])
        .$call(clustered(db))
        .execute()
      await rebuildSalesRollups(db)
    },
    async down(db: Kysely<any>) {
      for (const table of ['product_title_day', 'sales_product_title', 'product_sales_day', 'sales_product']) {
        await db.schema.dropTable(table).execute()
      }
      // 0603's and 0412's tables, empty (run 0603's rebuild of an older release to fill them).
      await createProductSalesCum(db)
      await createProductSalesTotal(db)
    },
  },
}

/** 0412's dense per-day running totals per product (retired by 0604; its `down` makes them again, empty). */
async function createProductSalesCum(db: Kysely<any>) {
  await db.schema
    .createTable('product_sales_cum')
    .addColumn('day', 'integer', (c) => c.notNull())
    .addColumn('currency', 'char(3)', (c) => c.notNull())
    .addColumn('sku', 'varchar(100)', (c) => c.notNull())
    .addColumn('title', 'varchar(500)', (c) => c.notNull())
    .addColumn('lines', 'bigint', (c) => c.notNull())
    .addColumn('units', 'bigint', (c) => c.notNull())
    .addColumn('revenue', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('product_sales_cum_pk', ['day', 'currency', 'sku', 'title'])
    .$call(clustered(db))
    .execute()
  await db.schema
    .createIndex('product_sales_cum_key')
    .on('product_sales_cum')
    .columns(['sku', 'currency', 'title', 'day'])
    .execute()
}

/** 0603's running totals over each product's span of sales (retired by 0604, as above). */
async function createProductSalesTotal(db: Kysely<any>) {
  await db.schema
    .createTable('product_sales_total')
    .addColumn('currency', 'char(3)', (c) => c.notNull())
    .addColumn('sku', 'varchar(100)', (c) => c.notNull())
    .addColumn('title', 'varchar(500)', (c) => c.notNull())
    .addColumn('first_day', 'integer', (c) => c.notNull())
    .addColumn('last_day', 'integer', (c) => c.notNull())
    .addColumn('lines', 'bigint', (c) => c.notNull())
    .addColumn('units', 'bigint', (c) => c.notNull())
    .addColumn('revenue', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('product_sales_total_pk', ['currency', 'sku', 'title'])
    .execute()
  await db.schema.createIndex('product_sales_total_last_day').on('product_sales_total').column('last_day').execute()
}
