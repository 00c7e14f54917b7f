/**
 * Brute-force limits per account and per IP on sign-in, password reset and MFA, counted in the
 * database (table auth_attempt) so every stateless node sees the same counts.
 */
import type { Db } from '../../platform/db/types.ts'
import { tooMany } from '../../platform/errors.ts'
import * as store from './store.ts'

const MINUTE = 60_000

/** Attempts allowed per window. Sign-in and MFA count failures; reset requests count every request. */
export const ATTEMPT_LIMITS = {
  'login:account': { max: 10, windowMs: 15 * MINUTE },
  'login:ip': { max: 100, windowMs: 15 * MINUTE },
  'reset:account': { max: 5, windowMs: 60 * MINUTE },
  'reset:ip': { max: 50, windowMs: 60 * MINUTE },
  'mfa:account': { max: 5, windowMs: 15 * MINUTE },
  'mfa:ip': { max: 50, windowMs: 15 * MINUTE },
} as const

export type AttemptKind = keyof typeof ATTEMPT_LIMITS

export interface AttemptKey {
  kind: AttemptKind
  subject: string
}

/** Seconds until a window opening at `windowStart` closes, or 0 when it has not reached `max`. */
export function retryAfterSeconds(count: number, windowStart: number, kind: AttemptKind, now: number): number {
  const { max, windowMs } = ATTEMPT_LIMITS[kind]
  const closes = windowStart + windowMs
  if (count < max || closes <= now) return 0
  return Math.ceil((closes - now) / 1000)
}

export function createAttemptLimiter(db: Db) {
  return { guard, record, clear }

  /** Throws 429 (with Retry-After) when any key has used up its window. */
  async function guard(keys: AttemptKey[], now: number): Promise<void> {
    for (const key of keys) {
      const row = await store.findAttempt(db, keyOf(key))
      if (!row) continue
      const wait = retryAfterSeconds(row.count, row.window_start, key.kind, now)
      if (wait > 0) throw refused(wait)
    }
  }

  /** Counts one attempt on each key; throws 429 when one goes over its limit. */
  async function record(keys: AttemptKey[], now: number, opts: { throwOver?: boolean } = {}): Promise<void> {
    let wait = 0
    for (const key of keys) {
      const { count, window_start } = await store.hitAttempt(db, keyOf(key), now, ATTEMPT_LIMITS[key.kind].windowMs)
      if (count > ATTEMPT_LIMITS[key.kind].max)
        wait = Math.max(wait, retryAfterSeconds(count, window_start, key.kind, now))
    }
    if (opts.throwOver && wait > 0) throw refused(wait)
  }

  async function clear(key: AttemptKey): Promise<void> {
    await store.clearAttempts(db, keyOf(key))
  }
}
export type AttemptLimiter = ReturnType<typeof createAttemptLimiter>

function keyOf(key: AttemptKey): string {
  return `${key.kind}:${key.subject}`.slice(0, 300)
}

function refused(seconds: number) {
  return tooMany('too-many-attempts', `Too many attempts; retry in ${seconds} s`, seconds)
}
