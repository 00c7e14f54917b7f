/**
 * Opens the configured database: SQLite through node:sqlite (the default, zero set-up) or PostgreSQL
 * through pg. Everything above this file speaks Kysely and does not care which.
 */
import { Kysely, SqliteDialect, sql } from 'kysely'
import pg from 'pg'
import Cursor from 'pg-cursor'
import type { Config } from '../config.ts'
import { type ChangeSignal, postgresChangeSignal, sqliteChangeSignal } from './change-signal.ts'
import { directKysely, poolQuery } from './direct-kysely.ts'
import { LazyBeginPostgresDialect } from './pg-lazy-begin.ts'
import { PreparingClient } from './pg-prepared.ts'
import { pgTypes } from './pg-types.ts'
import { openSqlite } from './sqlite.ts'
import { type ReadWriteDriver, SqliteReadWriteDialect } from './sqlite-read-write.ts'
import type { Database, Dialect } from './types.ts'

export interface DatabaseHandle {
  db: Kysely<Database>
  dialect: Dialect
  /** Tells every node (and other processes on the same SQLite file) that data under `topic` changed. */
  changeSignal(topic: string, onError?: (error: Error) => void): Promise<ChangeSignal>
  /** Cheap round trip, for /readyz. */
  ping(): Promise<void>
  close(): Promise<void>
}

export async function connectDatabase(config: Config['database']): Promise<DatabaseHandle> {
  if (config.kind === 'sqlite') {
    // The writer never sleeps in SQLite waiting for another process's write lock: that would stop the
    // event loop; sqlite-read-write.ts waits on a timer instead.
    const database = openSqlite(config.sqlitePath, { busyTimeoutMs: 0 })
    database.raw.exec('PRAGMA secure_delete = ON') // erased personal data is zeroed, not left in free pages (docs/PRIVACY.md)
    // A file gets a second, query-only connection for reads outside transactions (sqlite-read-write.ts);
    // ':memory:' cannot be shared between connections and stays on one.
    // Statements outside transactions go straight to the reader or the writer (direct-kysely.ts).
    const db =
      config.sqlitePath === ':memory:'
        ? new Kysely<Database>({ dialect: new SqliteDialect({ database }) })
        : await directKysely<Database>(
            new SqliteReadWriteDialect(database, openSqlite(config.sqlitePath, { readOnly: true })),
            (driver) => (driver as ReadWriteDriver).runAlone,
          )
    return {
      db,
      dialect: 'sqlite',
      changeSignal: async (topic) => sqliteChangeSignal(database.raw, topic, undefined, database.transactionsBegun),
      ping: async () => {
        await sql`select 1`.execute(db)
      },
      close: () => db.destroy(),
    }
  }

  const schema = config.schema
  const types = pgTypes // int8 and numeric as numbers
  const pool = new pg.Pool({
    connectionString: config.url,
    max: config.poolSize,
    types,
    Client: PreparingClient, // statements prepared by name, once per connection (pg-prepared.ts)
    ...(schema ? { options: `-c search_path=${schema},public` } : {}),
  })
  // A cursor does not use the pool's parsers unless given them.
  class TypedCursor<R> extends Cursor<R> {
    constructor(text: string, values?: unknown[], options?: Cursor.CursorQueryConfig) {
      super(text, values, { ...options, types })
    }
  }
  pool.on('error', () => {}) // an idle client's error is reported on its next use; do not crash the process
  // Kysely's dialect; batched transactions (write-batch.ts) may send their BEGIN late (pg-lazy-begin.ts).
  // Statements outside transactions go through pool.query (direct-kysely.ts).
  const db = await directKysely<Database>(new LazyBeginPostgresDialect({ pool, cursor: TypedCursor }), () =>
    poolQuery(pool),
  )
  if (schema) await sql`create schema if not exists ${sql.id(schema)}`.execute(db)
  return {
    db,
    dialect: 'postgres',
    changeSignal: (topic, onError) => postgresChangeSignal({ url: config.url, schema, topic, onError }),
    ping: async () => {
      await sql`select 1`.execute(db)
    },
    close: async () => {
      if (schema && config.dropSchemaOnClose) {
        await sql`drop schema if exists ${sql.id(schema)} cascade`.execute(db).catch(() => {})
      }
      await db.destroy()
    },
  }
}
