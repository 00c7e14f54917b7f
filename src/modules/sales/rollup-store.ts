/**
 * SQL for the sales rollups (docs/INSIGHTS.md, "Rollups"): orders waiting to be re-read, what each
 * order adds to the rollups now, and the per-day tables the sales and top-products reports read.
 */
import { type Kysely, sql } from 'kysely'
import { inChunks, upsertRows, whereIn } from '../../platform/db/bulk.ts'
import { dialectOf } from '../../platform/db/migrate.ts'
import type { Db } from '../../platform/db/types.ts'
import { insertRowsLater } from '../../platform/db/write-batch.ts'
import { DAY_MS, type Granularity } from '../../platform/reports.ts'
import { dayBucket } from '../insights/rollup-store.ts'
import { SOLD } from './store.ts'

export { SOLD }

export interface SalesRollupTables {
  /** An order changed (written in the changing transaction); one row per change. */
  sales_rollup_pending: { id: string; order_id: string }
  /** What an order adds to the rollups now: its day and currency, and its figures if it counts as sold. */
  sales_order_rollup: {
    order_id: string
    day: number
    currency: string
    sold: number
    revenue: number
    refunded: number
  }
  sales_day: { day: number; currency: string; orders: number; revenue: number; refunded: number }
  /**
   * Per currency and SKU (a product; titles are kept apart, below): a small id, its last day with a
   * sale (-1 when every sale was cancelled) and its totals up to that day.
   */
  sales_product: {
    id: number
    currency: string
    sku: string
    last_day: number
    lines: number
    units: number
    revenue: number
  }
  /**
   * One row per product and day WITH a sale (sparse: nothing for the days between): that day's sold
   * lines, units and revenue, the running totals up to and including it, and the product's previous
   * and next day with a sale (NO_DAY, NO_NEXT_DAY at the ends). See `topProducts` for the read.
   */
  product_sales_day: {
    product_id: number
    day: number
    prev_day: number
    next_day: number
    lines: number
    units: number
    revenue: number
    cum_lines: number
    cum_units: number
    cum_revenue: number
  }
  /** Every title a product was sold under (never pruned; `product_title_day` says when). */
  sales_product_title: { product_id: number; title: string }
  /** Sold lines per product, title and day with a sale: which titles sold in a range. */
  product_title_day: { product_id: number; title: string; day: number; lines: number }
}

export async function markPending(db: Db, row: { id: string; order_id: string }): Promise<void> {
  await insertRowsLater(db, 'sales_rollup_pending', row)
}

export function claimPending(db: Db, limit: number) {
  return db.selectFrom('sales_rollup_pending').select(['id', 'order_id']).orderBy('id').limit(limit).execute()
}

export async function hasPending(db: Db): Promise<boolean> {
  return (await db.selectFrom('sales_rollup_pending').select('id').limit(1).executeTakeFirst()) !== undefined
}

/** The greatest pending id now, if any: every change committed before this read is at or below it. */
export async function lastPendingId(db: Db): Promise<string | undefined> {
  const row = await db.selectFrom('sales_rollup_pending').select('id').orderBy('id', 'desc').limit(1).executeTakeFirst()
  return row?.id
}

/** Whether a change at or below `id` is still pending. */
export async function hasPendingUpTo(db: Db, id: string): Promise<boolean> {
  const row = await db.selectFrom('sales_rollup_pending').select('id').where('id', '<=', id).limit(1).executeTakeFirst()
  return row !== undefined
}

// The catch-up's writes and lists go through platform/db/bulk.ts (SQL text per shape, a list as one
// parameter): through Kysely's query tree, a few hundred rows cost more Node CPU than the statements.

export async function clearPending(db: Db, ids: readonly string[]): Promise<void> {
  if (ids.length === 0) return
  await db
    .deleteFrom('sales_rollup_pending')
    .where(whereIn(db, 'id', ids))
    .execute()
}

