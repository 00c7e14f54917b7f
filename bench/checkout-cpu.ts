/**
 * What one order costs the server, request by request (issue 11): Node CPU (process.cpuUsage) and SQL
 * statements of each of cart → item → card token → checkout (on PostgreSQL plus the BEGIN, COMMIT and
 * ROLLBACK it was sent: round trips too), in process (`app.inject`, so no sockets
 * and no load generator compete for the CPU) and one order at a time, so every microsecond the
 * process spends belongs to the request being measured. bench/checkout.ts measures the same over
 * HTTP and under concurrency.
 *
 *   npx node bench/checkout-cpu.ts [--dialects sqlite,postgres] [--pg postgres://…/db] [--orders 500]
 *                                  [--warmup 1000] [--products 50]
 *                                  [--profile checkout]   # a CPU profile of that request alone, in bench/out/
 *                                  [--rollups 100]        # the rollup catch-up every 100 orders, counted apart
 *                                                         # (--profile rollups: a profile of it)
 *
 * SQLite runs on a file (WAL, the reader beside the writer, as in production); PostgreSQL on a fresh
 * schema of --pg (or DATABASE_URL=postgres://…), dropped afterwards.
 *
 * On PostgreSQL it also prints the server's CPU per request ("pg ms"): the CPU time (/proc/<pid>/schedstat,
 * ns) of the backends serving the app's own connections, found by an application_name only this run
 * uses (pg_stat_activity, re-read before every order, outside the measured requests). Its limits: the
 * server must run on this machine (same /proc); it counts the backends only, not the WAL writer,
 * checkpointer or autovacuum that the writes also cause later; and work a backend finishes after its
 * reply reached Node (rare: the reply is its last step) lands in the next request.
 */
import { randomBytes } from 'node:crypto'
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import type { Profiler } from 'node:inspector'
import { Session } from 'node:inspector/promises'
import { availableParallelism, loadavg } from 'node:os'
import { join } from 'node:path'
import type { InjectOptions } from 'fastify'
import pg from 'pg'
import { buildApp } from '../src/app.ts'
import { catchUpEvents } from '../src/modules/insights/rollups.ts'
import { catchUpSales } from '../src/modules/sales/rollups.ts'
import { loadConfig } from '../src/platform/config.ts'
import type { App } from '../src/platform/http/types.ts'
import { countStatements } from '../test/support/sql-count.ts'
import { checkoutBenchArgs, seedCheckoutShop } from './checkout-args.ts'

const { values, pgUrl, dialects, orders, productCount } = checkoutBenchArgs(
  { orders: 500, products: 50 },
  // warmup: orders before the measured ones; V8 is still compiling the checkout's code for several hundred
  // (after 200 a PostgreSQL checkout measured 2.56 ms mean, after 1,500 1.78: session 10)
  // profile: writes a CPU profile of the measured requests of this step only (e.g. checkout) to bench/out/
  // rollups: the report-rollup catch-up (events and sales) runs in process every this many orders and its
  // CPU is counted apart, per order; the timers that run it in the server are off so that the
  // per-request figures are the requests' own (before, a catch-up landing in a request counted there)
  { warmup: '1000', profile: '', rollups: '100' },
)
const rollupEvery = Math.max(1, Number(values.rollups))
const warmup = Number(values.warmup)
const outDir = join(import.meta.dirname, 'out')
mkdirSync(outDir, { recursive: true })
const ADDRESS = { name: 'Ada Lovelace', line1: '12 Marlborough Street', city: 'Dublin', postcode: 'D01', country: 'IE' }
const STEPS = ['cart', 'item', 'card', 'checkout'] as const
type Step = (typeof STEPS)[number]

/** The PostgreSQL backends serving the app's connections (by application_name), and their CPU time. */
function serverCpu(admin: pg.Client, applicationName: string) {
  let pids: number[] = []
  return {
    /** Re-reads which backends are the app's (outside a measured request: it is a query of its own). */
    async refresh() {
      const { rows } = await admin.query<{ pid: number }>(
        'select pid from pg_stat_activity where application_name = $1',
        [applicationName],
      )
      pids = rows.map((r) => r.pid)
    },
    /** µs of CPU the app's backends have used so far. */
    usedUs() {
      let ns = 0
      for (const pid of pids) {
        try {
          ns += Number(readFileSync(`/proc/${pid}/schedstat`, 'utf8').split(' ')[0])
        } catch {} // a backend that ended (pool idle timeout) since the refresh
      }
      return ns / 1000
    },
  }
}

