/**
 * SQL for the sales rollups (docs/INSIGHTS.md, "Rollups"): orders waiting to be re-read, what each
 * order adds to the rollups now, and the per-day tables the sales and top-products reports read.
 */
import { type Kysely, sql } from 'kysely'
import type { Db } from '../../platform/db/types.ts'
import { insertLater } from '../../platform/db/write-batch.ts'
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
   * Running totals of sold order lines per currency, SKU and title up to and including `day` (`lines`
   * counts them, for the title). Dense: a row for every day from the first sale of that SKU and title
   * to the last day in the table, so any range is two rows per product: total(to) - total(from - 1).
   */
  product_sales_cum: {
    day: number
    currency: string
    sku: string
    title: string
    lines: number
    units: number
    revenue: number
  }
}

const CHUNK = 1000

async function chunked<T>(rows: readonly T[], write: (part: T[]) => Promise<unknown>) {
  for (let i = 0; i < rows.length; i += CHUNK) await write(rows.slice(i, i + CHUNK))
}

export async function markPending(db: Db, row: { id: string; order_id: string }): Promise<void> {
  await insertLater(db, db.insertInto('sales_rollup_pending').values(row))
}

export function claimPending(db: Db, limit: number) {
  return db.selectFrom('sales_rollup_pending').select(['id', 'order_id']).orderBy('id').limit(limit).execute()
}

export async function hasPending(db: Db): Promise<boolean> {
  return (await db.selectFrom('sales_rollup_pending').select('id').limit(1).executeTakeFirst()) !== undefined
}

export async function clearPending(db: Db, ids: readonly string[]): Promise<void> {
  await chunked(ids, (part) => db.deleteFrom('sales_rollup_pending').where('id', 'in', part).execute())
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
  await chunked(ids, async (part) => {
    out.push(
      ...(await db
        .selectFrom('shop_order')
        .select(['id', 'status', 'currency', 'total', 'amount_refunded', 'created_at'])
        .where('id', 'in', part)
        .execute()),
    )
  })
  return out
}

export async function listContributions(db: Db, ids: readonly string[]) {
  const out: SalesRollupTables['sales_order_rollup'][] = []
  await chunked(ids, async (part) => {
    out.push(...(await db.selectFrom('sales_order_rollup').selectAll().where('order_id', 'in', part).execute()))
  })
  return out
}

export async function listLines(db: Db, orderIds: readonly string[]) {
  const out: { order_id: string; sku: string; title: string; quantity: number; total: number }[] = []
  await chunked(orderIds, async (part) => {
    out.push(
      ...(await db
        .selectFrom('order_line')
        .select(['order_id', 'sku', 'title', 'quantity', 'total'])
        .where('order_id', 'in', part)
        .execute()),
    )
  })
  return out
}

export async function putContributions(db: Db, rows: SalesRollupTables['sales_order_rollup'][]): Promise<void> {
  await chunked(rows, (part) =>
    db
      .insertInto('sales_order_rollup')
      .values(part)
      .onConflict((oc) =>
        oc.column('order_id').doUpdateSet({
          day: sql`excluded.day`,
          currency: sql`excluded.currency`,
          sold: sql`excluded.sold`,
          revenue: sql`excluded.revenue`,
          refunded: sql`excluded.refunded`,
        }),
      )
      .execute(),
  )
}

export async function addSalesDays(db: Db, rows: SalesRollupTables['sales_day'][]): Promise<void> {
  await chunked(rows, (part) =>
    db
      .insertInto('sales_day')
      .values(part)
      .onConflict((oc) =>
        oc.columns(['day', 'currency']).doUpdateSet({
          orders: sql`sales_day.orders + excluded.orders`,
          revenue: sql`sales_day.revenue + excluded.revenue`,
          refunded: sql`sales_day.refunded + excluded.refunded`,
        }),
      )
      .execute(),
  )
}

export type ProductTotal = SalesRollupTables['product_sales_cum']

/** The last day with running totals (every product has a row there), or null when there are none. */
export async function lastProductDay(db: Db): Promise<number | null> {
  const row = await db
    .selectFrom('product_sales_cum')
    .select((eb) => eb.fn.max('day').as('day'))
    .executeTakeFirst()
  return row?.day === null || row?.day === undefined ? null : Number(row.day)
}

/** Carries every product's running totals from `day - 1` to `day` (a new last day). */
export async function copyProductDay(db: Db, day: number): Promise<void> {
  await sql`insert into product_sales_cum (day, currency, sku, title, lines, units, revenue)
    select ${day}, currency, sku, title, lines, units, revenue from product_sales_cum
    where day = ${day - 1}`.execute(db)
}

