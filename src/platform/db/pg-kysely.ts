/**
 * Kysely over the app's pg pool, with fewer layers per statement (issue 11). Kysely runs a statement
 * outside a transaction by checking a connection out of its driver and giving it back: its runtime
 * driver, the dialect's driver, our lazy-BEGIN wrapper (pg-lazy-begin.ts) and the pool each add an
 * async step (a promise and a microtask or more) on the way out and back, around one `client.query`.
 * On a checkout that was a good part of what each round trip cost the Node process.
 *
 * So a statement run on the Kysely itself (not in a transaction or on a reserved connection, with no
 * plugin and no abort signal) goes through `pool.query`: pg-pool checks a client out, runs the
 * statement (named when pg-prepared.ts names it) and checks it in, with callbacks. Everything else
 * (transactions, `db.connection()`, streams, `withSchema` and other plugins, statements with a signal)
 * goes Kysely's way, through the dialect's driver; that driver is used without Kysely's runtime
 * wrapper (initialised here once, destroyed once), which only guards `init` and adds query logging
 * (not configured here). The results are the ones Kysely's PostgreSQL connection makes.
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

/** Kysely's executor, whose own statements (no transaction, plugin or signal) go through `pool.query`. */
export class PoolQueryExecutor extends DefaultQueryExecutor {
  readonly #pool: pg.Pool

  constructor(compiler: QueryCompiler, dialect: Dialect, provider: DefaultConnectionProvider, pool: pg.Pool) {
    super(compiler, dialect.createAdapter(), provider)
    this.#pool = pool
  }

  override async executeQuery<R>(query: CompiledQuery, options?: ExecuteOptions): Promise<QueryResult<R>> {
    if (options?.signal || this.plugins.length > 0) return super.executeQuery(query, options)
    try {
      return asResult<R>(await poolQuery(this.#pool, query.sql, query.parameters as unknown[]))
    } catch (error) {
      // As Kysely does: the stack goes on with the caller's (across the await).
      if (error instanceof Error && error.stack) error.stack += new Error().stack?.split('\n').slice(1).join('\n')
      throw error
    }
  }
}

function poolQuery(pool: pg.Pool, text: string, values: unknown[]): Promise<pg.QueryResult> {
  return new Promise((resolve, reject) => {
    pool.query(text, values, (error: Error | undefined, result: pg.QueryResult) =>
      error ? reject(error) : resolve(result),
    )
  })
}

/** What Kysely's PostgreSQL connection makes of pg's result. */
function asResult<R>({ command, rowCount, rows }: pg.QueryResult): QueryResult<R> {
  if (command === 'ROLLBACK' || command === 'COMMIT') return { rows: [{ command }] as R[] }
  const affected = command === 'INSERT' || command === 'UPDATE' || command === 'DELETE' || command === 'MERGE'
  return { numAffectedRows: affected ? BigInt(rowCount ?? 0) : undefined, rows: (rows ?? []) as R[] }
}

/** A Kysely of `dialect` (whose driver uses `pool`), its own statements through `pool.query`. */
export async function poolKysely<DB>(dialect: Dialect, pool: pg.Pool): Promise<Kysely<DB>> {
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
  const executor = new PoolQueryExecutor(dialect.createQueryCompiler(), dialect, provider, pool)
  return new Kysely<DB>({ config: { dialect }, dialect, driver: once, executor })
}
