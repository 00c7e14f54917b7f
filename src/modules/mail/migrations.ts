/** The mail outbox: every message is written here first (inside the caller's transaction), then dispatched. */
import type { Kysely } from 'kysely'
import type { Migrations } from '../../platform/db/migrate.ts'

export const mailMigrations: Migrations = {
  '0100_mail_outbox': {
    async up(db: Kysely<any>) {
      await db.schema
        .createTable('mail_outbox')
        .addColumn('id', 'varchar(60)', (c) => c.primaryKey())
        .addColumn('to_address', 'varchar(254)', (c) => c.notNull())
        .addColumn('subject', 'varchar(300)', (c) => c.notNull())
        .addColumn('text_body', 'text', (c) => c.notNull())
        .addColumn('html_body', 'text')
        .addColumn('status', 'varchar(20)', (c) => c.notNull())
        .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('last_error', 'text')
        .addColumn('transport', 'varchar(20)')
        .addColumn('next_attempt_at', 'bigint', (c) => c.notNull())
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .addColumn('sent_at', 'bigint')
        .execute()
      await db.schema.createIndex('mail_outbox_due').on('mail_outbox').columns(['status', 'next_attempt_at']).execute()
      await db.schema.createIndex('mail_outbox_to').on('mail_outbox').columns(['to_address', 'id']).execute()
    },
    async down(db: Kysely<any>) {
      await db.schema.dropTable('mail_outbox').execute()
    },
  },
}