/** The running totals of these SKUs from `fromDay` on. */
export async function listProductTotals(db: Db, skus: readonly string[], fromDay: number) {
  const out: ProductTotal[] = []
  await chunked(skus, async (part) => {
    out.push(
      ...(await db
        .selectFrom('product_sales_cum')
        .selectAll()
        .where('sku', 'in', part)
        .where('day', '>=', fromDay)
        .execute()),
    )
  })
  return out
}

export async function putProductTotals(db: Db, rows: ProductTotal[]): Promise<void> {
  await chunked(rows, (part) =>
    db
      .insertInto('product_sales_cum')
      .values(part)
      .onConflict((oc) =>
        oc.columns(['day', 'currency', 'sku', 'title']).doUpdateSet({
          lines: sql`excluded.lines`,
          units: sql`excluded.units`,
          revenue: sql`excluded.revenue`,
        }),
      )
      .execute(),
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

/** Best sellers from `fromDay` to `toDay` (inclusive): the running totals of two days, subtracted. */
export async function topProducts(db: Db, fromDay: number, toDay: number, by: 'revenue' | 'units', limit: number) {
  const last = await lastProductDay(db)
  const end = last === null ? null : Math.min(toDay, last)
  return end !== null && fromDay - 1 < end ? topBetween(db, fromDay - 1, end, by, limit) : []
}

/** Sales of the days after `beforeDay` up to `lastDay` (both at most the last day in the table). */
function topBetween(db: Db, beforeDay: number, lastDay: number, by: 'revenue' | 'units', limit: number) {
  // Cast: PostgreSQL sums bigints into numeric, which the outer sums would then add slowly.
  const inRange = (column: 'lines' | 'units' | 'revenue') =>
    sql<number>`cast(sum(case when day = ${lastDay} then ${sql.ref(column)} else -${sql.ref(column)} end) as bigint)`
  const perTitle = db
    .selectFrom('product_sales_cum')
    .select([
      'sku',
      'currency',
      'title',
      inRange('lines').as('lines'),
      inRange('units').as('units'),
      inRange('revenue').as('revenue'),
    ])
    .where('day', 'in', [beforeDay, lastDay])
    .groupBy(['sku', 'currency', 'title'])
  const units = sql<number>`sum(units)`
  const revenue = sql<number>`sum(revenue)`
  return db
    .selectFrom(perTitle.as('t'))
    .select([
      'sku',
      sql<string>`max(case when lines > 0 then title end)`.as('title'),
      'currency',
      units.as('units'),
      revenue.as('revenue'),
    ])
    .groupBy(['sku', 'currency'])
    .having(sql<number>`sum(lines)`, '>', 0)
    .orderBy(by === 'units' ? units : revenue, 'desc')
    .orderBy('sku')
    .orderBy('currency')
    .limit(limit)
    .execute()
}

// ---------------------------------------------------------------------------------------------
// Rebuild from the orders tables in SQL (the migration's backfill; benchmarks after seeding). Run it
// with order writes stopped.

export async function rebuildSalesRollups(db: Kysely<any>): Promise<void> {
  for (const table of ['sales_rollup_pending', 'sales_order_rollup', 'sales_day', 'product_sales_cum']) {
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
  const bounds = await sql<{ lo: number | null; hi: number | null }>`
    select min(day) as lo, max(day) as hi from sales_order_rollup where sold = 1`.execute(db)
  const { lo, hi } = bounds.rows[0] ?? { lo: null, hi: null }
  if (lo === null || hi === null) return
  await sql`with recursive days (day) as (
      select ${sql.lit(Number(lo))} union all select day + 1 from days where day < ${sql.lit(Number(hi))}
    ),
    daily as materialized (
      select r.day, r.currency, l.sku, l.title, count(*) as lines, sum(l.quantity) as units, sum(l.total) as revenue
      from order_line l join sales_order_rollup r on r.order_id = l.order_id
      where r.sold = 1 group by r.day, r.currency, l.sku, l.title
    ),
    products as materialized (select currency, sku, title, min(day) as first_day from daily group by currency, sku, title)
    insert into product_sales_cum (day, currency, sku, title, lines, units, revenue)
    select d.day, p.currency, p.sku, p.title,
      sum(coalesce(x.lines, 0)) over w, sum(coalesce(x.units, 0)) over w, sum(coalesce(x.revenue, 0)) over w
    from products p
    join days d on d.day >= p.first_day
    left join daily x on x.currency = p.currency and x.sku = p.sku and x.title = p.title and x.day = d.day
    window w as (partition by p.currency, p.sku, p.title order by d.day rows between unbounded preceding and current row)
    order by 1, 2, 3, 4`.execute(db)
}