/** The orders as they are now (read after their pending rows were claimed, so every claimed change shows). */
export async function listOrders(db: Db, ids: readonly string[]) {
  const out: {
    id: string
    status: string
    currency: string
    total: number
    amount_refunded: number
    created_at: number
  }[] = []
  if (ids.length === 0) return out
  return db
    .selectFrom('shop_order')
    .select(['id', 'status', 'currency', 'total', 'amount_refunded', 'created_at'])
    .where(whereIn(db, 'id', ids))
    .execute()
}

export async function listContributions(db: Db, ids: readonly string[]) {
  if (ids.length === 0) return []
  return db
    .selectFrom('sales_order_rollup')
    .selectAll()
    .where(whereIn(db, 'order_id', ids))
    .execute()
}

export async function listLines(db: Db, orderIds: readonly string[]) {
  if (orderIds.length === 0) return []
  return db
    .selectFrom('order_line')
    .select(['order_id', 'sku', 'title', 'quantity', 'total'])
    .where(whereIn(db, 'order_id', orderIds))
    .execute()
}

export async function putContributions(db: Db, rows: SalesRollupTables['sales_order_rollup'][]): Promise<void> {
  await upsertRows(db, 'sales_order_rollup', rows, {
    key: ['order_id'],
    set: {
      day: 'excluded."day"',
      currency: 'excluded."currency"',
      sold: 'excluded."sold"',
      revenue: 'excluded."revenue"',
      refunded: 'excluded."refunded"',
    },
  })
}

export async function addSalesDays(db: Db, rows: SalesRollupTables['sales_day'][]): Promise<void> {
  await upsertRows(db, 'sales_day', rows, {
    key: ['day', 'currency'],
    set: {
      orders: '"sales_day"."orders" + excluded."orders"',
      revenue: '"sales_day"."revenue" + excluded."revenue"',
      refunded: '"sales_day"."refunded" + excluded."refunded"',
    },
  })
}

export type SalesProduct = SalesRollupTables['sales_product']
export type ProductDay = SalesRollupTables['product_sales_day']

/** `prev_day` of a product's first day with a sale; `last_day` of a product with none. */
export const NO_DAY = -1
/** `next_day` of a product's last day with a sale (greater than any day). */
export const NO_NEXT_DAY = 2_147_483_647

/** The products (currency and SKU) with one of these SKUs. */
export async function listProducts(db: Db, skus: readonly string[]) {
  if (skus.length === 0) return []
  return db
    .selectFrom('sales_product')
    .selectAll()
    .where(whereIn(db, 'sku', skus))
    .execute()
}

/** The next free product id (ids are given out by the catch-up, which runs under its job lock). */
export async function nextProductId(db: Db): Promise<number> {
  const row = await db
    .selectFrom('sales_product')
    .select((eb) => eb.fn.max('id').as('id'))
    .executeTakeFirst()
  return Number(row?.id ?? 0) + 1
}

export async function putProducts(db: Db, rows: SalesProduct[]): Promise<void> {
  await upsertRows(db, 'sales_product', rows, {
    key: ['id'],
    set: {
      last_day: 'excluded."last_day"',
      lines: 'excluded."lines"',
      units: 'excluded."units"',
      revenue: 'excluded."revenue"',
    },
  })
}

/** Integer pairs as a CTE both dialects read (`with name (a, b) as (values …)`). */
function pairs(name: string, columns: [string, string], rows: readonly (readonly [number, number])[]) {
  const values = sql.join(rows.map(([a, b]) => sql`(cast(${a} as integer), cast(${b} as integer))`))
  return sql`${sql.id(name)} (${sql.id(columns[0])}, ${sql.id(columns[1])}) as (values ${values})`
}

