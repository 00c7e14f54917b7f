/** SQL for the accounts module (Kysely). Returns rows or undefined; decides nothing. */
import type { Db } from '../../platform/db/types.ts'

export interface AppUserTable {
  id: string
  /** Normalised (trimmed, lower case): unique case-insensitively. */
  email: string
  password_hash: string
  role: string
  email_verified_at: number | null
  disabled_at: number | null
  mfa_enabled: number
  /** Encrypted (AES-256-GCM, key derived from BACKROOM_SECRET). */
  totp_secret: string | null
  totp_pending_secret: string | null
  /** The last TOTP time step accepted: a code is never accepted twice. */
  totp_last_step: number | null
  created_at: number
  updated_at: number
}

export interface UserSessionTable {
  id: string
  user_id: string
  token_hash: string
  created_at: number
  last_seen_at: number
  expires_at: number
  revoked_at: number | null
  ip: string | null
  user_agent: string | null
}

export interface UserTokenTable {
  id: string
  user_id: string
  /** verify-email, reset-password, mfa-login */
  purpose: string
  token_hash: string
  expires_at: number
  used_at: number | null
  attempts: number
  created_at: number
}

export interface RecoveryCodeTable {
  id: string
  user_id: string
  code_hash: string
  used_at: number | null
}

export interface ApiKeyTable {
  id: string
  name: string
  key_hash: string
  /** The key's first characters, to recognise it in a list. */
  hint: string
  /** JSON array of permissions. */
  permissions: string
  created_by: string | null
  created_at: number
  last_used_at: number | null
  revoked_at: number | null
}

export interface AuditEventTable {
  id: string
  type: string
  user_id: string | null
  actor_id: string | null
  ip: string | null
  data: string
  created_at: number
}

export interface AuthAttemptTable {
  key: string
  window_start: number
  count: number
}

export type UserRow = AppUserTable

// Users ------------------------------------------------------------------------------------------

export function findUserByEmail(db: Db, email: string) {
  return db.selectFrom('app_user').selectAll().where('email', '=', email).executeTakeFirst()
}
export function findUser(db: Db, id: string) {
  return db.selectFrom('app_user').selectAll().where('id', '=', id).executeTakeFirst()
}
export async function insertUser(db: Db, row: AppUserTable): Promise<boolean> {
  const inserted = await db
    .insertInto('app_user')
    .values(row)
    .onConflict((oc) => oc.column('email').doNothing())
    .returning('id')
    .executeTakeFirst()
  return inserted !== undefined
}
export async function updateUser(db: Db, id: string, patch: Partial<Omit<AppUserTable, 'id'>>) {
  const result = await db.updateTable('app_user').set(patch).where('id', '=', id).executeTakeFirst()
  return result.numUpdatedRows === 1n
}
/** Accepts a TOTP step only if it is newer than the last one accepted (replay protection, RFC 6238 §5.2). */
export async function advanceTotpStep(db: Db, id: string, step: number): Promise<boolean> {
  const result = await db
    .updateTable('app_user')
    .set({ totp_last_step: step })
    .where('id', '=', id)
    .where((eb) => eb.or([eb('totp_last_step', 'is', null), eb('totp_last_step', '<', step)]))
    .executeTakeFirst()
  return result.numUpdatedRows === 1n
}
export function listUsers(db: Db, q: { email?: string; role?: string; cursor?: string; limit: number }) {
  let query = db
    .selectFrom('app_user')
    .selectAll()
    .orderBy('id')
    .limit(q.limit + 1)
  if (q.email) query = query.where('email', '=', q.email)
  if (q.role) query = query.where('role', '=', q.role)
  if (q.cursor) query = query.where('id', '>', q.cursor)
  return query.execute()
}

// Sessions ---------------------------------------------------------------------------------------

