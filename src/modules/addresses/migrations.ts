/** The address book. Personal fields are `*_enc` (AES-256-GCM envelopes); country and region stay clear for shipping and tax. */
import type { Kysely } from 'kysely'
import type { Migrations } from '../../platform/db/migrate.ts'

export const addressMigrations: Migrations = {
  '0301_addresses': {
    async up(db: Kysely<any>) {
      await db.schema
        .createTable('address')
        .addColumn('id', 'varchar(60)', (c) => c.primaryKey())
        .addColumn('customer_id', 'varchar(60)', (c) => c.notNull())
        .addColumn('country', 'char(2)', (c) => c.notNull())
        .addColumn('region', 'varchar(10)')
        .addColumn('name_enc', 'text', (c) => c.notNull())
        .addColumn('line1_enc', 'text', (c) => c.notNull())
        .addColumn('line2_enc', 'text')
        .addColumn('city_enc', 'text', (c) => c.notNull())
        .addColumn('postcode_enc', 'text', (c) => c.notNull())
        .addColumn('phone_enc', 'text')
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .addColumn('updated_at', 'bigint', (c) => c.notNull())
        .execute()
      await db.schema.createIndex('address_customer').on('address').columns(['customer_id', 'id']).execute()
    },
    async down(db: Kysely<any>) {
      await db.schema.dropTable('address').execute()
    },
  },
}
