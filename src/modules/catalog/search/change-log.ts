/**
 * Which products changed since a point: what lets each node's search index (facets.ts, text-index.ts)
 * apply a catalog write instead of rebuilding from the whole catalog.
 *
 * `catalog_change` gets one row (`pos`, `seq`) per write to a row the index is built from: a product,
 * its search text (`product_search`), a variant inserted or deleted, or a variant's stock crossing zero
 * (the in-stock flag). Database triggers write it, in the writing transaction, so every writer is
 * covered (the API, `backroom import`, other processes on the SQLite file, other PostgreSQL nodes)
 * without any of them knowing about it.
 *
 * A reader keeps a cursor: the `pos` from which rows may still be unseen.
 * - SQLite: `pos` is the row's autoincrement key; writers hold the file's write lock, so rows commit in
 *   `pos` order and the cursor is one past the highest read.
 * - PostgreSQL: `pos` is the writing transaction's id (`txid_current()`); transactions commit in any
 *   order, so the cursor is the `xmin` of the snapshot that read the rows (every transaction below it has
 *   ended), and the next read takes every row at or above it: rows already applied may come again,
 *   which is harmless (a product is re-read as it is now), and a row committed late is never missed.
 *
 * Rows are pruned beyond a bound (`prune`): `catalog_change_floor` keeps the highest `pos` removed, and
 * a reader whose cursor is not above it rebuilds from the whole catalog instead.
 */
import { type Kysely, sql } from 'kysely'
import { dialectOf, type Migrations } from '../../../platform/db/migrate.ts'
import type { Db, Dialect } from '../../../platform/db/types.ts'

/** Rows kept when pruning (about three per product written: product, search text, variants). */
export const CHANGE_LOG_KEEP = 300_000

export const changeLogMigrations: Migrations = {
  '0620_catalog_change_log': {
    async up(db: Kysely<any>) {
      const postgres = dialectOf(db) === 'postgres'
      if (postgres) {
        await sql`create table catalog_change (
          id bigint generated always as identity primary key,
          pos bigint not null,
          seq bigint not null)`.execute(db)
        await sql`create index catalog_change_pos on catalog_change (pos)`.execute(db)
        await sql`create table catalog_change_floor (id integer primary key, pos bigint not null)`.execute(db)
        // Statement triggers with transition tables: a bulk write adds its rows in one insert.
        await sql`create function catalog_change_rows() returns trigger language plpgsql as $$
          begin
            insert into catalog_change (pos, seq) select txid_current(), c.seq from changed c;
            return null;
          end $$`.execute(db)
        await sql`create function catalog_change_variants() returns trigger language plpgsql as $$
          begin
            insert into catalog_change (pos, seq)
              select distinct txid_current(), p.seq from changed c join product p on p.id = c.product_id;
            return null;
          end $$`.execute(db)
        await sql`create function catalog_change_stock() returns trigger language plpgsql as $$
          begin
            insert into catalog_change (pos, seq)
              select distinct txid_current(), p.seq
              from changed n join before o on o.id = n.id
              join product p on p.id = n.product_id or p.id = o.product_id
              where (o.stock > 0) <> (n.stock > 0) or o.product_id <> n.product_id;
            return null;
          end $$`.execute(db)
        for (const table of ['product', 'product_search']) {
          for (const [event, ref] of [
            ['insert', 'new table as changed'],
            ['update', 'new table as changed'],
            ['delete', 'old table as changed'],
          ]) {
            await sql
              .raw(`create trigger catalog_change_${table}_${event} after ${event} on ${table}
                referencing ${ref} for each statement execute function catalog_change_rows()`)
              .execute(db)
          }
        }
        await sql`create trigger catalog_change_variant_insert after insert on variant
          referencing new table as changed for each statement execute function catalog_change_variants()`.execute(db)
        await sql`create trigger catalog_change_variant_delete after delete on variant
          referencing old table as changed for each statement execute function catalog_change_variants()`.execute(db)
        await sql`create trigger catalog_change_variant_update after update on variant
          referencing old table as before new table as changed
          for each statement execute function catalog_change_stock()`.execute(db)
      } else {
        await sql`create table catalog_change (pos integer primary key autoincrement, seq integer not null)`.execute(db)
        await sql`create table catalog_change_floor (id integer primary key, pos integer not null)`.execute(db)
        for (const table of ['product', 'product_search']) {
          for (const [event, row] of [
            ['insert', 'new'],
            ['update', 'new'],
            ['delete', 'old'],
          ]) {
            await sql
              .raw(`create trigger catalog_change_${table}_${event} after ${event} on ${table}
                begin insert into catalog_change (seq) values (${row}.seq); end`)
              .execute(db)
          }
        }
        await sql`create trigger catalog_change_variant_insert after insert on variant
          begin insert into catalog_change (seq) select seq from product where id = new.product_id; end`.execute(db)
        await sql`create trigger catalog_change_variant_delete after delete on variant
          begin insert into catalog_change (seq) select seq from product where id = old.product_id; end`.execute(db)
        await sql`create trigger catalog_change_variant_update after update of stock, product_id on variant
          when (old.stock > 0) <> (new.stock > 0) or old.product_id <> new.product_id
          begin insert into catalog_change (seq) select seq from product where id in (old.product_id, new.product_id); end`.execute(
          db,
        )
      }
      await sql`insert into catalog_change_floor (id, pos) values (1, 0)`.execute(db)
    },
    async down(db: Kysely<any>) {
      const postgres = dialectOf(db) === 'postgres'
      for (const table of ['product', 'product_search', 'variant']) {
        for (const event of ['insert', 'update', 'delete']) {
          await sql
            .raw(`drop trigger if exists catalog_change_${table}_${event}${postgres ? ` on ${table}` : ''}`)
            .execute(db)
        }
      }
      if (postgres) {
        await sql`drop function if exists catalog_change_rows()`.execute(db)
        await sql`drop function if exists catalog_change_variants()`.execute(db)
        await sql`drop function if exists catalog_change_stock()`.execute(db)
      }
      await sql`drop table if exists catalog_change`.execute(db)
      await sql`drop table if exists catalog_change_floor`.execute(db)
    },
  },
}

