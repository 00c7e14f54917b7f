import { type Kysely, sql } from 'kysely'
import type { Migrations } from '../../platform/db/migrate.ts'

export const cartMigrations: Migrations = {
  '0310_carts_init': {
    async up(db: Kysely<any>) {
      await db.schema
        .createTable('cart')
        .addColumn('id', 'varchar(64)', (c) => c.primaryKey())
        .addColumn('customer_id', 'varchar(64)')
        .addColumn('token_hash', 'varchar(64)')
        .addColumn('currency', 'char(3)', (c) => c.notNull())
        .addColumn('status', 'varchar(16)', (c) => c.notNull())
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .addColumn('updated_at', 'bigint', (c) => c.notNull())
        .execute()
      // One open cart per customer and currency; a second "create" returns it.
      await db.schema
        .createIndex('cart_open_customer')
        .on('cart')
        .columns(['customer_id', 'currency'])
        .unique()
        .where(sql<boolean>`status = 'open'`)
        .execute()
      await db.schema
        .createTable('cart_line')
        .addColumn('cart_id', 'varchar(64)', (c) => c.notNull().references('cart.id').onDelete('cascade'))
        .addColumn('variant_id', 'varchar(64)', (c) => c.notNull())
        .addColumn('quantity', 'integer', (c) => c.notNull())
        .addColumn('added_at', 'bigint', (c) => c.notNull())
        .addPrimaryKeyConstraint('cart_line_pk', ['cart_id', 'variant_id'])
        .execute()
    },
    async down(db: Kysely<any>) {
      await db.schema.dropTable('cart_line').execute()
      await db.schema.dropTable('cart').execute()
    },
  },
}