/** Every row of each product from its given day on (the rows a late change rewrites). */
export async function listProductDaysFrom(db: Db, wants: readonly (readonly [number, number])[]) {
  const out: ProductDay[] = []
  await inChunks(wants, async (part) => {
    const rows = await sql<ProductDay>`with ${pairs('want', ['product_id', 'from_day'], part)}
      select d.* from want join product_sales_day d on d.product_id = want.product_id and d.day >= want.from_day`.execute(
      db,
    )
    out.push(...rows.rows)
  })
  return out
}

/** Re-links the day before a product's rewritten run to the run's first day (`next_day`). */
export async function setNextDays(db: Db, rows: readonly { product_id: number; day: number; next_day: number }[]) {
  await inChunks(rows, async (part) => {
    const values = sql.join(
      part.map(
        (r) => sql`(cast(${r.product_id} as integer), cast(${r.day} as integer), cast(${r.next_day} as integer))`,
      ),
    )
    await sql`with link (product_id, day, next_day) as (values ${values})
      update product_sales_day set next_day = link.next_day from link
      where product_sales_day.product_id = link.product_id and product_sales_day.day = link.day`.execute(db)
  })
}

export async function putProductDays(db: Db, rows: ProductDay[]): Promise<void> {
  const set = ['prev_day', 'next_day', 'lines', 'units', 'revenue', 'cum_lines', 'cum_units', 'cum_revenue']
  await upsertRows(db, 'product_sales_day', rows, {
    key: ['product_id', 'day'],
    set: Object.fromEntries(set.map((c) => [c, `excluded."${c}"`])),
  })
}

/** Days that no longer have a sale (every sale of that product on that day cancelled or re-dated). */
export async function deleteProductDays(db: Db, rows: readonly { product_id: number; day: number }[]) {
  for (const [productId, days] of Map.groupBy(rows, (r) => r.product_id)) {
    await db
      .deleteFrom('product_sales_day')
      .where('product_id', '=', productId)
      .where(
        'day',
        'in',
        days.map((d) => d.day),
      )
      .execute()
  }
}

/** Adds sold lines per product, title and day; forgets a title's day once it has none. */
export async function addTitleDays(db: Db, rows: SalesRollupTables['product_title_day'][]): Promise<void> {
  const emptied: SalesRollupTables['product_title_day'][] = []
  const after = await upsertRows<SalesRollupTables['product_title_day']>(db, 'product_title_day', rows, {
    key: ['product_id', 'title', 'day'],
    set: { lines: '"product_title_day"."lines" + excluded."lines"' },
    returning: ['product_id', 'title', 'day', 'lines'],
  })
  emptied.push(...after.filter((r) => Number(r.lines) === 0))
  for (const r of emptied) {
    await db
      .deleteFrom('product_title_day')
      .where('product_id', '=', r.product_id)
      .where('title', '=', r.title)
      .where('day', '=', r.day)
      .execute()
  }
  const titles = [...new Map(rows.map((r) => [`${r.product_id}|${r.title}`, r])).values()]
  await upsertRows(
    db,
    'sales_product_title',
    titles.map((r) => ({ product_id: r.product_id, title: r.title })),
    { key: ['product_id', 'title'] },
  )
}

// ---------------------------------------------------------------------------------------------
// Reports: inclusive day numbers.

export function salesByBucket(db: Db, fromDay: number, toDay: number, granularity: Granularity) {
  const bucket = dayBucket('day', granularity)
  const orders = sql<number>`sum(orders)`
  return db
    .selectFrom('sales_day')
    .select([
      bucket.as('bucket'),
      'currency',
      orders.as('orders'),
      sql<number>`sum(revenue)`.as('revenue'),
      sql<number>`sum(refunded)`.as('refunded'),
    ])
    .where('day', '>=', fromDay)
    .where('day', '<=', toDay)
    .groupBy([bucket, 'currency'])
    .having(orders, '>', 0) // a day whose only sale was cancelled again is no sale
    .execute()
}

