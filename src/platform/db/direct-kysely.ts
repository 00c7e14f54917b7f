/**
 * Kysely with fewer layers per statement (issue 11). Kysely runs a statement outside a transaction by
 * checking a connection out of its driver and giving it back: its runtime driver, the dialect's
 * driver, our wrappers (pg-lazy-begin.ts, sqlite-read-write.ts) and pg's pool each add an async step
 * (a promise and a microtask or more) on the way out and back, around one query. On a checkout that
 * was a good part of what each statement cost the Node process.
 *
 * So a statement run on the Kysely itself (not in a transaction or on a reserved connection, with no
 * plugin and no abort signal) goes straight to the dialect's `run`: on PostgreSQL `pool.query` (pg-pool
 * checks a client out, runs the statement, named when pg-prepared.ts names it, and checks it in, with
 * callbacks); on SQLite the reader or the writer as sqlite-read-write.ts routes it. Everything else
 * (transactions, `db.connection()`, streams, `withSchema` and other plugins, statements with a signal)
 * goes Kysely's way, through the dialect's driver; that driver is used without Kysely's runtime
 * wrapper (initialised here once, destroyed once), which only guards `init`, adds query logging (not
 * configured here) and a lock for one-connection dialects (not these).
 */
import {
  type CompiledQuery,
  DefaultConnectionProvider,
  DefaultQueryExecutor,
  type Dialect,
  type Driver,
  Kysely,
  type QueryCompiler,
  type QueryResult,
} from 'kysely'
import type pg from 'pg'

type ExecuteOptions = Parameters<DefaultQueryExecutor['executeQuery']>[1]
/** Runs one statement outside any transaction, with the result Kysely's connection would give. */
export type RunAlone = (query: CompiledQuery) => Promise<QueryResult<unknown>>

/** Kysely's executor, whose own statements (no transaction, plugin or signal) go to `run`. */
export class DirectQueryExecutor extends DefaultQueryExecutor {
  readonly #run: RunAlone

  constructor(compiler: QueryCompiler, dialect: Dialect, provider: DefaultConnectionProvider, run: RunAlone) {
    super(compiler, dialect.createAdapter(), provider)
    this.#run = run
  }

  override async executeQuery<R>(query: CompiledQuery, options?: ExecuteOptions): Promise<QueryResult<R>> {
    if (options?.signal || this.plugins.length > 0) return super.executeQuery(query, options)
    try {
      return (await this.#run(query)) as QueryResult<R>
    } catch (error) {
      // As Kysely does: the stack goes on with the caller's (across the await).
      if (error instanceof Error && error.stack) error.stack += new Error().stack?.split('\n').slice(1).join('\n')
      throw error
    }
  }
}

/** A Kysely of `dialect`, its own statements through `runAlone(driver)` (see the file's comment). */
export async function directKysely<DB>(dialect: Dialect, runAlone: (driver: Driver) => RunAlone): Promise<Kysely<DB>> {
  const driver = dialect.createDriver()
  await driver.init()
  let destroyed: Promise<void> | undefined
  const once: Driver = {
    ...driver,
    destroy: () => {
      destroyed ??= driver.destroy()
      return destroyed
    },
  }
  const provider = new DefaultConnectionProvider(once)
  const executor = new DirectQueryExecutor(dialect.createQueryCompiler(), dialect, provider, runAlone(driver))
  return new Kysely<DB>({ config: { dialect }, dialect, driver: once, executor })
}

/** PostgreSQL: a statement through `pool.query`. */
export function poolQuery(pool: pg.Pool): RunAlone {
  return (query) =>
    new Promise((resolve, reject) => {
      pool.query(query.sql, query.parameters as unknown[], (error: Error | undefined, result: pg.QueryResult) =>
        error ? reject(error) : resolve(asResult(result)),
      )
    })
}

/** What Kysely's PostgreSQL connection makes of pg's result. */
function asResult({ command, rowCount, rows }: pg.QueryResult): QueryResult<unknown> {
  if (command === 'ROLLBACK' || command === 'COMMIT') return { rows: [{ command }] }
  const affected = command === 'INSERT' || command === 'UPDATE' || command === 'DELETE' || command === 'MERGE'
  return { numAffectedRows: affected ? BigInt(rowCount ?? 0) : undefined, rows: rows ?? [] }
}