export async function insertSession(db: Db, row: UserSessionTable) {
  await db.insertInto('user_session').values(row).execute()
}
/** The session and its user, in one query (the hot path of every signed-in request). */
export function findSessionByHash(db: Db, tokenHash: string) {
  return db
    .selectFrom('user_session as s')
    .innerJoin('app_user as u', 'u.id', 's.user_id')
    .select([
      's.id',
      's.user_id as userId',
      's.last_seen_at as lastSeenAt',
      's.expires_at as expiresAt',
      's.revoked_at as revokedAt',
      'u.role',
      'u.disabled_at as disabledAt',
    ])
    .where('s.token_hash', '=', tokenHash)
    .executeTakeFirst()
}
export async function touchSession(db: Db, id: string, now: number) {
  await db.updateTable('user_session').set({ last_seen_at: now }).where('id', '=', id).execute()
}
export function listActiveSessions(db: Db, userId: string, now: number, idleMs: number) {
  return db
    .selectFrom('user_session')
    .selectAll()
    .where('user_id', '=', userId)
    .where('revoked_at', 'is', null)
    .where('expires_at', '>', now)
    .where('last_seen_at', '>', now - idleMs)
    .orderBy('id', 'desc')
    .execute()
}
export async function revokeSession(db: Db, userId: string, id: string, now: number): Promise<boolean> {
  const result = await db
    .updateTable('user_session')
    .set({ revoked_at: now })
    .where('id', '=', id)
    .where('user_id', '=', userId)
    .where('revoked_at', 'is', null)
    .executeTakeFirst()
  return result.numUpdatedRows === 1n
}
/** Revokes every live session of a user except `keep` (the caller's own, on a password change). */
export async function revokeAllSessions(db: Db, userId: string, now: number, keep?: string | null) {
  let query = db
    .updateTable('user_session')
    .set({ revoked_at: now })
    .where('user_id', '=', userId)
    .where('revoked_at', 'is', null)
  if (keep) query = query.where('id', '!=', keep)
  const result = await query.executeTakeFirst()
  return Number(result.numUpdatedRows)
}

// One-time tokens --------------------------------------------------------------------------------

export async function insertToken(db: Db, row: UserTokenTable) {
  await db.insertInto('user_token').values(row).execute()
}
export function findToken(db: Db, purpose: string, tokenHash: string) {
  return db
    .selectFrom('user_token')
    .selectAll()
    .where('token_hash', '=', tokenHash)
    .where('purpose', '=', purpose)
    .executeTakeFirst()
}
/** Marks a token used; false if it was already used (a concurrent replay loses here). */
export async function consumeToken(db: Db, id: string, now: number): Promise<boolean> {
  const result = await db
    .updateTable('user_token')
    .set({ used_at: now })
    .where('id', '=', id)
    .where('used_at', 'is', null)
    .executeTakeFirst()
  return result.numUpdatedRows === 1n
}
export async function countTokenAttempt(db: Db, id: string) {
  await db
    .updateTable('user_token')
    .set((eb) => ({ attempts: eb('attempts', '+', 1) }))
    .where('id', '=', id)
    .execute()
}
/** Invalidates a user's outstanding tokens of one purpose (a new reset link voids the old ones). */
export async function expireTokens(db: Db, userId: string, purpose: string, now: number) {
  await db
    .updateTable('user_token')
    .set({ used_at: now })
    .where('user_id', '=', userId)
    .where('purpose', '=', purpose)
    .where('used_at', 'is', null)
    .execute()
}

// Recovery codes ---------------------------------------------------------------------------------

export async function replaceRecoveryCodes(db: Db, userId: string, rows: RecoveryCodeTable[]) {
  await db.deleteFrom('recovery_code').where('user_id', '=', userId).execute()
  if (rows.length > 0) await db.insertInto('recovery_code').values(rows).execute()
}
export async function useRecoveryCode(db: Db, userId: string, codeHash: string, now: number): Promise<boolean> {
  const result = await db
    .updateTable('recovery_code')
    .set({ used_at: now })
    .where('user_id', '=', userId)
    .where('code_hash', '=', codeHash)
    .where('used_at', 'is', null)
    .executeTakeFirst()
  return result.numUpdatedRows === 1n
}
export async function countUnusedRecoveryCodes(db: Db, userId: string): Promise<number> {
  const row = await db
    .selectFrom('recovery_code')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('user_id', '=', userId)
    .where('used_at', 'is', null)
    .executeTakeFirstOrThrow()
  return Number(row.n)
}