/** One past the highest pos written (also once pruning emptied the table: the floor stays). */
const SQLITE_NEXT = sql`(max(coalesce((select max(pos) from catalog_change), 0),
  (select pos from catalog_change_floor where id = 1)) + 1)`

/** The cursor to keep before reading the whole catalog: every change at or after it is read later. */
export async function changeCursor(db: Db, dialect: Dialect): Promise<number> {
  const query =
    dialect === 'postgres'
      ? sql<{ pos: string }>`select txid_snapshot_xmin(txid_current_snapshot()) as pos`
      : sql<{ pos: number }>`select ${SQLITE_NEXT} as pos`
  const { rows } = await query.execute(db)
  return Number(rows[0].pos)
}

/**
 * The products (by seq) changed at or after `cursor` and the cursor to keep next, read in one
 * statement (one snapshot); undefined when pruning removed rows the cursor still needed, or when more
 * than `limit` distinct products changed (the caller rebuilds from the whole catalog).
 */
export async function changesSince(
  db: Db,
  dialect: Dialect,
  cursor: number,
  limit: number,
): Promise<{ seqs: number[]; cursor: number } | undefined> {
  const next = dialect === 'postgres' ? sql`txid_snapshot_xmin(txid_current_snapshot())` : SQLITE_NEXT
  const { rows } = await sql<{ floor: string | number; next: string | number; seq: string | number | null }>`
    select f.pos as floor, ${next} as next, c.seq
    from catalog_change_floor f
    left join (select distinct seq from catalog_change where pos >= ${cursor} limit ${limit + 1}) c on 1 = 1
    where f.id = 1`.execute(db)
  if (rows.length === 0 || Number(rows[0].floor) >= cursor) return undefined
  const seqs = rows.filter((r) => r.seq !== null).map((r) => Number(r.seq))
  if (seqs.length > limit) return undefined
  return { seqs, cursor: Number(rows[0].next) }
}

/**
 * Keeps the newest `keep` rows: removes the others and raises the floor to the highest `pos` removed.
 * Cheap when there is nothing to remove (one indexed read).
 */
export async function pruneChanges(db: Db, dialect: Dialect, keep = CHANGE_LOG_KEEP): Promise<number> {
  const key = sql.raw(dialect === 'postgres' ? 'id' : 'pos')
  // Read first, outside a transaction: most calls find nothing to remove and write nothing.
  const over = await sql`select 1 from catalog_change order by ${key} desc limit 1 offset ${keep}`.execute(db)
  if (over.rows.length === 0) return 0
  return db.transaction().execute(async (trx) => {
    const { rows } = await sql<{ last: string | number | null }>`
      select ${key} as last from catalog_change order by ${key} desc limit 1 offset ${keep}`.execute(trx)
    if (rows.length === 0 || rows[0].last === null) return 0
    const last = Number(rows[0].last)
    // One statement on PostgreSQL: the floor is the highest pos of exactly the rows deleted.
    const removed =
      dialect === 'postgres'
        ? (
            await sql<{
              n: string
              top: string | null
            }>`with d as (delete from catalog_change where id <= ${last} returning pos)
              select count(*) as n, max(pos) as top from d`.execute(trx)
          ).rows[0]
        : (
            await sql<{ n: number; top: number | null }>`select count(*) as n, max(pos) as top from catalog_change
              where pos <= ${last}`.execute(trx)
          ).rows[0]
    if (dialect === 'sqlite') await sql`delete from catalog_change where pos <= ${last}`.execute(trx)
    const top = Number(removed.top ?? 0)
    await sql`update catalog_change_floor set pos = ${top} where id = 1 and pos < ${top}`.execute(trx)
    return Number(removed.n)
  })
}
