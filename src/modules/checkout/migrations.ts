/** Checkout configuration tables: shipping methods, tax rates, discount codes and their usage. */
import { type Kysely, sql } from 'kysely'
import type { Migrations } from '../../platform/db/migrate.ts'

export const checkoutMigrations: Migrations = {
  '0303_checkout_pricing': {
    async up(db: Kysely<any>) {
      await db.schema
        .createTable('shipping_method')
        .addColumn('id', 'varchar(60)', (c) => c.primaryKey())
        .addColumn('name', 'varchar(100)', (c) => c.notNull())
        .addColumn('currency', 'char(3)', (c) => c.notNull())
        .addColumn('country', 'char(2)', (c) => c.notNull())
        .addColumn('region', 'varchar(10)')
        .addColumn('kind', 'varchar(10)', (c) => c.notNull())
        .addColumn('flat_amount', 'bigint')
        .addColumn('weight_tiers', 'text')
        .addColumn('free_over', 'bigint')
        .addColumn('active', 'integer', (c) => c.notNull())
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .addColumn('updated_at', 'bigint', (c) => c.notNull())
        .execute()
      await db.schema.createIndex('shipping_method_country').on('shipping_method').columns(['country']).execute()

      await db.schema
        .createTable('tax_rate')
        .addColumn('id', 'varchar(60)', (c) => c.primaryKey())
        .addColumn('name', 'varchar(100)', (c) => c.notNull())
        .addColumn('country', 'char(2)', (c) => c.notNull())
        .addColumn('region', 'varchar(10)')
        .addColumn('rate_bp', 'integer', (c) => c.notNull())
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .addColumn('updated_at', 'bigint', (c) => c.notNull())
        .execute()
      // One rate per country (region null) and per region.
      await db.schema
        .createIndex('tax_rate_place')
        .on('tax_rate')
        .unique()
        .expression(sql`country, coalesce(region, '')`)
        .execute()

      await db.schema
        .createTable('discount_code')
        .addColumn('id', 'varchar(60)', (c) => c.primaryKey())
        .addColumn('code', 'varchar(64)', (c) => c.notNull().unique())
        .addColumn('kind', 'varchar(12)', (c) => c.notNull())
        .addColumn('value', 'bigint', (c) => c.notNull())
        .addColumn('currency', 'char(3)')
        .addColumn('min_subtotal', 'bigint', (c) => c.notNull())
        .addColumn('starts_at', 'bigint')
        .addColumn('expires_at', 'bigint')
        .addColumn('usage_limit', 'integer')
        .addColumn('per_customer_limit', 'integer')
        .addColumn('times_used', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('active', 'integer', (c) => c.notNull())
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .addColumn('updated_at', 'bigint', (c) => c.notNull())
        .execute()

      // One counter row per (code, customer): the per-customer limit is a conditional update on it.
      await db.schema
        .createTable('discount_usage')
        .addColumn('code_id', 'varchar(60)', (c) => c.notNull().references('discount_code.id').onDelete('cascade'))
        .addColumn('customer_id', 'varchar(60)', (c) => c.notNull())
        .addColumn('uses', 'integer', (c) => c.notNull())
        .addPrimaryKeyConstraint('discount_usage_pk', ['code_id', 'customer_id'])
        .execute()

      await db.schema
        .createTable('discount_redemption')
        .addColumn('id', 'varchar(60)', (c) => c.primaryKey())
        .addColumn('code_id', 'varchar(60)', (c) => c.notNull().references('discount_code.id').onDelete('cascade'))
        .addColumn('customer_id', 'varchar(60)', (c) => c.notNull())
        .addColumn('order_id', 'varchar(60)')
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .execute()
      await db.schema
        .createIndex('discount_redemption_code')
        .on('discount_redemption')
        .columns(['code_id', 'customer_id'])
        .execute()
    },
    async down(db: Kysely<any>) {
      for (const table of ['discount_redemption', 'discount_usage', 'discount_code', 'tax_rate', 'shipping_method']) {
        await db.schema.dropTable(table).execute()
      }
    },
  },
}
