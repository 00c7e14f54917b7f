/**
 * Statements of a fixed shape, built and compiled by Kysely once per dialect and then run with new
 * values (issue 11). Kysely builds an immutable tree for every query and compiles it to SQL on every
 * call: a quarter of a checkout's Node CPU went there. A hot statement whose SQL never changes (only
 * its values) is written once as a builder over named values:
 *
 *   const findCart = fixedQuery((db, p: { id: string }) =>
 *     db.selectFrom('cart').select(['id', 'status']).where('id', '=', p.id))
 *   const rows = await findCart(db, { id })
 *
 * The first call builds it with placeholders in place of the values, compiles it and notes which
 * parameter is which value; every later call sends that SQL with the new values, through the same
 * Kysely executor (the transaction, the pool, the statement counter of the tests). The rule: the
 * builder uses each value only as a value (compared, set, inserted), never to decide the shape (no
 * `if`, no list whose length varies, no `limit` of a varying size: those are values too, but a value
 * that picks a branch is not seen); a value it does not use as a parameter is refused at compile.
 *
 * On PostgreSQL a fixed statement is also a named prepared statement (`preparedName`, used by the
 * pool's client in connect.ts): each connection has the server parse and plan it once, then only binds
 * new values, instead of parsing and planning the same text on every call.
 */
import { createHash } from 'node:crypto'
import { type Compilable, type CompiledQuery, createQueryId } from 'kysely'
import { dialectOf } from './migrate.ts'
import type { Db, Dialect } from './types.ts'

/** Stands in for the value named `name` while the statement is compiled. */
class Placeholder {
  readonly name: string
  constructor(name: string) {
    this.name = name
  }
}

interface Compiled {
  query: CompiledQuery
  /** Per parameter: the name of the value it takes, or undefined for a constant of the builder. */
  names: (string | undefined)[]
}

/** A fixed statement with its values: what `writeLater` (write-batch.ts) takes, or run on its own. */
export interface FixedStatement<R> {
  compile(): CompiledQuery<R>
  execute(): Promise<R[]>
}

export interface FixedQuery<P, R> {
  (db: Db, values: P): Promise<R[]>
  /** The statement with these values, not run yet (for `writeLater`). */
  compiled(db: Db, values: P): FixedStatement<R>
}

export function fixedQuery<P extends Record<string, unknown>, R>(
  build: (db: Db, values: P) => Compilable<R>,
): FixedQuery<P, R> {
  const byDialect = new Map<Dialect, Compiled>()
  const compiled = (db: Db, values: P): FixedStatement<R> => {
    const dialect = dialectOf(db)
    let known = byDialect.get(dialect)
    if (!known) {
      const placeholders = Object.fromEntries(Object.keys(values).map((name) => [name, new Placeholder(name)]))
      const query = build(db, placeholders as P).compile()
      const names = query.parameters.map((p) => (p instanceof Placeholder ? p.name : undefined))
      for (const name of Object.keys(values)) {
        if (!names.includes(name)) throw new Error(`fixedQuery: the value ${name} is not a parameter of ${query.sql}`)
      }
      known = { query, names }
      byDialect.set(dialect, known)
      if (dialect === 'postgres') prepare(query.sql)
    }
    const { query, names } = known
    const parameters = names.map((name, i) => (name === undefined ? query.parameters[i] : values[name]))
    // The builder's operation tree goes along (not a raw query): on SQLite a select outside a
    // transaction then goes to the read connection (sqlite-read-write.ts), as any Kysely select does,
    // instead of queueing for the writer behind open transactions.
    const statement: CompiledQuery<R> = { query: query.query, queryId: createQueryId(), sql: query.sql, parameters }
    return {
      compile: () => statement,
      execute: async () => (await db.executeQuery<R>(statement)).rows,
    }
  }
  return Object.assign(async (db: Db, values: P) => compiled(db, values).execute(), { compiled })
}

/** SQL text → the name of its prepared statement, for the fixed statements compiled for PostgreSQL. */
const preparedNames = new Map<string, string>()

/**
 * The name under which a connection keeps `sql` prepared, if it is a fixed statement's text; otherwise
 * undefined (a statement whose text varies is not prepared: every text would stay on every connection).
 * The name is a hash of the text, so two different texts never share one (pg refuses a name reused for
 * another text on the same connection).
 */
export function preparedName(sql: string): string | undefined {
  return preparedNames.get(sql)
}

function prepare(sql: string) {
  preparedNames.set(sql, `fq_${createHash('sha256').update(sql).digest('base64url').slice(0, 32)}`)
}