/** One order, each request measured apart: CPU µs (Node, and PostgreSQL's backends) and statements per step. */
async function order(
  app: App,
  s: { shippingMethodId: string; variants: string[] },
  n: number,
  server?: ReturnType<typeof serverCpu>,
) {
  const cpu = {} as Record<Step, number>
  const pgCpu = {} as Record<Step, number>
  const sql = {} as Record<Step, number>
  const control = {} as Record<Step, number>
  await server?.refresh()
  const step = async (name: Step, request: InjectOptions) => {
    const profiled = profiling && name === values.profile
    if (profiled) await inspector.post('Profiler.start')
    const pgBefore = server?.usedUs() ?? 0
    const before = process.cpuUsage()
    const { result, statements, transactionControl } = await countStatements(() => app.inject(request))
    const used = process.cpuUsage(before)
    pgCpu[name] = (server?.usedUs() ?? 0) - pgBefore
    if (profiled) profiles.push((await inspector.post('Profiler.stop')).profile)
    cpu[name] = used.user + used.system
    sql[name] = statements.length
    control[name] = transactionControl.length
    if (result.statusCode >= 300) throw new Error(`${name}: ${result.statusCode} ${result.body}`)
    return result.json()
  }
  const { cart, token } = await step('cart', { method: 'POST', url: '/carts', payload: { currency: 'EUR' } })
  const headers = { 'x-cart-token': token }
  const variantId = s.variants[(n * 7919) % s.variants.length]
  await step('item', { method: 'POST', url: `/carts/${cart.id}/items`, headers, payload: { variantId, quantity: 1 } })
  const card = await step('card', {
    method: 'POST',
    url: '/payments/test/cards',
    payload: { cardNumber: '4242424242424242', expMonth: 12, expYear: 2040, cvc: '123', cardHolder: 'Ada Lovelace' },
  })
  const placed = await step('checkout', {
    method: 'POST',
    url: '/checkout',
    headers: { ...headers, 'idempotency-key': `bench-${cart.id}` },
    payload: {
      cartId: cart.id,
      email: 'bench@example.test',
      shippingAddress: ADDRESS,
      shippingMethodId: s.shippingMethodId,
      payment: { token: card.token },
    },
  })
  if (placed.order.status !== 'paid') throw new Error(`order ${placed.order.id} is ${placed.order.status}`)
  return { cpu, pgCpu, sql, control }
}

const inspector = new Session()
inspector.connect()
await inspector.post('Profiler.enable')
await inspector.post('Profiler.setSamplingInterval', { interval: 100 })
let profiling = false
const profiles: Profiler.Profile[] = []

