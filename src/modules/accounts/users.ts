/** Admins manage accounts: list, read, change role, disable. Also the first admin (CLI) and test accounts. */
import { newId } from '../../platform/db/ids.ts'
import type { Db } from '../../platform/db/types.ts'
import { conflict, notFound } from '../../platform/errors.ts'
import type { Actor } from '../../platform/security/actor.ts'
import type { Role } from '../../platform/security/permissions.ts'
import { recordAudit } from './audit.ts'
import { hashPassword, normaliseEmail } from './passwords.ts'
import type { UpdateUserBody, UserList, UserQuery, UserView } from './schemas.ts'
import { checkPolicy, newUserRow } from './service.ts'
import type { ClientInfo } from './sessions.ts'
import * as store from './store.ts'

export function createUserService(deps: { db: Db }) {
  const { db } = deps
  return { list, get, update, createUser }

  async function list(query: UserQuery): Promise<UserList> {
    const limit = query.limit ?? 20
    const rows = await store.listUsers(db, {
      email: query.email ? normaliseEmail(query.email) : undefined,
      role: query.role,
      cursor: query.cursor,
      limit,
    })
    const items = rows.slice(0, limit).map(toUserView)
    return { items, nextCursor: rows.length > limit ? items[items.length - 1].id : null }
  }

  async function get(userId: string): Promise<UserView> {
    const user = await store.findUser(db, userId)
    if (!user) throw notFound('user-not-found', 'No account has this id')
    return toUserView(user)
  }

  async function update(
    actor: Actor,
    userId: string,
    input: UpdateUserBody,
    client: ClientInfo,
    now: number,
  ): Promise<UserView> {
    if (actor.userId === userId) throw conflict('own-account', 'Another admin must change your own role or status')
    const actorId = actor.userId ?? actor.apiKeyId
    await db.transaction().execute(async (trx) => {
      const user = await store.findUser(trx, userId)
      if (!user) throw notFound('user-not-found', 'No account has this id')
      const patch: Partial<store.AppUserTable> = { updated_at: now }
      if (input.role !== undefined && input.role !== user.role) {
        patch.role = input.role
        await recordAudit(
          trx,
          { type: 'user.role-changed', userId, actorId, ip: client.ip, data: { from: user.role, to: input.role } },
          now,
        )
      }
      if (input.disabled !== undefined && input.disabled !== (user.disabled_at !== null)) {
        patch.disabled_at = input.disabled ? now : null
        await recordAudit(
          trx,
          { type: input.disabled ? 'user.disabled' : 'user.enabled', userId, actorId, ip: client.ip },
          now,
        )
      }
      // A new role or a disabled account takes effect at once: no session keeps the old rights.
      if (patch.role !== undefined || input.disabled) await store.revokeAllSessions(trx, userId, now)
      await store.updateUser(trx, userId, patch)
    })
    return get(userId)
  }

  /**
   * Creates an account with a role, its email counted as verified (the CLI's `create-admin`, seeding,
   * tests). Throws conflict when the email exists.
   */
  async function createUser(
    input: { email: string; password: string; role: Role },
    now: number = Date.now(),
  ): Promise<UserView> {
    const email = normaliseEmail(input.email)
    checkPolicy(input.password, email)
    const row = {
      ...newUserRow(newId('usr', now), email, await hashPassword(input.password), input.role, now),
      email_verified_at: now,
    }
    await db.transaction().execute(async (trx) => {
      if (!(await store.insertUser(trx, row))) throw conflict('email-taken', `An account with ${email} exists`)
      await recordAudit(trx, { type: 'user.created', userId: row.id, data: { role: input.role } }, now)
    })
    return toUserView(row)
  }
}
export type UserService = ReturnType<typeof createUserService>

export function toUserView(row: store.AppUserTable): UserView {
  return {
    id: row.id,
    email: row.email,
    role: row.role as Role,
    emailVerified: row.email_verified_at !== null,
    mfaEnabled: row.mfa_enabled === 1,
    disabled: row.disabled_at !== null,
    createdAt: row.created_at,
  }
}
