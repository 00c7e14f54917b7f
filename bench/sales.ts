/**
 * Sales reports benchmark: seeds a million orders straight into the orders tables (multi-row INSERTs,
 * not through checkout), rebuilds the sales rollups from them (the migration's backfill), times the
 * catch-up job on orders changed the way the server changes them, then times every sales report
 * through HTTP.
 *
 *   node bench/sales.ts                                     SQLite file in bench/out/
 *   DATABASE_URL=postgres://…/backroom_bench node bench/sales.ts
 *   ORDERS=50000 node bench/sales.ts                        a smaller run
 *   node bench/sales.ts --reports-only                      re-time the reports on the last seeded data
 *
 * Appends its figures to bench/results/sales.md (one section per run).
 */
import { appendFileSync, mkdirSync, rmSync } from 'node:fs'
import { availableParallelism, loadavg } from 'node:os'
import { sql } from 'kysely'
import { buildApp } from '../src/app.ts'
import { random as seededRandom } from '../src/modules/catalog/demo.ts'
import type { OrderLineTable, OrderTable } from '../src/modules/orders/store.ts'
import { markPending, rebuildSalesRollups } from '../src/modules/sales/rollup-store.ts'
import { catchUpSales } from '../src/modules/sales/rollups.ts'
import { loadConfig } from '../src/platform/config.ts'
import { newId } from '../src/platform/db/ids.ts'
import type { App } from '../src/platform/http/types.ts'

const TOTAL = Number(process.env.ORDERS ?? 1_000_000)
/** Orders changed after seeding (paid, refunded, cancelled) through the rollup queue, to time the catch-up. */
const CHANGES = Number(process.env.CATCH_UP_ORDERS ?? 10_000)
const DAYS = 90
const DAY = 86_400_000
const END = Date.UTC(2026, 9, 1)
const START = END - DAYS * DAY
const iso = (ms: number) => new Date(ms).toISOString().slice(0, 10)
const FROM = iso(START)
const TO = iso(END - DAY)
const url = process.env.DATABASE_URL?.startsWith('postgres') ? process.env.DATABASE_URL : undefined
const dialect = url ? 'postgres' : 'sqlite'
const SQLITE_PATH = 'bench/out/sales.db'
const SCHEMA = 'bench_sales'
const reportsOnly = process.argv.includes('--reports-only')

const BENCH_ADMIN = { email: 'bench-admin@example.test', password: 'bench-Quartz-lantern-77-harbor' }
let authorization = ''

function config() {
  return loadConfig({
    NODE_ENV: 'development',
    DATABASE_URL: url ? `${url}${url.includes('?') ? '&' : '?'}schema=${SCHEMA}` : `sqlite:${SQLITE_PATH}`,
    SEED_DEMO_DATA: 'false',
    RATE_LIMIT_ENABLED: 'false',
    LOG_LEVEL: 'warn',
    WEBHOOK_DISPATCH_INTERVAL_MS: '0',
    ROLLUP_INTERVAL_MS: '0',
  })
}

async function open(): Promise<App> {
  const app = await buildApp(config())
  try {
    await app.backroom.users.createUser({ ...BENCH_ADMIN, role: 'admin' })
  } catch (error) {
    if ((error as { code?: string }).code !== 'email-taken') throw error
  }
  const res = await app.inject({ method: 'POST', url: '/auth/sign-in', payload: BENCH_ADMIN })
  if (res.statusCode !== 200) throw new Error(`bench admin sign-in failed: ${res.statusCode} ${res.body}`)
  authorization = `Bearer ${res.json().token}`
  return app
}

async function fresh(): Promise<App> {
  if (url) {
    const pg = (await import('pg')).default
    const client = new pg.Client({ connectionString: url })
    await client.connect()
    await client.query(`drop schema if exists ${SCHEMA} cascade`)
    await client.end()
  } else {
    rmSync(SQLITE_PATH, { force: true })
    rmSync(`${SQLITE_PATH}-wal`, { force: true })
    rmSync(`${SQLITE_PATH}-shm`, { force: true })
    mkdirSync('bench/out', { recursive: true })
  }
  return open()
}

// ---------------------------------------------------------------------------------------------
// Seeding: deterministic (mulberry32), orders spread evenly over the 90 days.

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

