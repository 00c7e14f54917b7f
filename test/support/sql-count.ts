/**
 * Counts the SQL statements every Kysely instance in this process runs, for tests and benches that
 * measure round trips (`countStatements(() => …)`). Patches Kysely's executor once; the count only
 * grows while a measurement is open.
 */
import { DefaultQueryExecutor } from 'kysely'

let open = 0
let seen: string[] = []

const proto = DefaultQueryExecutor.prototype as unknown as {
  executeQuery: (this: unknown, query: { sql: string }, ...rest: unknown[]) => Promise<unknown>
}
const original = proto.executeQuery
proto.executeQuery = function (query, ...rest) {
  if (open > 0) seen.push(query.sql)
  return original.call(this, query, ...rest)
}

/** Runs `work` and returns its result with the SQL text of every statement run meanwhile (any caller). */
export async function countStatements<T>(work: () => Promise<T>): Promise<{ result: T; statements: string[] }> {
  if (open === 0) seen = []
  open++
  try {
    const result = await work()
    return { result, statements: [...seen] }
  } finally {
    open--
  }
}
