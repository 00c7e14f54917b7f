/** The accounts module's tables: users, sessions, one-time tokens, recovery codes, API keys, audit log, attempt counters. */
import type { Kysely } from 'kysely'
import type { Migrations } from '../../platform/db/migrate.ts'

export const accountsMigrations: Migrations = {
  '0100_accounts_init': {
    async up(db: Kysely<any>) {
      await db.schema
        .createTable('app_user')
        .addColumn('id', 'varchar(60)', (c) => c.primaryKey())
        .addColumn('email', 'varchar(254)', (c) => c.notNull().unique())
        .addColumn('password_hash', 'text', (c) => c.notNull())
        .addColumn('role', 'varchar(20)', (c) => c.notNull())
        .addColumn('email_verified_at', 'bigint')
        .addColumn('disabled_at', 'bigint')
        .addColumn('mfa_enabled', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('totp_secret', 'text')
        .addColumn('totp_pending_secret', 'text')
        .addColumn('totp_last_step', 'bigint')
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .addColumn('updated_at', 'bigint', (c) => c.notNull())
        .execute()

      await db.schema
        .createTable('user_session')
        .addColumn('id', 'varchar(60)', (c) => c.primaryKey())
        .addColumn('user_id', 'varchar(60)', (c) => c.notNull().references('app_user.id').onDelete('cascade'))
        .addColumn('token_hash', 'varchar(64)', (c) => c.notNull().unique())
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .addColumn('last_seen_at', 'bigint', (c) => c.notNull())
        .addColumn('expires_at', 'bigint', (c) => c.notNull())
        .addColumn('revoked_at', 'bigint')
        .addColumn('ip', 'varchar(64)')
        .addColumn('user_agent', 'varchar(300)')
        .execute()
      await db.schema.createIndex('user_session_user').on('user_session').columns(['user_id', 'id']).execute()

      await db.schema
        .createTable('user_token')
        .addColumn('id', 'varchar(60)', (c) => c.primaryKey())
        .addColumn('user_id', 'varchar(60)', (c) => c.notNull().references('app_user.id').onDelete('cascade'))
        .addColumn('purpose', 'varchar(30)', (c) => c.notNull())
        .addColumn('token_hash', 'varchar(64)', (c) => c.notNull().unique())
        .addColumn('expires_at', 'bigint', (c) => c.notNull())
        .addColumn('used_at', 'bigint')
        .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .execute()
      await db.schema.createIndex('user_token_user').on('user_token').columns(['user_id', 'purpose']).execute()

      await db.schema
        .createTable('recovery_code')
        .addColumn('id', 'varchar(60)', (c) => c.primaryKey())
        .addColumn('user_id', 'varchar(60)', (c) => c.notNull().references('app_user.id').onDelete('cascade'))
        .addColumn('code_hash', 'varchar(64)', (c) => c.notNull())
        .addColumn('used_at', 'bigint')
        .execute()
      await db.schema.createIndex('recovery_code_user').on('recovery_code').columns(['user_id', 'code_hash']).execute()

      await db.schema
        .createTable('api_key')
        .addColumn('id', 'varchar(60)', (c) => c.primaryKey())
        .addColumn('name', 'varchar(100)', (c) => c.notNull())
        .addColumn('key_hash', 'varchar(64)', (c) => c.notNull().unique())
        .addColumn('hint', 'varchar(20)', (c) => c.notNull())
        .addColumn('permissions', 'text', (c) => c.notNull())
        .addColumn('created_by', 'varchar(60)')
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .addColumn('last_used_at', 'bigint')
        .addColumn('revoked_at', 'bigint')
        .execute()

      await db.schema
        .createTable('audit_event')
        .addColumn('id', 'varchar(60)', (c) => c.primaryKey())
        .addColumn('type', 'varchar(40)', (c) => c.notNull())
        .addColumn('user_id', 'varchar(60)')
        .addColumn('actor_id', 'varchar(60)')
        .addColumn('ip', 'varchar(64)')
        .addColumn('data', 'text', (c) => c.notNull())
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .execute()
      await db.schema.createIndex('audit_event_user').on('audit_event').columns(['user_id', 'id']).execute()
      await db.schema.createIndex('audit_event_type').on('audit_event').columns(['type', 'id']).execute()

      // Windowed attempt counters for brute-force limits; in the database so every node sees them.
      await db.schema
        .createTable('auth_attempt')
        .addColumn('key', 'varchar(300)', (c) => c.primaryKey())
        .addColumn('window_start', 'bigint', (c) => c.notNull())
        .addColumn('count', 'integer', (c) => c.notNull())
        .execute()
    },
    async down(db: Kysely<any>) {
      for (const table of ['auth_attempt', 'audit_event', 'api_key', 'recovery_code', 'user_token', 'user_session']) {
        await db.schema.dropTable(table).execute()
      }
      await db.schema.dropTable('app_user').execute()
    },
  },
}
