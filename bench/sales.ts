/**
 * Sales reports benchmark: seeds a million orders straight into the orders tables (multi-row INSERTs
 * in the shape checkout writes them, not through checkout), builds the sales rollups with the app's
 * own code (the migration's rebuild), then places NEW_ORDERS more orders and changes CATCH_UP_ORDERS
 * orders the way the server does (the change queued in the same transaction) and times the catch-up
 * job folding each in, checks that the rollup answers equal the direct computation over the orders,
 * and times every sales report through HTTP over the last 7, 30, 90 and 365 days.
 *
 *   npx node bench/sales.ts                                  SQLite file in bench/out/
 *   DATABASE_URL=postgres://…/backroom_bench npx node bench/sales.ts
 *   ORDERS=20000 npx node bench/sales.ts                     a quick check
 *   DAYS=400 npx node bench/sales.ts                         orders over 400 days (the 365-day ranges span a year of data)
 *   npx node bench/sales.ts --reports-only                   re-time the reports on the last seeded data
 *
 * Appends its figures to bench/results/sales.md (one section per run), or with `--out=<file>` to that file
 * (a scratch file for a run on a busy machine).
 */
import { availableParallelism, loadavg } from 'node:os'
import { sql } from 'kysely'
import { random as seededRandom } from '../src/modules/catalog/demo.ts'
import type { OrderLineTable, OrderTable } from '../src/modules/orders/store.ts'
import { markPending, rebuildSalesRollups, topProducts } from '../src/modules/sales/rollup-store.ts'
import { catchUpSales } from '../src/modules/sales/rollups.ts'
import * as direct from '../src/modules/sales/store.ts'
import { newId } from '../src/platform/db/ids.ts'
import type { App } from '../src/platform/http/types.ts'
import {
  appendResults,
  benchConfig,
  benchSpan,
  benchTarget,
  DAY,
  freshBench,
  openBench,
  type ReportCase,
  rangesEndingAt,
  timeReports,
} from './report-timing.ts'

const TOTAL = Number(process.env.ORDERS ?? 1_000_000)
/** Orders changed after seeding (paid, refunded, cancelled) through the rollup queue, to time the catch-up. */
const CHANGES = Number(process.env.CATCH_UP_ORDERS ?? Math.min(10_000, Math.ceil(TOTAL / 10)))
/** Of TOTAL, the orders placed last through the rollup queue (the rest are rolled up by the rebuild). */
const NEW = Number(process.env.NEW_ORDERS ?? Math.min(10_000, Math.ceil(TOTAL / 10)))
/** Days the data is spread over (DAYS), ending 2026-09-30. */
const { days: DAYS, start: START, end: END, from: FROM, to: TO } = benchSpan()
const target = benchTarget('sales')
const { dialect } = target
const reportsOnly = process.argv.includes('--reports-only')

function config() {
  const base = benchConfig(target)
  // The seeded orders are old and unpaid ones would be expired (and their seeded addresses are not sealed).
  return { ...base, orders: { ...base.orders, sweepIntervalMs: 0 } }
}

// ---------------------------------------------------------------------------------------------
// Seeding: deterministic (mulberry32), orders spread evenly over the DAYS days.

/** mulberry32 (the demo data's generator): the same seed gives the same run. */
function mulberry32(seed: number): () => number {
  return seededRandom(seed).next
}
const random = mulberry32(7)
const pick = <T>(weighted: [T, number][]): T => {
  let r = random()
  for (const [value, share] of weighted) {
    r -= share
    if (r < 0) return value
  }
  return weighted[0][0]
}
const STATUSES: [OrderTable['status'], number][] = [
  ['paid', 0.3],
  ['fulfilled', 0.2],
  ['delivered', 0.25],
  ['partially_refunded', 0.04],
  ['refunded', 0.03],
  ['cancelled', 0.08],
  ['pending', 0.1],
]
const CURRENCIES: [string, number][] = [
  ['EUR', 0.7],
  ['USD', 0.2],
  ['GBP', 0.1],
]

