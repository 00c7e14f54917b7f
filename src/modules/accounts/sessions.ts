/**
 * Sessions: an opaque 256-bit token, stored only as its SHA-256 hash, valid until it is revoked, idle
 * for longer than `idleMs`, or older than `absoluteMs`.
 */
import { newId } from '../../platform/db/ids.ts'
import type { Db } from '../../platform/db/types.ts'
import { notFound } from '../../platform/errors.ts'
import type { Actor } from '../../platform/security/actor.ts'
import { isRole, ROLE_PERMISSIONS } from '../../platform/security/permissions.ts'
import { recordAudit } from './audit.ts'
import { hashToken, newSessionToken } from './crypto.ts'
import type { SessionView } from './schemas.ts'
import * as store from './store.ts'

export interface SessionPolicy {
  idleMs: number
  absoluteMs: number
}

/** Who made a request, as plain data (services know no request). */
export interface ClientInfo {
  ip: string | null
  userAgent: string | null
}

/** `last_seen_at` is written at most this often, so a busy client does not write on every request. */
const TOUCH_EVERY_MS = 60_000

/** Whether a session is still usable at `now`. Pure. */
export function sessionAlive(
  s: { lastSeenAt: number; expiresAt: number; revokedAt: number | null },
  policy: SessionPolicy,
  now: number,
): boolean {
  return s.revokedAt === null && now < s.expiresAt && now < s.lastSeenAt + policy.idleMs
}

export function createSessionService(deps: { db: Db; policy: SessionPolicy }) {
  const { db, policy } = deps
  return { create, resolve, list, revoke, revokeAll }

  async function create(userId: string, client: ClientInfo, now: number, trx: Db = db) {
    const token = newSessionToken()
    const id = newId('ses', now)
    const expiresAt = now + policy.absoluteMs
    await store.insertSession(trx, {
      id,
      user_id: userId,
      token_hash: hashToken(token),
      created_at: now,
      last_seen_at: now,
      expires_at: expiresAt,
      revoked_at: null,
      ip: client.ip?.slice(0, 64) ?? null,
      user_agent: client.userAgent?.slice(0, 300) ?? null,
    })
    return { id, token, expiresAt }
  }

  /** The actor a session token stands for, or undefined when it is unknown, expired or revoked. */
  async function resolve(token: string, now: number): Promise<Actor | undefined> {
    const row = await store.findSessionByHash(db, hashToken(token))
    if (!row || row.disabledAt !== null || !sessionAlive(row, policy, now) || !isRole(row.role)) return undefined
    if (now - row.lastSeenAt > TOUCH_EVERY_MS) await store.touchSession(db, row.id, now)
    return {
      kind: 'user',
      userId: row.userId,
      customerId: row.userId,
      role: row.role,
      permissions: new Set(ROLE_PERMISSIONS[row.role]),
      sessionId: row.id,
      apiKeyId: null,
    }
  }

  async function list(actor: Actor, now: number): Promise<{ items: SessionView[] }> {
    const rows = await store.listActiveSessions(db, actor.userId!, now, policy.idleMs)
    return {
      items: rows.map((row) => ({
        id: row.id,
        current: row.id === actor.sessionId,
        createdAt: row.created_at,
        lastSeenAt: row.last_seen_at,
        expiresAt: Math.min(row.expires_at, row.last_seen_at + policy.idleMs),
        ip: row.ip,
        userAgent: row.user_agent,
      })),
    }
  }

  async function revoke(actor: Actor, sessionId: string, client: ClientInfo, now: number): Promise<void> {
    await db.transaction().execute(async (trx) => {
      if (!(await store.revokeSession(trx, actor.userId!, sessionId, now))) {
        throw notFound('session-not-found', 'No live session of yours has this id') // someone else's too
      }
      const type = sessionId === actor.sessionId ? 'logout' : 'session.revoked'
      await recordAudit(trx, { type, userId: actor.userId, ip: client.ip, data: { sessionId } }, now)
    })
  }

  async function revokeAll(actor: Actor, client: ClientInfo, now: number): Promise<void> {
    await db.transaction().execute(async (trx) => {
      const count = await store.revokeAllSessions(trx, actor.userId!, now)
      await recordAudit(trx, { type: 'logout.everywhere', userId: actor.userId, ip: client.ip, data: { count } }, now)
    })
  }
}
export type SessionService = ReturnType<typeof createSessionService>
