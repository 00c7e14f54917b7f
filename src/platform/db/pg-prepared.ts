/**
 * pg's client for the app's pool, with statements prepared by name (issue 11). With an unnamed
 * statement, PostgreSQL parses, analyses and plans the SQL text on every call: on the checkout that was
 * a good part of the backends' CPU, which shares the cores with Node. A named prepared statement is
 * parsed and planned once per connection; later calls only bind new values (PostgreSQL still chooses
 * between a plan for the values and its generic plan, as it does for any prepared statement).
 *
 * Which texts are prepared: a fixed statement's (fixed-query.ts, `preparedName`) at once, and any
 * other text with parameters from the second time this connection runs it (a batch statement of a
 * shape seen before, a Kysely query run again), up to MAX_PREPARED texts per connection; after that a
 * new text runs unnamed as before. So texts that vary (a list of n values) cannot fill the server's
 * memory: at most MAX_PREPARED statements per connection, gone when the connection closes. Kysely
 * calls `query(sql, parameters)`, and pool.query (direct-kysely.ts) `query(sql, parameters, callback)`;
 * everything else (a cursor, a query config) passes through as is.
 *
 * Names are a hash of the text (never one name for two texts). A connection's search_path (the
 * test schema) is set once when it opens, so a statement prepared on it always means the same tables.
 * When a table changes under a prepared statement, PostgreSQL plans it again by itself, unless the
 * statement's result columns changed (`select *` after an added column: "cached plan must not change
 * result type"); then the text gets a new name on this connection, and a statement that was not inside
 * a transaction is sent again at once (inside one, the transaction has failed and the error stands).
 */
import { createHash } from 'node:crypto'
import pg from 'pg'
import { preparedName } from './fixed-query.ts'

const MAX_PREPARED = 200
const MAX_SEEN = 1000
let renames = 0

export class PreparingClient extends pg.Client {
  /** Texts prepared (or to prepare) on this connection, and their names. */
  readonly named = new Map<string, string>()
  /** Texts with parameters run once on this connection, not prepared yet. */
  readonly seen = new Set<string>()
}

/** pg's own `query`, looked up at each call: whatever wraps it later (instrumentation, tests counting round trips) still sees every query. */
function plainQuery(this: pg.Client, ...args: unknown[]): Promise<unknown> {
  return (pg.Client.prototype.query as (this: pg.Client, ...args: unknown[]) => Promise<unknown>).apply(this, args)
}

type Callback = (error: (Error & { code?: string }) | null | undefined, result?: unknown) => void
/** pg's Query as this file uses it (its types do not list `name`, which pg reads when it sends the query). */
const Query = pg.Query as unknown as new (text: string, values: unknown[], callback: Callback) => { name?: string }

PreparingClient.prototype.query = function (this: PreparingClient, ...args: unknown[]) {
  const [text, values, callback] = args
  if (
    typeof text !== 'string' ||
    !Array.isArray(values) ||
    values.length === 0 ||
    args.length > 3 ||
    (args.length === 3 && typeof callback !== 'function')
  ) {
    return plainQuery.apply(this, args)
  }
  const name = nameFor(this, text)
  if (!name) return plainQuery.apply(this, args)
  if (callback) {
    sendNamed(this, name, text, values, callback as Callback)
    return undefined
  }
  return new Promise((resolve, reject) => {
    sendNamed(this, name, text, values, (error, result) => {
      if (!error) return resolve(result)
      Error.captureStackTrace(error) // as pg does: a stack that leads to the caller, not to the socket
      reject(error)
    })
  })
} as typeof pg.Client.prototype.query

/**
 * Sends `text` as the prepared statement `name`. The query is handed to pg as a `pg.Query` built from
 * the text (not as a `{ name, text, values }` config, which pg copies property by property with
 * `Object.getOwnPropertyDescriptors` on every call), with a callback (no promise of pg's own). When
 * the statement's result columns changed under it, the text gets a new name on this connection and a
 * statement that was not inside a transaction is sent again at once (see the file's comment).
 */
function sendNamed(client: PreparingClient, name: string, text: string, values: unknown[], done: Callback): void {
  const wasIdle = (client as unknown as { _txStatus: string | null })._txStatus === 'I'
  const query = new Query(text, values, (error, result) => {
    if (error?.code !== '0A000' || !error.message?.includes('cached plan must not change result type')) {
      return done(error, result)
    }
    const renamed = `${name}_${++renames}`
    client.named.set(text, renamed) // the old name stays taken on the server
    if (!wasIdle) return done(error, result)
    const again = new Query(text, values, done)
    again.name = renamed
    plainQuery.call(client, again)
  })
  query.name = name
  plainQuery.call(client, query)
}

function nameFor(client: PreparingClient, text: string): string | undefined {
  const known = client.named.get(text) ?? preparedName(text)
  if (known) return known
  if (client.named.size >= MAX_PREPARED) return undefined
  if (!client.seen.has(text)) {
    if (client.seen.size >= MAX_SEEN) client.seen.clear()
    client.seen.add(text)
    return undefined
  }
  client.seen.delete(text)
  const name = `s_${createHash('sha256').update(text).digest('base64url').slice(0, 32)}`
  client.named.set(text, name)
  return name
}
