/** The security audit log: who did what to which account, readable by admins (`audit:read`). */
import { newId } from '../../platform/db/ids.ts'
import type { Db } from '../../platform/db/types.ts'
import type { AuditList, AuditQuery } from './schemas.ts'
import * as store from './store.ts'

export const AUDIT_TYPES = [
  'user.signed-up',
  'login.succeeded',
  'login.failed',
  'login.mfa-failed',
  'logout',
  'logout.everywhere',
  'session.revoked',
  'email.verified',
  'password.changed',
  'password.reset-requested',
  'password.reset',
  'mfa.enabled',
  'mfa.disabled',
  'mfa.recovery-code-used',
  'user.role-changed',
  'user.disabled',
  'user.enabled',
  'user.created',
  'api-key.created',
  'api-key.revoked',
  'privacy.exported',
  'privacy.erased',
] as const
export type AuditType = (typeof AUDIT_TYPES)[number]

export interface AuditEntry {
  type: AuditType
  /** The account the event is about. */
  userId: string | null
  /** Who caused it (a user id, an API key id), when not the account itself. */
  actorId?: string | null
  ip?: string | null
  data?: Record<string, string | number | boolean | null>
}

/** Writes one event; pass the transaction when the event belongs to a write. */
export async function recordAudit(db: Db, entry: AuditEntry, now: number = Date.now()): Promise<void> {
  await store.insertAuditEvent(db, {
    id: newId('aud', now),
    type: entry.type,
    user_id: entry.userId,
    actor_id: entry.actorId ?? entry.userId,
    ip: entry.ip ?? null,
    data: JSON.stringify(entry.data ?? {}),
    created_at: now,
  })
}

export async function listAudit(db: Db, query: AuditQuery): Promise<AuditList> {
  const limit = query.limit ?? 50
  const rows = await store.listAuditEvents(db, { ...query, limit })
  const items = rows.slice(0, limit).map((row) => ({
    id: row.id,
    type: row.type,
    userId: row.user_id,
    actorId: row.actor_id,
    ip: row.ip,
    data: JSON.parse(row.data) as AuditList['items'][number]['data'],
    createdAt: row.created_at,
  }))
  return { items, nextCursor: rows.length > limit ? items[items.length - 1].id : null }
}
