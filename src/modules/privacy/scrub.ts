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
import { setTimeout as delay } from 'node:timers/promises'
import { sql } from 'kysely'
import { LOCK_WAIT_MS } from '../../platform/db/sqlite-read-write.ts'
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

const CHECKPOINT_RETRY_MS = 50

export async function scrubAfterErasure(db: Db, dialect: 'sqlite' | 'postgres'): Promise<void> {
  if (dialect === 'sqlite') {
    // busy: another process writes, or a reader still holds an older snapshot. The writer does not wait
    // for them inside SQLite (that would stop the event loop, platform/db/sqlite-read-write.ts): try
    // again on a timer for as long as SQLite's own wait used to last (still busy: a later checkpoint).
    for (const deadline = Date.now() + LOCK_WAIT_MS; ; await delay(CHECKPOINT_RETRY_MS)) {
      const { rows } = await sql<{ busy: number }>`pragma wal_checkpoint(TRUNCATE)`.execute(db)
      if (Number(rows[0]?.busy) === 0) return
      if (Date.now() >= deadline) throw new Error('the WAL checkpoint after erasure could not complete (busy)')
    }
  }
  // VACUUM cannot run in a transaction block; each statement here runs on its own.
  await sql`vacuum ${sql.join(ERASED_TABLES.map((table) => sql.id(table)))}`.execute(db)
}