// API keys ---------------------------------------------------------------------------------------

export async function insertApiKey(db: Db, row: ApiKeyTable) {
  await db.insertInto('api_key').values(row).execute()
}
export function findApiKeyByHash(db: Db, keyHash: string) {
  return db.selectFrom('api_key').selectAll().where('key_hash', '=', keyHash).executeTakeFirst()
}
export function listApiKeys(db: Db) {
  return db.selectFrom('api_key').selectAll().orderBy('id', 'desc').execute()
}
export async function revokeApiKey(db: Db, id: string, now: number): Promise<boolean> {
  const result = await db
    .updateTable('api_key')
    .set({ revoked_at: now })
    .where('id', '=', id)
    .where('revoked_at', 'is', null)
    .executeTakeFirst()
  return result.numUpdatedRows === 1n
}
export function findApiKey(db: Db, id: string) {
  return db.selectFrom('api_key').selectAll().where('id', '=', id).executeTakeFirst()
}
export async function touchApiKey(db: Db, id: string, now: number) {
  await db.updateTable('api_key').set({ last_used_at: now }).where('id', '=', id).execute()
}

// Audit log --------------------------------------------------------------------------------------

export async function insertAuditEvent(db: Db, row: AuditEventTable) {
  await db.insertInto('audit_event').values(row).execute()
}
export function listAuditEvents(db: Db, q: { userId?: string; type?: string; cursor?: string; limit: number }) {
  let query = db
    .selectFrom('audit_event')
    .selectAll()
    .orderBy('id', 'desc')
    .limit(q.limit + 1)
  if (q.userId) query = query.where('user_id', '=', q.userId)
  if (q.type) query = query.where('type', '=', q.type)
  if (q.cursor) query = query.where('id', '<', q.cursor)
  return query.execute()
}

// Housekeeping ---------------------------------------------------------------------------------

/** Deletes what can never be used again; returns how many rows went. */
export async function prune(db: Db, c: { attemptsBefore: number; tokensBefore: number; sessionsBefore: number }) {
  const attempts = await db.deleteFrom('auth_attempt').where('window_start', '<', c.attemptsBefore).executeTakeFirst()
  const tokens = await db.deleteFrom('user_token').where('expires_at', '<', c.tokensBefore).executeTakeFirst()
  const sessions = await db
    .deleteFrom('user_session')
    .where((eb) =>
      eb.or([
        eb('expires_at', '<', c.sessionsBefore),
        eb('revoked_at', '<', c.sessionsBefore),
        eb('last_seen_at', '<', c.sessionsBefore),
      ]),
    )
    .executeTakeFirst()
  return {
    attempts: Number(attempts.numDeletedRows),
    tokens: Number(tokens.numDeletedRows),
    sessions: Number(sessions.numDeletedRows),
  }
}

// Attempt counters -------------------------------------------------------------------------------

/**
 * Counts one attempt against `key` in a fixed window, in one statement (safe across nodes):
 * a window older than `windowMs` restarts at 1. Returns the count and the window's start.
 */
export async function hitAttempt(db: Db, key: string, now: number, windowMs: number) {
  const expired = now - windowMs
  return db
    .insertInto('auth_attempt')
    .values({ key, window_start: now, count: 1 })
    .onConflict((oc) =>
      oc.column('key').doUpdateSet((eb) => ({
        count: eb
          .case()
          .when('auth_attempt.window_start', '<=', expired)
          .then(1)
          .else(eb('auth_attempt.count', '+', 1))
          .end(),
        window_start: eb
          .case()
          .when('auth_attempt.window_start', '<=', expired)
          .then(now)
          .else(eb.ref('auth_attempt.window_start'))
          .end(),
      })),
    )
    .returning(['count', 'window_start'])
    .executeTakeFirstOrThrow()
}
export function findAttempt(db: Db, key: string) {
  return db.selectFrom('auth_attempt').selectAll().where('key', '=', key).executeTakeFirst()
}
export async function clearAttempts(db: Db, key: string) {
  await db.deleteFrom('auth_attempt').where('key', '=', key).execute()
}
