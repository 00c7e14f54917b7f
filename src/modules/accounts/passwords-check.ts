/** Re-entry of the current password for sensitive changes, under the same per-account limit as sign-in. */
import type { Db } from '../../platform/db/types.ts'
import { invalid, notFound } from '../../platform/errors.ts'
import type { AttemptLimiter } from './attempts.ts'
import { verifyPassword } from './passwords.ts'
import type { ClientInfo } from './sessions.ts'
import * as store from './store.ts'

export function createPasswordCheck(deps: { db: Db; limiter: AttemptLimiter }) {
  const { db, limiter } = deps
  return { getUser, checkCurrent }

  async function getUser(userId: string): Promise<store.UserRow> {
    const user = await store.findUser(db, userId)
    if (!user) throw notFound('user-not-found', 'No account has this id')
    return user
  }

  /** The user, if `password` is theirs; otherwise 422 wrong-password (and one attempt counted). */
  async function checkCurrent(userId: string, password: string, client: ClientInfo, now: number) {
    const user = await getUser(userId)
    const keys = [
      { kind: 'login:account', subject: user.email },
      { kind: 'login:ip', subject: client.ip ?? '-' },
    ] as const
    await limiter.guard([...keys], now)
    if (!(await verifyPassword(user.password_hash, password))) {
      await limiter.record([...keys], now)
      throw invalid('wrong-password', 'The current password is wrong')
    }
    return user
  }
}
export type PasswordCheck = ReturnType<typeof createPasswordCheck>
