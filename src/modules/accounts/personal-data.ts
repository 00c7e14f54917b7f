/** What the accounts module holds about a person, and how an erasure anonymises it. */
import { sql } from 'kysely'
import type { Db } from '../../platform/db/types.ts'
import type { DataSubject, PersonalDataContributor } from '../privacy/contributor.ts'

/** Finds the subject of a personal-data request (an account that exists). */
export async function findSubject(db: Db, userId: string): Promise<DataSubject | undefined> {
  const user = await db.selectFrom('app_user').select(['id', 'email']).where('id', '=', userId).executeTakeFirst()
  return user && { userId: user.id, email: user.email }
}

export const accountPersonalData: PersonalDataContributor[] = [
  {
    name: 'account',
    async collect(db, { userId }) {
      const u = await db
        .selectFrom('app_user')
        .select(['id', 'email', 'role', 'email_verified_at', 'mfa_enabled', 'disabled_at', 'created_at', 'updated_at'])
        .where('id', '=', userId)
        .executeTakeFirstOrThrow()
      return {
        id: u.id,
        email: u.email,
        role: u.role,
        emailVerifiedAt: u.email_verified_at,
        mfaEnabled: Number(u.mfa_enabled) === 1,
        disabledAt: u.disabled_at,
        createdAt: u.created_at,
        updatedAt: u.updated_at,
      }
    },
    async erase(trx, { userId }, now) {
      // The row stays (orders, audit entries and API keys point at the id) but identifies nobody and
      // can never sign in again: no email, no password, no second factor.
      await trx
        .updateTable('app_user')
        .set({
          email: `erased-${userId}@erased.invalid`,
          password_hash: '!erased',
          disabled_at: now,
          mfa_enabled: 0,
          totp_secret: null,
          totp_pending_secret: null,
          updated_at: now,
        })
        .where('id', '=', userId)
        .execute()
      await trx.deleteFrom('user_token').where('user_id', '=', userId).execute()
      await trx.deleteFrom('recovery_code').where('user_id', '=', userId).execute()
    },
  },
  {
    name: 'sessions',
    collect(db, { userId }) {
      return db
        .selectFrom('user_session')
        .select([
          'id',
          'created_at as createdAt',
          'last_seen_at as lastSeenAt',
          'expires_at as expiresAt',
          'revoked_at as revokedAt',
          'ip',
          'user_agent as userAgent',
        ])
        .where('user_id', '=', userId)
        .orderBy('created_at')
        .orderBy('id')
        .execute()
    },
    async erase(trx, { userId }) {
      await trx.deleteFrom('user_session').where('user_id', '=', userId).execute() // every session ends
    },
  },
  {
    name: 'securityLog',
    collect(db, { userId }) {
      return db
        .selectFrom('audit_event')
        .select(['type', 'ip', 'created_at as at'])
        .where('user_id', '=', userId)
        .orderBy('created_at')
        .orderBy('id')
        .execute()
    },
    async erase(trx, { userId, email }) {
      // The security record of what happened stays; where it happened from, and the email, do not
      // (failed sign-ins for an address are logged without a user id).
      await trx.updateTable('audit_event').set({ ip: null, data: '{}' }).where('user_id', '=', userId).execute()
      await trx
        .updateTable('audit_event')
        .set({ data: '{}' })
        .where(sql<boolean>`data like ${`%${likeEscaped(email)}%`} escape '\\'`)
        .execute()
      // Sign-in attempt counters are keyed by email.
      await trx
        .deleteFrom('auth_attempt')
        .where(sql<boolean>`key like ${`%:${likeEscaped(email)}`} escape '\\'`)
        .execute()
    },
  },
]

/** `text` for use inside a LIKE pattern with ESCAPE '\\': its own %, _ and \\ match literally. */
function likeEscaped(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`)
}