/**
 * Best sellers from `fromDay` to `toDay` (inclusive). A product sold in the range has exactly one day
 * with a sale in it whose previous day with a sale is before `fromDay` (its first in the range) and
 * exactly one whose next one is after `toDay` (its last in the range); its sales in the range are the
 * running totals of the last minus those of the first, plus the first day's own. Both rows are found
 * through an index on (day, next_day) and (day, prev_day) that covers the columns read: one short index
 * range per day of the range, each holding only the rows wanted, so the answer reads two index entries
 * per product sold in the range (and none for one that was not), whatever the range's length or the
 * days without sales between. Ranked per product (currency and SKU); the title (the greatest one sold
 * in the range, as the orders would answer) is then looked up for the answered products only.
 */
export async function topProducts(db: Db, fromDay: number, toDay: number, by: 'revenue' | 'units', limit: number) {
  if (toDay < fromDay) return []
  const top =
    dialectOf(db) === 'postgres' && !db.isTransaction
      ? // One backend, no parallel workers: starting them costs more than the grouping of ~30,000 rows.
        await db.transaction().execute(async (trx) => {
          await sql`set local max_parallel_workers_per_gather = 0`.execute(trx)
          return topProductsQuery(trx, fromDay, toDay, by, limit).execute()
        })
      : await topProductsQuery(db, fromDay, toDay, by, limit).execute()
  if (top.length === 0) return []
  const titles = new Map(
    (await rangeTitles(db, fromDay, toDay, [...new Set(top.map((r) => Number(r.id)))])).map((t) => [
      Number(t.product_id),
      t.title,
    ]),
  )
  return top.map((r) => ({
    sku: r.sku,
    title: titles.get(Number(r.id)) ?? r.sku,
    currency: r.currency,
    units: r.units,
    revenue: r.revenue,
  }))
}

/**
 * The ranking query of `topProducts` (product id, SKU, currency, units, revenue), to run or to explain.
 * Both dialects: the two sets of ends are summed per product id in one grouping of their union (a
 * sort on SQLite, a hash on PostgreSQL; no join whose plan hinges on a row estimate), materialized once;
 * the value of the `limit`-th best is found on those sums alone (a bounded top-N sort), and only the
 * products at or above it (the answer and its ties) are joined to their SKU and currency for the final
 * order. A hash join of the two sets was planned as a nested loop over every product's days when
 * PostgreSQL underestimated `day in (…) and next_day > to` (0.4–1 s at 1M orders).
 */
export function topProductsQuery(db: Db, fromDay: number, toDay: number, by: 'revenue' | 'units', limit: number) {
  const days = Array.from({ length: Math.max(0, toDay - fromDay + 1) }, (_, i) => fromDay + i)
  const last = db
    .selectFrom('product_sales_day')
    .select(['product_id', 'cum_units as units', 'cum_revenue as revenue'])
    .where('day', 'in', days)
    .where('next_day', '>', toDay)
  const first = db
    .selectFrom('product_sales_day')
    .select([
      'product_id',
      sql<number>`units - cum_units`.as('units'),
      sql<number>`revenue - cum_revenue`.as('revenue'),
    ])
    .where('day', 'in', days)
    .where('prev_day', '<', fromDay)
  const order = by === 'units' ? 'units' : 'revenue'
  return db
    .with(
      (cte) => cte('sums').materialized(),
      (qb) =>
        qb
          .selectFrom(last.unionAll(first).as('ends'))
          .select(['product_id', sql<number>`sum(units)`.as('units'), sql<number>`sum(revenue)`.as('revenue')])
          .groupBy('product_id'),
    )
    .with('best', (qb) =>
      qb
        .selectFrom('sums')
        .select(sql<number>`${sql.ref(order)}`.as('value'))
        .orderBy(sql.ref(order), 'desc')
        .limit(limit),
    )
    .selectFrom('sums as t')
    .innerJoin('sales_product as p', 'p.id', 't.product_id')
    .select(['p.id as id', 'p.sku as sku', 'p.currency as currency', 't.units as units', 't.revenue as revenue'])
    .where(sql<boolean>`${sql.ref(`t.${order}`)} >= (select min(value) from best)`)
    .orderBy(sql.ref(`t.${order}`), 'desc')
    .orderBy('p.sku')
    .orderBy('p.currency')
    .limit(limit)
}

