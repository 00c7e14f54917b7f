/**
 * The race a rollup's catch-up must win (insights and sales tests): a background run holds the job
 * lock, stopped before its commit; meanwhile more rows are queued (PostgreSQL: `whileHeld`); then a
 * report's catch-up (`waitMs`) finds the lock held and must wait until every row queued before it was
 * folded, by either runner. SQLite has one connection: the second transaction queues behind the first
 * anyway, so there the background run is let go at once and `whileHeld` does not run.
 */
import type { CatchUpOptions } from '../../src/platform/db/job-lock.ts'
import { REPORT_WAIT_MS } from '../../src/platform/db/job-lock.ts'
import { dialectOf } from '../../src/platform/db/migrate.ts'
import type { Db } from '../../src/platform/db/types.ts'

export async function reportBehindHeldLock(
  db: Db,
  catchUp: (db: Db, options: CatchUpOptions) => Promise<number>,
  whileHeld: () => Promise<unknown>,
): Promise<{ folded: number; busy: number }> {
  const postgres = dialectOf(db) === 'postgres'
  const { promise: gate, resolve: release } = Promise.withResolvers<void>()
  const { promise: held, resolve: holding } = Promise.withResolvers<void>()
  const background = catchUp(db, {
    beforeCommit: async () => {
      holding()
      await gate
    },
  })
  if (postgres) {
    await held
    await whileHeld()
  } else {
    release()
  }
  let busy = 0
  const report = catchUp(db, {
    waitMs: REPORT_WAIT_MS,
    onBusy: () => {
      busy++
      release()
    },
  })
  const [first, second] = await Promise.all([background, report])
  return { folded: first + second, busy }
}
