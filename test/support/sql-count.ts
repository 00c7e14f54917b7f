/**
 * Counts the SQL statements every Kysely instance in this process runs, for tests and benches that
 * measure round trips (`countStatements(() => …)`). Patches Kysely's executor (and ours, direct-kysely.ts) once; the count only
 * grows while a measurement is open. Transaction control (BEGIN, COMMIT, ROLLBACK, savepoints) does not
 * go through the executor: on PostgreSQL, where each is a round trip too, it is counted apart, where
 * pg sends it (`transactionControl`; on SQLite, in process, it is not counted).
 */
import { DefaultQueryExecutor } from 'kysely'
import pg from 'pg'
import { DirectQueryExecutor } from '../../src/platform/db/direct-kysely.ts'

let open = 0
let seen: string[] = []
let control: string[] = []

type Execute = (this: unknown, query: { sql: string }, ...rest: unknown[]) => Promise<unknown>
const proto = DefaultQueryExecutor.prototype as unknown as { executeQuery: Execute }
const original = proto.executeQuery
proto.executeQuery = function (query, ...rest) {
  // The Kysely's own statements run in DirectQueryExecutor's executeQuery (counted below), which hands
  // the others on to this one.
  if (open > 0 && !(this instanceof DirectQueryExecutor)) seen.push(query.sql)
  return original.call(this, query, ...rest)
}
const directProto = DirectQueryExecutor.prototype as unknown as { executeQuery: Execute }
const directOriginal = directProto.executeQuery
directProto.executeQuery = function (query, ...rest) {
  if (open > 0) seen.push(query.sql)
  return directOriginal.call(this, query, ...rest)
}

const CONTROL = /^\s*(begin|start transaction|commit|rollback|savepoint|release)\b/i
const client = pg.Client.prototype as unknown as { query: (this: unknown, ...args: unknown[]) => unknown }
const query = client.query
client.query = function (...args) {
  const text = typeof args[0] === 'string' ? args[0] : (args[0] as { text?: unknown } | null)?.text
  if (open > 0 && typeof text === 'string' && CONTROL.test(text)) control.push(text)
  return query.apply(this, args)
}

/**
 * Runs `work` and returns its result with the SQL text of every statement run meanwhile (any caller),
 * and the transaction control PostgreSQL was sent meanwhile.
 */
export async function countStatements<T>(
  work: () => Promise<T>,
): Promise<{ result: T; statements: string[]; transactionControl: string[] }> {
  if (open === 0) {
    seen = []
    control = []
  }
  open++
  try {
    const result = await work()
    return { result, statements: [...seen], transactionControl: [...control] }
  } finally {
    open--
  }
}
