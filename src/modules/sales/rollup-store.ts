/**
 * SQL for the sales rollups (docs/INSIGHTS.md, "Rollups"): orders waiting to be re-read, what each
 * order adds to the rollups now, and the per-day tables the sales and top-products reports read.
 */
import { type Kysely, sql } from 'kysely'
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
   * Running totals of sold order lines per currency, SKU and title up to and including `day` (`lines`
   * counts them, for the title). Dense over the product's span only: a row for every day from its
   * first to its last day with a sale (`product_sales_total`), none before or after, so a product that
   * stops selling stops growing the table. Any range is at most three rows per product (see topProducts).
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
  /** Per currency, SKU and title: the span of days `product_sales_cum` covers and the totals at its end. */
  product_sales_total: {
    currency: string
    sku: string
    title: string
    first_day: number
    last_day: number
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
  await insertRowsLater(db, 'sales_rollup_pending', row)
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

export type ProductSpan = SalesRollupTables['product_sales_total']

/** The spans and final totals of every product (any currency or title) with one of these SKUs. */
export async function listProductSpans(db: Db, skus: readonly string[]) {
  const out: ProductSpan[] = []
  await chunked(skus, async (part) => {
    out.push(...(await db.selectFrom('product_sales_total').selectAll().where('sku', 'in', part).execute()))
  })
  return out
}

export async function putProductSpans(db: Db, rows: ProductSpan[]): Promise<void> {
  await chunked(rows, (part) =>
    db
      .insertInto('product_sales_total')
      .values(part)
      .onConflict((oc) =>
        oc.columns(['currency', 'sku', 'title']).doUpdateSet({
          first_day: sql`excluded.first_day`,
          last_day: sql`excluded.last_day`,
          lines: sql`excluded.lines`,
          units: sql`excluded.units`,
          revenue: sql`excluded.revenue`,
        }),
      )
      .execute(),
  )
}

/** Forgets products that no longer have any sale (every sale cancelled): their running totals are all 0. */
export async function deleteProducts(db: Db, keys: { currency: string; sku: string; title: string }[]) {
  for (const k of keys) {
    for (const table of ['product_sales_cum', 'product_sales_total'] as const) {
      await db
        .deleteFrom(table)
        .where('currency', '=', k.currency)
        .where('sku', '=', k.sku)
        .where('title', '=', k.title)
        .execute()
    }
  }
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

/**
 * Best sellers from `fromDay` to `toDay` (inclusive). A product's sales in the range are its running
 * total at `toDay` minus at `fromDay - 1`, where the total at a day is the row of that day inside the
 * product's span, 0 before it and the span's final total after it. So the answer adds up the rows of
 * `toDay`, the final totals of the spans that ended in [fromDay - 1, toDay - 1] (no row on `toDay`) and
 * minus the rows of `fromDay - 1` (a span that ended on that day cancels out): at most three rows per
 * product, never any other day's rows. Ranked per SKU and currency first; the title (the greatest one
 * sold in the range, as the orders would answer) is then looked up for the answered SKUs only.
 */
export async function topProducts(db: Db, fromDay: number, toDay: number, by: 'revenue' | 'units', limit: number) {
  const top = await topProductsQuery(db, fromDay, toDay, by, limit).execute()
  if (top.length === 0) return []
  const titles = new Map<string, string>()
  const only = { currencies: [...new Set(top.map((r) => r.currency))], skus: [...new Set(top.map((r) => r.sku))] }
  for (const t of await rangeTotals(db, fromDay, toDay, only)
    .select(['currency', 'sku', 'title'])
    .groupBy(['currency', 'sku', 'title'])
    .having(sql<number>`sum(lines)`, '>', 0)
    .execute()) {
    const key = `${t.currency}|${t.sku}`
    const known = titles.get(key)
    if (known === undefined || t.title > known) titles.set(key, t.title)
  }
  return top.map((r) => ({
    sku: r.sku,
    title: titles.get(`${r.currency}|${r.sku}`) ?? r.sku,
    currency: r.currency,
    units: r.units,
    revenue: r.revenue,
  }))
}

/** The ranking query of `topProducts` (SKU, currency, units, revenue), to run or to explain. */
export function topProductsQuery(db: Db, fromDay: number, toDay: number, by: 'revenue' | 'units', limit: number) {
  const units = sql<number>`sum(units)`
  const revenue = sql<number>`sum(revenue)`
  return rangeTotals(db, fromDay, toDay)
    .select(['sku', 'currency', units.as('units'), revenue.as('revenue')])
    .groupBy(['currency', 'sku'])
    .having(sql<number>`sum(lines)`, '>', 0)
    .orderBy(by === 'units' ? units : revenue, 'desc')
    .orderBy('sku')
    .orderBy('currency')
    .limit(limit)
}

/** The signed rows whose sums per product are its sales in the range (of these currencies and SKUs, when given). */
function rangeTotals(db: Db, fromDay: number, toDay: number, only?: { currencies: string[]; skus: string[] }) {
  const before = fromDay - 1
  const cumAt = (day: number, sign: '' | '-') =>
    db
      .selectFrom('product_sales_cum')
      .select([
        'currency',
        'sku',
        'title',
        sql<number>`${sql.raw(sign)}lines`.as('lines'),
        sql<number>`${sql.raw(sign)}units`.as('units'),
        sql<number>`${sql.raw(sign)}revenue`.as('revenue'),
      ])
      .where('day', '=', day)
      .$if(only !== undefined, (q) =>
        q.where('currency', 'in', only?.currencies ?? []).where('sku', 'in', only?.skus ?? []),
      )
  const ended = db
    .selectFrom('product_sales_total')
    .select(['currency', 'sku', 'title', 'lines', 'units', 'revenue'])
    .where('last_day', '>=', before)
    .where('last_day', '<', toDay)
    .$if(only !== undefined, (q) =>
      q.where('currency', 'in', only?.currencies ?? []).where('sku', 'in', only?.skus ?? []),
    )
  return db.selectFrom(cumAt(toDay, '').unionAll(ended).unionAll(cumAt(before, '-')).as('t'))
}

// ---------------------------------------------------------------------------------------------
// Rebuild from the orders tables in SQL (the migration's backfill; benchmarks after seeding). Run it
// with order writes stopped.

export async function rebuildSalesRollups(db: Kysely<any>): Promise<void> {
  for (const table of [
    'sales_rollup_pending',
    'sales_order_rollup',
    'sales_day',
    'product_sales_cum',
    'product_sales_total',
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
  await sql`insert into product_sales_total (currency, sku, title, first_day, last_day, lines, units, revenue)
    select r.currency, l.sku, l.title, min(r.day), max(r.day), count(*), sum(l.quantity), sum(l.total)
    from order_line l join sales_order_rollup r on r.order_id = l.order_id
    where r.sold = 1 group by r.currency, l.sku, l.title`.execute(db)
  const bounds = await sql<{ lo: number | null; hi: number | null }>`
    select min(first_day) as lo, max(last_day) as hi from product_sales_total`.execute(db)
  const { lo, hi } = bounds.rows[0] ?? { lo: null, hi: null }
  if (lo === null || hi === null) return
  // Every day of every product's span, with its running totals.
  await sql`with recursive days (day) as (
      select ${sql.lit(Number(lo))} union all select day + 1 from days where day < ${sql.lit(Number(hi))}
    ),
    daily as materialized (
      select r.day, r.currency, l.sku, l.title, count(*) as lines, sum(l.quantity) as units, sum(l.total) as revenue
      from order_line l join sales_order_rollup r on r.order_id = l.order_id
      where r.sold = 1 group by r.day, r.currency, l.sku, l.title
    )
    insert into product_sales_cum (day, currency, sku, title, lines, units, revenue)
    select d.day, p.currency, p.sku, p.title,
      sum(coalesce(x.lines, 0)) over w, sum(coalesce(x.units, 0)) over w, sum(coalesce(x.revenue, 0)) over w
    from product_sales_total p
    join days d on d.day >= p.first_day and d.day <= p.last_day
    left join daily x on x.currency = p.currency and x.sku = p.sku and x.title = p.title and x.day = d.day
    window w as (partition by p.currency, p.sku, p.title order by d.day rows between unbounded preceding and current row)
    order by 1, 2, 3, 4`.execute(db)
}