let seq = 0
function makeOrder(): { order: OrderTable; lines: OrderLineTable[] } {
  const createdAt = START + Math.floor((seq++ / TOTAL) * DAYS * DAY)
  const id = newId('ord', createdAt)
  const lines = Array.from({ length: 1 + Math.floor(random() * 3) }, (_, position) => {
    const product = Math.floor(random() * 5000)
    const unit = 500 + Math.floor(random() * 9500)
    const quantity = 1 + Math.floor(random() * 3)
    return {
      order_id: id,
      position,
      variant_id: `var_${product}`,
      sku: `SKU-${product}`,
      title: `Product ${product}`,
      unit_price: unit,
      quantity,
      discount: 0,
      tax: 0,
      total: unit * quantity,
    }
  })
  const total = lines.reduce((sum, l) => sum + l.total, 0) + 495
  const status = pick(STATUSES)
  return {
    order: {
      id,
      status,
      customer_id: null,
      cart_id: null,
      email: `buyer${Math.floor(random() * 100_000)}@example.test`,
      currency: pick(CURRENCIES),
      subtotal: total - 495,
      discount: 0,
      discount_code: null,
      shipping: 495,
      shipping_method_id: 'ship_standard',
      shipping_method_name: 'Standard',
      tax: 0,
      tax_included: 1,
      total,
      amount_refunded: status === 'refunded' ? total : status === 'partially_refunded' ? Math.floor(total / 3) : 0,
      item_count: lines.length,
      payment_id: null,
      ship_country: 'DE',
      ship_region: null,
      ship_name_enc: 'bench',
      ship_line1_enc: 'bench',
      ship_line2_enc: null,
      ship_city_enc: 'bench',
      ship_postcode_enc: 'bench',
      ship_phone_enc: null,
      created_at: createdAt,
      updated_at: createdAt,
    },
    lines,
  }
}

async function insertOrders(
  trx: App['backroom']['database']['db'],
  batch: ReturnType<typeof makeOrder>[],
  queue: boolean,
) {
  await trx
    .insertInto('shop_order')
    .values(batch.map((o) => o.order))
    .execute()
  const lines = batch.flatMap((o) => o.lines)
  for (let i = 0; i < lines.length; i += 3000) {
    await trx
      .insertInto('order_line')
      .values(lines.slice(i, i + 3000))
      .execute()
  }
  // The orders listener's row (sales/rollups.ts): what checkout leaves for the catch-up job.
  if (queue) for (const o of batch) await markPending(trx, { id: newId('srp'), order_id: o.order.id })
}

async function seed(app: App) {
  const db = app.backroom.database.db
  const started = performance.now()
  const BATCH = 1000 // 27 columns: under SQLite's 32,766 bound parameters
  const direct = TOTAL - NEW
  for (let done = 0; done < direct; ) {
    await db.transaction().execute(async (trx) => {
      for (let b = 0; b < 10 && done < direct; b++) {
        const batch = Array.from({ length: Math.min(BATCH, direct - done) }, makeOrder)
        await insertOrders(trx, batch, false)
        done += batch.length
      }
    })
  }
  const seedMs = performance.now() - started
  const rebuilt = performance.now()
  await db.transaction().execute((trx) => rebuildSalesRollups(trx))
  const rebuildMs = performance.now() - rebuilt
  // The newest NEW orders as checkout leaves them: the order and its queued change in one transaction.
  for (let done = 0; done < NEW; done += 100) {
    await db
      .transaction()
      .execute((trx) => insertOrders(trx, Array.from({ length: Math.min(100, NEW - done) }, makeOrder), true))
  }
  let caught = performance.now()
  await catchUpSales(db)
  const newMs = performance.now() - caught
  // The server's path for changes: an order changes and its change is queued in the same transaction.
  const ids = await db
    .selectFrom('shop_order')
    .select(['id', 'status', 'total'])
    .where('created_at', '>=', END - 7 * DAY)
    .limit(CHANGES)
    .execute()
  for (let i = 0; i < ids.length; i += 500) {
    await db.transaction().execute(async (trx) => {
      for (const o of ids.slice(i, i + 500)) {
        const set =
          o.status === 'pending'
            ? { status: 'paid' as const }
            : o.status === 'paid'
              ? { status: 'partially_refunded' as const, amount_refunded: Math.floor(Number(o.total) / 2) }
              : { status: 'cancelled' as const }
        await trx.updateTable('shop_order').set(set).where('id', '=', o.id).execute()
        await markPending(trx, { id: newId('srp'), order_id: o.id })
      }
    })
  }
  caught = performance.now()
  await catchUpSales(db)
  const catchUpMs = performance.now() - caught
  // PostgreSQL: what autovacuum does soon after a bulk load (its insert threshold), done now: sets the
  // visibility map, so the top-products ranking reads its covering indexes without visiting the heap.
  await (dialect === 'postgres' ? sql`vacuum analyze` : sql`analyze`).execute(db)
  return { seedMs, rebuildMs, newMs, catchUpMs, changed: ids.length }
}

/** The rollups' answers must equal the direct computation over the orders (the tests' check, at scale). */
async function verify(app: App): Promise<number> {
  const db = app.backroom.database.db
  const started = performance.now()
  const fromDay = START / DAY
  const lastDay = fromDay + DAYS - 1
  for (const [from, to] of [
    [Math.max(fromDay, lastDay - 364), lastDay], // the whole data, or its last 365 days (a report's range is at most 367)
    [fromDay + DAYS - 30, fromDay + DAYS - 1],
    [fromDay + 10, fromDay + 40],
  ]) {
    const rolled = await topProducts(db, from, to, 'revenue', 20)
    const raw = await direct.topProducts(db, from * DAY, (to + 1) * DAY, 'revenue', 20)
    const norm = (rows: { sku: string; title: string; currency: string; units: number; revenue: number }[]) =>
      rows.map((r) => `${r.sku}|${r.title}|${r.currency}|${Number(r.units)}|${Number(r.revenue)}`).join('\n')
    if (norm(rolled) !== norm(raw)) throw new Error(`top products ${from}..${to}: the rollup differs from the orders`)
  }
  return performance.now() - started
}