async function seed(app: App) {
  const db = app.backroom.database.db
  const started = performance.now()
  const BATCH = 1000 // 27 columns: under SQLite's 32,766 bound parameters
  for (let done = 0; done < TOTAL; ) {
    await db.transaction().execute(async (trx) => {
      for (let b = 0; b < 10 && done < TOTAL; b++) {
        const batch = Array.from({ length: Math.min(BATCH, TOTAL - done) }, makeOrder)
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
        done += batch.length
      }
    })
  }
  const seedMs = performance.now() - started
  const rebuilt = performance.now()
  await db.transaction().execute((trx) => rebuildSalesRollups(trx))
  const rebuildMs = performance.now() - rebuilt
  // The server's path: an order changes and its change is queued in the same transaction.
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
  const caught = performance.now()
  await catchUpSales(db)
  const catchUpMs = performance.now() - caught
  await sql`analyze`.execute(db)
  return { seedMs, rebuildMs, catchUpMs, changed: ids.length }
}

async function time(app: App, path: string, accept = 'application/json', runs = 5) {
  const ms: number[] = []
  let status = 0
  for (let i = 0; i < runs; i++) {
    const started = performance.now()
    const res = await app.inject({ url: path, headers: { accept, authorization } })
    ms.push(performance.now() - started)
    status = res.statusCode
  }
  if (status !== 200) throw new Error(`${path}: ${status}`)
  ms.sort((a, b) => a - b)
  return { median: ms[Math.floor(runs / 2)], min: ms[0] }
}

const load = () =>
  loadavg()
    .map((n) => n.toFixed(1))
    .join(' ')
const loadBefore = load()
const app = reportsOnly ? await open() : await fresh()
console.log(`seeding ${TOTAL} orders on ${dialect}…`)
const seeded = reportsOnly ? undefined : await seed(app)
if (seeded) {
  console.log(
    `seeded in ${(seeded.seedMs / 1000).toFixed(1)} s, rollups rebuilt in ${(seeded.rebuildMs / 1000).toFixed(1)} s, ${seeded.changed} changed orders caught up in ${(seeded.catchUpMs / 1000).toFixed(2)} s`,
  )
}
const all = `from=${FROM}&to=${TO}`
const month = `from=${iso(END - 30 * DAY)}&to=${TO}`
const year = `from=${iso(END - 365 * DAY)}&to=${TO}`
const reports: [string, string, string?][] = [
  ['sales per day, 90 days', `/reports/sales?${all}`],
  ['sales per week, 90 days', `/reports/sales?${all}&granularity=week`],
  ['sales per day, a year (the longest range)', `/reports/sales?${year}`],
  ['sales per day, 30 days, CSV', `/reports/sales?${month}`, 'text/csv'],
  ['top products by revenue, 90 days', `/reports/top-products?${all}`],
  ['top products by units, 90 days (top 100)', `/reports/top-products?${all}&by=units&limit=100`],
  ['top products by revenue, 30 days', `/reports/top-products?${month}`],
]
const rows: string[] = []
for (const [name, path, accept] of reports) {
  const r = await time(app, path, accept)
  console.log(`${name}: median ${r.median.toFixed(1)} ms`)
  rows.push(`| ${name} | ${r.median.toFixed(1)} | ${r.min.toFixed(1)} |`)
}
await app.close()

const section = `
## ${dialect === 'sqlite' ? 'SQLite (node:sqlite, file, WAL)' : 'PostgreSQL (pg)'}: ${TOTAL.toLocaleString('en')} orders, ${new Date().toISOString().slice(0, 16)}Z${reportsOnly ? ' (reports re-timed)' : ''}

${
  seeded
    ? `Seeding: ${(seeded.seedMs / 1000).toFixed(1)} s (multi-row inserts of 1,000 orders and their 1–3 lines). Sales rollups rebuilt from the orders in ${(seeded.rebuildMs / 1000).toFixed(1)} s (the migration's backfill); ${seeded.changed.toLocaleString('en')} orders then changed through the rollup queue (paid, partially refunded, cancelled) were folded in by the catch-up job in ${(seeded.catchUpMs / 1000).toFixed(2)} s.\n`
    : ''
}Orders spread over ${DAYS} days (${FROM} … ${TO}), 3 currencies, 5,000 SKUs, 82 % sold. Timings through \`app.inject\` (HTTP stack included), 5 runs; reports answer from the rollups.
Machine: ${availableParallelism()} CPUs, shared with other work; load average (1/5/15 min) ${loadBefore} at start, ${load()} at the end.

| report | median ms | best ms |
| --- | ---: | ---: |
${rows.join('\n')}
`
mkdirSync('bench/results', { recursive: true })
appendFileSync('bench/results/sales.md', section)
console.log(section)
