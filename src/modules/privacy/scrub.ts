/**
 * After an erasure commits: make the erased bytes unrecoverable where the database lets us
 * (docs/PRIVACY.md says what this does not reach).
 * - SQLite runs with `secure_delete` (platform/db/connect.ts): deleted and overwritten content is
 *   zeroed in the database file. The write-ahead log still holds the pages as they were before the
 *   erasure; `wal_checkpoint(TRUNCATE)` copies the current pages into the file and empties the log.
 * - PostgreSQL keeps old row versions until VACUUM prunes them: the tables erasure touches are
 *   vacuumed at once instead of whenever autovacuum gets to them. Pruned space is reused, not zeroed;
 *   WAL segments, archives, replicas and backups are outside the application's reach.
 */
import { sql } from 'kysely'
import type { Db } from '../../platform/db/types.ts'

/** Tables that held the erased person's data (rows deleted or overwritten by the contributors). */
export const ERASED_TABLES = [
  'app_user',
  'user_session',
  'user_token',
  'recovery_code',
  'auth_attempt',
  'audit_event',
  'address',
  'cart',
  'shop_order',
  'payment',
  'event',
  'mail_outbox',
  'webhook_delivery',
  'webhook_attempt',
  'idempotency_key',
] as const

export async function scrubAfterErasure(db: Db, dialect: 'sqlite' | 'postgres'): Promise<void> {
  if (dialect === 'sqlite') {
    const { rows } = await sql<{ busy: number }>`pragma wal_checkpoint(TRUNCATE)`.execute(db)
    // busy: a reader still holds an older snapshot; the next checkpoint (or this again) finishes it.
    if (Number(rows[0]?.busy) !== 0) throw new Error('the WAL checkpoint after erasure could not complete (busy)')
    return
  }
  // VACUUM cannot run in a transaction block; each statement here runs on its own.
  await sql`vacuum ${sql.join(ERASED_TABLES.map((table) => sql.id(table)))}`.execute(db)
}