const rows: string[] = []
const pgRows: string[] = []
for (const dialect of dialects) {
  const tag = `${Date.now().toString(36)}${randomBytes(2).toString('hex')}`
  const file = join(outDir, `checkout-cpu-${tag}.db`)
  const applicationName = `bench_cpu_${tag}`
  let url = `sqlite:${file}`
  let admin: pg.Client | undefined
  if (dialect === 'postgres') {
    const withName = new URL(pgUrl)
    withName.searchParams.set('application_name', applicationName)
    url = withName.toString()
    admin = new pg.Client({ connectionString: pgUrl })
    await admin.connect()
  }
  const server = admin ? serverCpu(admin, applicationName) : undefined
  const config = loadConfig({
    ...process.env,
    DATABASE_URL: url,
    NODE_ENV: 'development',
    LOG_LEVEL: 'warn',
    RATE_LIMIT_ENABLED: 'false',
    SEED_DEMO_DATA: 'false',
    ENCRYPTION_KEYS: `bench:${randomBytes(32).toString('base64')}`,
    BACKROOM_SECRET: 'bench-secret-bench-secret-bench-secret-0123',
    MAIL_DISPATCH_INTERVAL_MS: '0',
    WEBHOOK_DISPATCH_INTERVAL_MS: '0',
    MAX_EVENT_LOOP_DELAY_MS: '0', // the profiler's pauses are not load
    ROLLUP_INTERVAL_MS: '0', // measured apart (--rollups)
  })
  if (config.database.kind === 'postgres') {
    config.database.schema = `bench_cpu_${tag}`
    config.database.dropSchemaOnClose = true
  }
  const app = await buildApp(config)
  try {
    const s = await seedCheckoutShop(app, productCount)
    for (let n = 0; n < warmup; n++) await order(app, s, n)
    const cpu = Object.fromEntries(STEPS.map((k) => [k, [] as number[]])) as Record<Step, number[]>
    const pgCpu = Object.fromEntries(STEPS.map((k) => [k, [] as number[]])) as Record<Step, number[]>
    const sql = {} as Record<Step, number>
    const control = {} as Record<Step, number>
    const catchUp = async () => {
      await app.backroom.events.flush()
      const profiled = profiling && values.profile === 'rollups'
      if (profiled) await inspector.post('Profiler.start')
      const before = process.cpuUsage()
      const { statements } = await countStatements(async () => {
        await catchUpEvents(app.backroom.database.db)
        await catchUpSales(app.backroom.database.db)
      })
      const used = process.cpuUsage(before)
      if (profiled) profiles.push((await inspector.post('Profiler.stop')).profile)
      return { us: used.user + used.system, statements: statements.length }
    }
    await catchUp()
    profiling = Boolean(values.profile)
    const rollup = { us: 0, statements: 0, orders: 0 }
    for (let n = 0; n < orders; n++) {
      const one = await order(app, s, warmup + n, server)
      for (const k of STEPS) {
        cpu[k].push(one.cpu[k])
        pgCpu[k].push(one.pgCpu[k])
        sql[k] = one.sql[k]
        control[k] = one.control[k]
      }
      if ((n + 1) % rollupEvery === 0 || n === orders - 1) {
        const r = await catchUp()
        rollup.us += r.us
        rollup.statements += r.statements
        rollup.orders += (n % rollupEvery) + 1
      }
    }
    const ms = (k: Step) => cpu[k].reduce((a, b) => a + b, 0) / cpu[k].length / 1000
    const median = (k: Step) => [...cpu[k]].sort((a, b) => a - b)[cpu[k].length >> 1] / 1000
    const total = STEPS.reduce((sum, k) => sum + ms(k), 0)
    const count = (k: Step) => (dialect === 'postgres' ? `${sql[k]} + ${control[k]}` : `${sql[k]}`)
    const cells = STEPS.map((k) => `${ms(k).toFixed(2)} (${median(k).toFixed(2)}) / ${count(k)}`)
    const rollupMs = rollup.us / rollup.orders / 1000
    const rollupCell = `${rollupMs.toFixed(2)} / ${(rollup.statements / rollup.orders).toFixed(1)}`
    rows.push(
      `| ${dialect} | ${cells.join(' | ')} | ${rollupCell} | ${(total + rollupMs).toFixed(2)} / ${STEPS.reduce((n, k) => n + sql[k], 0)}${
        dialect === 'postgres' ? ` + ${STEPS.reduce((n, k) => n + control[k], 0)}` : ''
      } |`,
    )
    console.log(rows[rows.length - 1])
    if (server) {
      const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length / 1000
      const mid = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1] / 1000
      const pgCells = STEPS.map((k) => `${mean(pgCpu[k]).toFixed(2)} (${mid(pgCpu[k]).toFixed(2)})`)
      const both = STEPS.map((k) => `${(ms(k) + mean(pgCpu[k])).toFixed(2)}`)
      pgRows.push(
        `| ${dialect} | ${pgCells.join(' | ')} | ${STEPS.reduce((sum, k) => sum + mean(pgCpu[k]), 0).toFixed(2)} | ${both.join(' | ')} |`,
      )
      console.log(pgRows[pgRows.length - 1])
    }
    if (profiling) {
      const file = join(outDir, `checkout-cpu-${dialect}-${values.profile}.cpuprofile`)
      writeFileSync(file, JSON.stringify(mergeProfiles(profiles.splice(0))))
      console.log(`profile of ${values.profile}: ${file}`)
      profiling = false
    }
  } finally {
    await app.close()
    await admin?.end()
    if (dialect === 'sqlite') for (const suffix of ['', '-wal', '-shm']) rmSync(`${file}${suffix}`, { force: true })
  }
}

console.log(
  `\nNode CPU ms per request, mean (median) / SQL statements (PostgreSQL: + BEGIN/COMMIT/ROLLBACK); rollups: the report rollups' catch-up every ` +
    `${rollupEvery} orders, per order; ${orders} orders one at a time after ${warmup} ` +
    `warm-up, in process; ${availableParallelism()} cores, load ${loadavg()
      .map((l) => l.toFixed(1))
      .join(' ')}\n`,
)
console.log(
  '| database | POST /carts | POST /carts/:id/items | POST /payments/test/cards | POST /checkout | rollups | sequence |',
)
console.log('| --- | --- | --- | --- | --- | --- | --- |')
for (const row of rows) console.log(row)
if (pgRows.length) {
  console.log(
    "\nPostgreSQL backends' CPU ms per request, mean (median) (/proc/<pid>/schedstat of the app's backends); " +
      'Node + PostgreSQL ms per request (means)\n',
  )
  console.log(
    '| database | pg: POST /carts | pg: items | pg: cards | pg: checkout | pg: sequence | node+pg: carts | node+pg: items | node+pg: cards | node+pg: checkout |',
  )
  console.log('| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |')
  for (const row of pgRows) console.log(row)
}

/** One profile of many short ones (each measured request), for DevTools or a summary script. */
function mergeProfiles(parts: typeof profiles) {
  const nodes: (typeof parts)[number]['nodes'] = []
  const samples: number[] = []
  const timeDeltas: number[] = []
  let offset = 0
  for (const part of parts) {
    for (const node of part.nodes) {
      nodes.push({ ...node, id: node.id + offset, children: node.children?.map((c: number) => c + offset) })
    }
    samples.push(...(part.samples ?? []).map((s) => s + offset))
    timeDeltas.push(...(part.timeDeltas ?? []))
    offset += Math.max(...part.nodes.map((n) => n.id))
  }
  const start = parts[0]?.startTime ?? 0
  return { nodes, samples, timeDeltas, startTime: start, endTime: start + timeDeltas.reduce((a, b) => a + b, 0) }
}