const load = () =>
  loadavg()
    .map((n) => n.toFixed(1))
    .join(' ')
const loadBefore = load()
const { app, authorization } = reportsOnly ? await openBench(config()) : await freshBench(target, config())
console.log(`seeding ${TOTAL} orders on ${dialect}…`)
const seeded = reportsOnly ? undefined : await seed(app)
if (seeded) {
  console.log(
    `seeded in ${(seeded.seedMs / 1000).toFixed(1)} s, rollups rebuilt in ${(seeded.rebuildMs / 1000).toFixed(1)} s, ${seeded.changed} changed orders caught up in ${(seeded.catchUpMs / 1000).toFixed(2)} s`,
  )
}
const verifyMs = reportsOnly ? undefined : await verify(app)
const cases: ReportCase[] = []
for (const [range, q] of rangesEndingAt(END)) {
  cases.push(
    { name: `sales per day, ${range}`, url: `/reports/sales?${q}` },
    { name: `sales per week, ${range}`, url: `/reports/sales?${q}&granularity=week` },
    { name: `top products by revenue, ${range}`, url: `/reports/top-products?${q}` },
    { name: `top products by units, ${range} (top 100)`, url: `/reports/top-products?${q}&by=units&limit=100` },
  )
}
cases.push(
  { name: 'sales per day, 90 days, CSV', url: `/reports/sales?${rangesEndingAt(END, [90])[0][1]}`, accept: 'text/csv' },
  {
    name: 'top products by revenue, 30 days, CSV',
    url: `/reports/top-products?${rangesEndingAt(END, [30])[0][1]}`,
    accept: 'text/csv',
  },
  { name: 'low stock (catalog, no range)', url: '/reports/low-stock' },
)
const { table, slow } = await timeReports(app, authorization, cases)
const sizes = await app.backroom.database.db
  .selectNoFrom((eb) => [
    eb.selectFrom('product_sales_day').select(eb.fn.countAll<number>().as('n')).as('productDays'),
    eb.selectFrom('product_title_day').select(eb.fn.countAll<number>().as('n')).as('titleDays'),
    eb.selectFrom('sales_product').select(eb.fn.countAll<number>().as('n')).as('products'),
    eb.selectFrom('sales_day').select(eb.fn.countAll<number>().as('n')).as('days'),
  ])
  .executeTakeFirstOrThrow()
await app.close()

const section = `
## ${dialect === 'sqlite' ? 'SQLite (node:sqlite, file, WAL)' : 'PostgreSQL (pg)'}: ${TOTAL.toLocaleString('en')} orders, ${new Date().toISOString().slice(0, 16)}Z${reportsOnly ? ' (reports re-timed)' : ''}

${
  seeded
    ? `Seeding: ${(seeded.seedMs / 1000).toFixed(1)} s for ${(TOTAL - NEW).toLocaleString('en')} orders (multi-row inserts of 1,000 orders and their 1–3 lines). Sales rollups rebuilt from them in ${(seeded.rebuildMs / 1000).toFixed(1)} s (the migration's rebuild). Catch-up job: ${NEW.toLocaleString('en')} new orders queued as checkout queues them folded in ${(seeded.newMs / 1000).toFixed(2)} s (${Math.round(NEW / (seeded.newMs / 1000)).toLocaleString('en')} orders/s); ${seeded.changed.toLocaleString('en')} orders then changed (paid, partially refunded, cancelled) folded in ${(seeded.catchUpMs / 1000).toFixed(2)} s. Rollup answers checked equal to the direct computation over the orders (top products, 3 ranges) in ${((verifyMs ?? 0) / 1000).toFixed(1)} s.\n`
    : ''
}Orders spread over ${DAYS} days (${FROM} … ${TO}), 3 currencies, 5,000 SKUs, 82 % sold. Timings through \`app.inject\` (HTTP stack included), median and best of 5 after one warm-up; reports answer from the rollups. Rollup sizes: ${Number(sizes.productDays).toLocaleString('en')} product days with a sale (running totals), ${Number(sizes.titleDays).toLocaleString('en')} title days, ${Number(sizes.products).toLocaleString('en')} products (currency × SKU), ${Number(sizes.days).toLocaleString('en')} sales days.
Machine: ${availableParallelism()} CPUs, shared with other work; load average (1/5/15 min) ${loadBefore} at start, ${load()} at the end.

${table}
${slow.length > 0 ? `\nOver 50 ms: ${slow.join('; ')}.\n` : ''}`
appendResults('sales', section)
console.log(section)
