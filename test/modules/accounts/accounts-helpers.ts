/** Helpers shared by the accounts tests. */
import type { App } from '../../../src/platform/http/types.ts'

export const STRONG = 'plum-Violin-gravel-42-orbit'
export const STRONG_2 = 'cactus-Harbor-lantern-77-quill'

/** The newest message to `to` in the outbox (the development transport's mailbox). */
export async function lastMail(app: App, to: string) {
  const { items } = await app.backroom.mail.list({ to, limit: 1 })
  if (!items[0]) throw new Error(`no mail to ${to}`)
  return items[0]
}

export async function tokenFromMail(app: App, to: string): Promise<string> {
  const mail = await lastMail(app, to)
  const match = /token: (\S+)/.exec(mail.text)
  if (!match) throw new Error(`no token in mail "${mail.subject}"`)
  return match[1]
}

export async function signUp(app: App, email: string, password = STRONG) {
  return app.inject({ method: 'POST', url: '/auth/sign-up', payload: { email, password } })
}

export async function signIn(app: App, email: string, password = STRONG, extra: Record<string, unknown> = {}) {
  return app.inject({ method: 'POST', url: '/auth/sign-in', payload: { email, password, ...extra } })
}

export function bearer(token: string) {
  return { authorization: `Bearer ${token}` }
}

/** Row counts of every table, to show a refused request wrote nothing. */
export async function tableCounts(app: App): Promise<Record<string, number>> {
  const db = app.backroom.database.db
  const tables = [
    'app_user',
    'user_session',
    'user_token',
    'recovery_code',
    'api_key',
    'audit_event',
    'auth_attempt',
    'mail_outbox',
  ] as const
  const counts: Record<string, number> = {}
  for (const table of tables) {
    const row = await db
      .selectFrom(table)
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow()
    counts[table] = Number(row.n)
  }
  return counts
}
