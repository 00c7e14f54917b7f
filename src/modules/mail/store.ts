/** SQL for the mail outbox. */
import type { Db } from '../../platform/db/types.ts'
import { insertRowsLater } from '../../platform/db/write-batch.ts'

export interface MailOutboxTable {
  id: string
  to_address: string
  subject: string
  /** Sealed (`mailEncryptedColumns`), as is html_body. */
  text_body: string
  html_body: string | null
  /** pending → sending → sent | failed */
  status: string
  attempts: number
  last_error: string | null
  transport: string | null
  next_attempt_at: number
  created_at: number
  sent_at: number | null
}

export async function insertMessage(db: Db, row: MailOutboxTable) {
  await insertRowsLater(db, 'mail_outbox', row)
}

export function listDue(db: Db, now: number, limit: number) {
  return db
    .selectFrom('mail_outbox')
    .selectAll()
    .where('status', '=', 'pending')
    .where('next_attempt_at', '<=', now)
    .orderBy('id')
    .limit(limit)
    .execute()
}

/** Claims a due message for this node; false when another node got it first. */
export async function claim(db: Db, id: string, now: number, leaseMs: number): Promise<boolean> {
  const result = await db
    .updateTable('mail_outbox')
    .set({ status: 'sending', next_attempt_at: now + leaseMs })
    .where('id', '=', id)
    .where('status', '=', 'pending')
    .executeTakeFirst()
  return result.numUpdatedRows === 1n
}

/** Sending rows whose lease ran out (a node died mid-send) go back to pending. */
export async function releaseExpiredLeases(db: Db, now: number) {
  await db
    .updateTable('mail_outbox')
    .set({ status: 'pending' })
    .where('status', '=', 'sending')
    .where('next_attempt_at', '<=', now)
    .execute()
}

export async function markSent(db: Db, id: string, transport: string, now: number) {
  await db
    .updateTable('mail_outbox')
    .set((eb) => ({ status: 'sent', transport, sent_at: now, attempts: eb('attempts', '+', 1), last_error: null }))
    .where('id', '=', id)
    .execute()
}

export async function markFailed(db: Db, id: string, error: string, nextAttemptAt: number | null) {
  await db
    .updateTable('mail_outbox')
    .set((eb) => ({
      status: nextAttemptAt === null ? 'failed' : 'pending',
      attempts: eb('attempts', '+', 1),
      last_error: error.slice(0, 1000),
      next_attempt_at: nextAttemptAt ?? 0,
    }))
    .where('id', '=', id)
    .execute()
}

export function listMessages(db: Db, q: { to?: string; cursor?: string; limit: number }) {
  let query = db
    .selectFrom('mail_outbox')
    .selectAll()
    .orderBy('id', 'desc')
    .limit(q.limit + 1)
  if (q.to) query = query.where('to_address', '=', q.to)
  if (q.cursor) query = query.where('id', '<', q.cursor)
  return query.execute()
}

/** Deletes sent messages, and failed ones, created before `before`; returns how many. */
export async function purgeFinished(db: Db, before: number): Promise<number> {
  const result = await db
    .deleteFrom('mail_outbox')
    .where('status', 'in', ['sent', 'failed'])
    .where('created_at', '<', before)
    .executeTakeFirst()
  return Number(result.numDeletedRows)
}
