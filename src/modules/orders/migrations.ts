import type { Kysely } from 'kysely'
import type { Migrations } from '../../platform/db/migrate.ts'

export const orderMigrations: Migrations = {
  '0320_orders_init': {
    async up(db: Kysely<any>) {
      await db.schema
        .createTable('shop_order')
        .addColumn('id', 'varchar(64)', (c) => c.primaryKey())
        .addColumn('status', 'varchar(24)', (c) => c.notNull())
        .addColumn('customer_id', 'varchar(64)')
        .addColumn('email', 'varchar(254)', (c) => c.notNull())
        .addColumn('currency', 'char(3)', (c) => c.notNull())
        .addColumn('subtotal', 'bigint', (c) => c.notNull())
        .addColumn('discount', 'bigint', (c) => c.notNull())
        .addColumn('discount_code', 'varchar(64)')
        .addColumn('shipping', 'bigint', (c) => c.notNull())
        .addColumn('shipping_method_id', 'varchar(64)', (c) => c.notNull())
        .addColumn('shipping_method_name', 'varchar(200)', (c) => c.notNull())
        .addColumn('tax', 'bigint', (c) => c.notNull())
        .addColumn('tax_included', 'integer', (c) => c.notNull())
        .addColumn('total', 'bigint', (c) => c.notNull())
        .addColumn('amount_refunded', 'bigint', (c) => c.notNull().defaultTo(0))
        .addColumn('item_count', 'integer', (c) => c.notNull())
        .addColumn('payment_id', 'varchar(64)')
        // The shipping address: personal fields encrypted (AES-256-GCM, bound to row and column).
        .addColumn('ship_country', 'char(2)', (c) => c.notNull())
        .addColumn('ship_region', 'varchar(10)')
        .addColumn('ship_name_enc', 'text', (c) => c.notNull())
        .addColumn('ship_line1_enc', 'text', (c) => c.notNull())
        .addColumn('ship_line2_enc', 'text')
        .addColumn('ship_city_enc', 'text', (c) => c.notNull())
        .addColumn('ship_postcode_enc', 'text', (c) => c.notNull())
        .addColumn('ship_phone_enc', 'text')
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .addColumn('updated_at', 'bigint', (c) => c.notNull())
        .execute()
      await db.schema.createIndex('shop_order_customer').on('shop_order').columns(['customer_id', 'id']).execute()
      await db.schema.createIndex('shop_order_status').on('shop_order').columns(['status', 'id']).execute()
      await db.schema.createIndex('shop_order_email').on('shop_order').columns(['email']).execute()
      await db.schema.createIndex('shop_order_created').on('shop_order').columns(['created_at']).execute()
      await db.schema
        .createTable('order_line')
        .addColumn('order_id', 'varchar(64)', (c) => c.notNull().references('shop_order.id').onDelete('cascade'))
        .addColumn('position', 'integer', (c) => c.notNull())
        .addColumn('variant_id', 'varchar(64)', (c) => c.notNull())
        .addColumn('sku', 'varchar(100)', (c) => c.notNull())
        .addColumn('title', 'varchar(500)', (c) => c.notNull())
        .addColumn('unit_price', 'bigint', (c) => c.notNull())
        .addColumn('quantity', 'integer', (c) => c.notNull())
        .addColumn('discount', 'bigint', (c) => c.notNull())
        .addColumn('tax', 'bigint', (c) => c.notNull())
        .addColumn('total', 'bigint', (c) => c.notNull())
        .addPrimaryKeyConstraint('order_line_pk', ['order_id', 'position'])
        .execute()
      await db.schema.createIndex('order_line_variant').on('order_line').columns(['variant_id']).execute()
      await db.schema
        .createTable('order_history')
        .addColumn('order_id', 'varchar(64)', (c) => c.notNull().references('shop_order.id').onDelete('cascade'))
        .addColumn('seq', 'integer', (c) => c.notNull())
        .addColumn('from_status', 'varchar(24)')
        .addColumn('to_status', 'varchar(24)', (c) => c.notNull())
        .addColumn('event', 'varchar(32)', (c) => c.notNull())
        .addColumn('actor', 'varchar(64)')
        .addColumn('at', 'bigint', (c) => c.notNull())
        .addPrimaryKeyConstraint('order_history_pk', ['order_id', 'seq'])
        .execute()
    },
    async down(db: Kysely<any>) {
      await db.schema.dropTable('order_history').execute()
      await db.schema.dropTable('order_line').execute()
      await db.schema.dropTable('shop_order').execute()
    },
  },
  // The money each history entry moved (capture, refund, void), issue 12.
  '0340_order_history_amount': {
    async up(db: Kysely<any>) {
      await db.schema.alterTable('order_history').addColumn('amount', 'bigint').execute()
    },
    async down(db: Kysely<any>) {
      await db.schema.alterTable('order_history').dropColumn('amount').execute()
    },
  },
  // The cart an order was checked out from: a retried checkout of it resumes the order's payment.
  '0331_order_cart': {
    async up(db: Kysely<any>) {
      await db.schema.alterTable('shop_order').addColumn('cart_id', 'varchar(64)').execute()
      await db.schema.createIndex('shop_order_cart').on('shop_order').columns(['cart_id']).execute()
    },
    async down(db: Kysely<any>) {
      await db.schema.dropIndex('shop_order_cart').execute()
      await db.schema.alterTable('shop_order').dropColumn('cart_id').execute()
    },
  },
  // The Idempotency-Key an order was placed with (a hash of the caller's scope and the key): a retry
  // with that key answers the order, whoever finished it, and the unique index refuses a second order
  // under it (a cart opened again after a decline). docs/CHECKOUT.md "A retry with the Idempotency-Key".
  '0350_order_idempotency_key': {
    async up(db: Kysely<any>) {
      await db.schema.alterTable('shop_order').addColumn('idempotency_key_hash', 'varchar(64)').execute()
      await db.schema
        .createIndex('shop_order_idempotency_key')
        .on('shop_order')
        .column('idempotency_key_hash')
        .unique()
        .execute()
    },
    async down(db: Kysely<any>) {
      await db.schema.dropIndex('shop_order_idempotency_key').execute()
      await db.schema.alterTable('shop_order').dropColumn('idempotency_key_hash').execute()
    },
  },
}
