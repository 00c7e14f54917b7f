/** The platform's own tables: `app_meta`, a key/value table for facts about this database (seeded, version). */
import type { Kysely } from 'kysely'
import type { Migrations } from './migrate.ts'

export interface AppMetaTable {
  key: string
  value: string
  updated_at: number
}

export const platformMigrations: Migrations = {
  '0000_platform_init': {
    async up(db: Kysely<any>) {
      await db.schema
        .createTable('app_meta')
        .addColumn('key', 'varchar(100)', (c) => c.primaryKey())
        .addColumn('value', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'bigint', (c) => c.notNull())
        .execute()
    },
    async down(db: Kysely<any>) {
      await db.schema.dropTable('app_meta').execute()
    },
  },
}