/** Per product, the greatest title sold from `fromDay` to `toDay` (one index probe per title it ever had). */
function rangeTitles(db: Db, fromDay: number, toDay: number, productIds: number[]) {
  return db
    .selectFrom('sales_product_title as t')
    .select(['t.product_id as product_id', sql<string>`max(t.title)`.as('title')])
    .where('t.product_id', 'in', productIds)
    .where(({ exists, selectFrom }) =>
      exists(
        selectFrom('product_title_day as d')
          .select('d.day')
          .whereRef('d.product_id', '=', 't.product_id')
          .whereRef('d.title', '=', 't.title')
          .where('d.day', '>=', fromDay)
          .where('d.day', '<=', toDay),
      ),
    )
    .groupBy('t.product_id')
    .execute()
}

// ---------------------------------------------------------------------------------------------
// Rebuild from the orders tables in SQL (the migration's backfill; benchmarks after seeding). Run it
// with order writes stopped.

export async function rebuildSalesRollups(db: Kysely<any>): Promise<void> {
  for (const table of [
    'sales_rollup_pending',
    'sales_order_rollup',
    'sales_day',
    'product_title_day',
    'sales_product_title',
    'product_sales_day',
    'sales_product',
  ]) {
    await db.deleteFrom(table).execute()
  }
  const sold = sql`status in (${sql.join(SOLD.map((s) => sql.lit(s)))})`
  await sql`insert into sales_order_rollup (order_id, day, currency, sold, revenue, refunded)
    select id, created_at / ${sql.lit(DAY_MS)}, currency,
      case when ${sold} then 1 else 0 end,
      case when ${sold} then total else 0 end,
      case when ${sold} then amount_refunded else 0 end
    from shop_order`.execute(db)
  await sql`insert into sales_day (day, currency, orders, revenue, refunded)
    select day, currency, count(*), sum(revenue), sum(refunded) from sales_order_rollup
    where sold = 1 group by day, currency`.execute(db)
  await sql`insert into sales_product (id, currency, sku, last_day, lines, units, revenue)
    select row_number() over (order by r.currency, l.sku), r.currency, l.sku, max(r.day), count(*), sum(l.quantity), sum(l.total)
    from order_line l join sales_order_rollup r on r.order_id = l.order_id
    where r.sold = 1 group by r.currency, l.sku`.execute(db)
  const sales = sql`order_line l join sales_order_rollup r on r.order_id = l.order_id and r.sold = 1
    join sales_product p on p.currency = r.currency and p.sku = l.sku`
  await sql`insert into product_title_day (product_id, title, day, lines)
    select p.id, l.title, r.day, count(*) from ${sales} group by p.id, l.title, r.day`.execute(db)
  await sql`insert into sales_product_title (product_id, title)
    select distinct product_id, title from product_title_day`.execute(db)
  // Each product's days with a sale, linked to its previous and next one, with running totals.
  await sql`insert into product_sales_day
      (product_id, day, prev_day, next_day, lines, units, revenue, cum_lines, cum_units, cum_revenue)
    select product_id, day,
      coalesce(lag(day) over w, ${sql.lit(NO_DAY)}), coalesce(lead(day) over w, ${sql.lit(NO_NEXT_DAY)}),
      lines, units, revenue, sum(lines) over c, sum(units) over c, sum(revenue) over c
    from (select p.id as product_id, r.day as day, count(*) as lines, sum(l.quantity) as units, sum(l.total) as revenue
      from ${sales} group by p.id, r.day) daily
    window w as (partition by product_id order by day),
      c as (partition by product_id order by day rows between unbounded preceding and current row)
    order by 1, 2`.execute(db)
}
