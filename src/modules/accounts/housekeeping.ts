/**
 * Removes rows that can never be used again: attempt counters whose window closed, expired one-time
 * tokens, and sessions that ended (kept a week, so "your sessions" and investigations still see them).
 * Runs on every node on a timer; the deletes are idempotent, so concurrent runs are harmless.
 */
import type { FastifyBaseLogger } from 'fastify'
import type { Db } from '../../platform/db/types.ts'
import { ATTEMPT_LIMITS } from './attempts.ts'
import type { SessionPolicy } from './sessions.ts'
import * as store from './store.ts'

const DAY = 86_400_000
const LONGEST_WINDOW = Math.max(...Object.values(ATTEMPT_LIMITS).map((l) => l.windowMs))

export function createHousekeeping(deps: {
  db: Db
  policy: SessionPolicy
  log: FastifyBaseLogger
  intervalMs: number
}) {
  const { db, policy, log } = deps
  let timer: NodeJS.Timeout | undefined
  return { run, start, stop }

  async function run(now: number = Date.now()) {
    return store.prune(db, {
      attemptsBefore: now - LONGEST_WINDOW,
      tokensBefore: now - DAY,
      // An idle session is dead after idleMs; keep ended sessions a week for the record.
      sessionsBefore: now - Math.max(policy.idleMs, 7 * DAY),
    })
  }

  function start() {
    if (deps.intervalMs <= 0 || timer) return
    timer = setInterval(() => {
      run().catch((error) => log.error({ err: error }, 'accounts housekeeping failed'))
    }, deps.intervalMs)
    timer.unref()
  }

  function stop() {
    if (timer) clearInterval(timer)
    timer = undefined
  }
}
export type Housekeeping = ReturnType<typeof createHousekeeping>
