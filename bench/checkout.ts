/**
 * Checkout benchmark (issue 11). For each database it seeds a shop, starts the server in another
 * process (`src/main.ts`) and runs three cases (`--cases slow,fast,cores`), each with N concurrent clients
 * doing, per order, cart → item → card token → checkout with the test card (4242…):
 *
 *   slow provider   PAYMENT_TEST_LATENCY_MS (default 400), every client buying the same product (enough
 *                   stock): orders/s, while one more client sends storefront searches back to back and
 *                   records their latency (p50, p99). The ideal is clients / latency (32 / 0.4 s = 80/s).
 *                   Run twice: the clients ramped in over one provider latency, orders/s while all of
 *                   them are at work (the steady rate, the main figure); and all starting at once,
 *                   orders/s over the whole run (they stay in step for many rounds; see slowCase).
 *   fast provider   no latency, each order a random product of many: orders/s and the server process's
 *                   CPU time per order (user + system, from /proc): for the whole cart → checkout
 *                   sequence, and for POST /checkout alone (carts, items and card tokens made first,
 *                   then only the checkouts sent, by the same N clients, while the CPU is counted).
 *                   After a warm-up of as many orders as measured: cold, the first few hundred orders
 *                   cost up to twice the CPU (V8 still compiling, on the main thread and its own).
 *   slow, all cores as `slow`, with the server on every core (`--cases slow-cores`; not run by default).
 *   all cores       as `fast`, with the server on every core (WEB_CONCURRENCY = the core count, or
 *                   --processes; src/cluster.ts): orders/s, and the CPU per order summed over the
 *                   primary and all its server processes (/proc of each).
 *
 * CPU time is the main measure on a busy machine (orders/s depends on what else runs); on a VM under
 * load it still inflates (steal), so compare runs made at similar load. bench/checkout-cpu.ts gives
 * the per-request CPU and statements in process, one order at a time.
 *
 *   npx node bench/checkout.ts [--dialects sqlite,postgres] [--pg postgres://…/db] [--clients 32]
 *                              [--orders 640] [--latency 400] [--products 500] [--port 3996]
 *                              [--cases slow,slow-cores,fast,cores] [--processes <core count>]
 *                              [--profile-server <dir>]  # a CPU profile of each server process
 *
 * PostgreSQL runs only with --pg (or DATABASE_URL=postgres://…); each run uses a fresh schema (SQLite:
 * a fresh file in bench/out/). Prints a Markdown table; nothing is written to bench/RESULTS.md.
 */
import { type ChildProcess, spawn } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { availableParallelism, loadavg } from 'node:os'
import { join } from 'node:path'
import { setTimeout as sleep } from 'node:timers/promises'
import pg from 'pg'
import { Pool } from 'undici'
import { buildApp } from '../src/app.ts'
import { loadConfig } from '../src/platform/config.ts'
import { type CheckoutShop, checkoutBenchArgs, seedCheckoutShop } from './checkout-args.ts'

const { values, pgUrl, dialects, orders, productCount } = checkoutBenchArgs(
  { orders: 640, products: 500 },
  // cases: slow (the 400 ms provider, one product, search latency), fast (no latency, CPU per order)
  // cores: no latency, the server on every core (WEB_CONCURRENCY = --processes, default the core count)
  {
    clients: '32',
    latency: '400',
    port: '3996',
    cases: 'slow,fast,cores',
    processes: String(availableParallelism()),
    'profile-server': '',
  },
)
const clients = Number(values.clients)
const latency = Number(values.latency)
const port = Number(values.port)
const cases = values.cases.split(',')
const processes = Number(values.processes)
const root = join(import.meta.dirname, '..')
const outDir = join(root, 'bench', 'out')
mkdirSync(outDir, { recursive: true })
const base = `http://127.0.0.1:${port}`
// The load generator shares the machine with the server and the database: undici's request API on a
// keep-alive pool costs far less CPU per request than fetch (on 2 cores, the fetch-based generator took
// ~470 ms of CPU a second during the slow case, as much as three quarters of the server's own).
const http = new Pool(base, { connections: clients + 2 })
const ADDRESS = { name: 'Ada Lovelace', line1: '12 Marlborough Street', city: 'Dublin', postcode: 'D01', country: 'IE' }
const ENCRYPTION_KEYS = `bench:${randomBytes(32).toString('base64')}`
const CLOCK_TICKS_PER_S = 100 // Linux USER_HZ

/** A fresh database URL per run (SQLite file, or a new PostgreSQL schema). */
function databaseUrl(dialect: string, run: string): string {
  if (dialect === 'sqlite') {
    const file = join(outDir, `checkout-${run}.db`)
    rmSync(file, { force: true })
    return `sqlite:${file}`
  }
  return `${pgUrl}${pgUrl.includes('?') ? '&' : '?'}schema=bench_checkout_${run}`
}

/** Drops the run's database (the SQLite file, or the PostgreSQL schema). */
async function dropDatabase(dialect: string, url: string, run: string) {
  if (dialect === 'sqlite') {
    for (const suffix of ['', '-wal', '-shm']) rmSync(`${url.slice('sqlite:'.length)}${suffix}`, { force: true })
    return
  }
  const client = new pg.Client({ connectionString: pgUrl })
  await client.connect()
  await client.query(`drop schema if exists "bench_checkout_${run}" cascade`)
  await client.end()
}

function env(url: string, latencyMs: number, serverProcesses = 1): Record<string, string> {
  return {
    DATABASE_URL: url,
    NODE_ENV: 'development', // the test card processor (production refuses it)
    LOG_LEVEL: 'warn',
    RATE_LIMIT_ENABLED: 'false',
    SEED_DEMO_DATA: 'false',
    ENCRYPTION_KEYS,
    BACKROOM_SECRET: 'bench-secret-bench-secret-bench-secret-0123',
    PAYMENT_TEST_LATENCY_MS: String(latencyMs),
    MAIL_DISPATCH_INTERVAL_MS: '0',
    WEBHOOK_DISPATCH_INTERVAL_MS: '0',
    // Per process: the clients spread over the processes (PostgreSQL's connections are shared by all).
    DATABASE_POOL_SIZE: String(Math.max(10, Math.ceil(clients / serverProcesses) + 4)),
    WEB_CONCURRENCY: String(serverProcesses),
    MAX_EVENT_LOOP_DELAY_MS: '0', // measure the queue, do not shed it (a busy machine lags past 1 s)
  }
}

/** Seeds in-process (migrations, an admin, products with plenty of stock, shipping, tax), then closes. */
async function seed(url: string): Promise<CheckoutShop> {
  const app = await buildApp(loadConfig({ ...process.env, ...env(url, 0) }))
  try {
    return await seedCheckoutShop(app, productCount)
  } finally {
    await app.close()
  }
}

async function startServer(serverEnv: Record<string, string>): Promise<ChildProcess> {
  // --profile-server <dir>: each server process writes a CPU profile there when it exits (SIGTERM).
  const profile = values['profile-server'] ? ['--cpu-prof', `--cpu-prof-dir=${values['profile-server']}`] : []
  const child = spawn(process.execPath, [...profile, 'src/main.ts'], {
    cwd: root,
    env: { ...process.env, ...serverEnv, PORT: String(port), HOST: '127.0.0.1' },
    stdio: ['ignore', 'ignore', 'inherit'],
  })
  for (let i = 0; i < 600; i++) {
    try {
      if ((await fetch(`${base}/readyz`)).ok) return child
    } catch {}
    await new Promise((r) => setTimeout(r, 100))
  }
  child.kill()
  throw new Error('the server did not become ready')
}

async function stopServer(child: ChildProcess) {
  const exited = new Promise((r) => child.once('exit', r))
  child.kill('SIGTERM')
  await exited
}

/**
 * The server's CPU time so far (user + system), in ms: its process and every process it forked (the
 * cluster's server processes, found by their parent pid in /proc), including children already reaped.
 */
function cpuMs(child: ChildProcess): number {
  let total = 0
  const pending = [child.pid!]
  while (pending.length > 0) {
    const pid = pending.pop()!
    const fields = procStat(pid)
    if (!fields) continue
    // utime, stime, and cutime + cstime (children that exited and were waited for)
    total += Number(fields[11]) + Number(fields[12]) + Number(fields[13]) + Number(fields[14])
    pending.push(...childrenOf(pid))
  }
  return (total * 1000) / CLOCK_TICKS_PER_S
}

/** The fields of /proc/<pid>/stat after the command name (field 3 onwards), or undefined once gone. */
function procStat(pid: number): string[] | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')
  } catch {
    return undefined
  }
}

function childrenOf(parent: number): number[] {
  const pids: number[] = []
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue
    if (Number(procStat(Number(name))?.[1]) === parent) pids.push(Number(name))
  }
  return pids
}

async function call(method: string, path: string, body?: unknown, headers: Record<string, string> = {}) {
  const res = await http.request({
    method: method as 'POST',
    path,
    headers: body === undefined ? headers : { 'content-type': 'application/json', ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
  })
  const text = await res.body.text()
  if (res.statusCode >= 300) throw new Error(`${method} ${path}: ${res.statusCode} ${text}`)
  return JSON.parse(text)
}

/** One order: cart → item → card token → checkout (with an Idempotency-Key, as a client would send). */
async function order(shop: CheckoutShop, variantId: string): Promise<void> {
  await checkout(shop, await prepare(variantId))
}

/** The first three requests of an order: a cart holding the variant, and a card token. */
async function prepare(variantId: string) {
  const { cart, token } = await call('POST', '/carts', { currency: 'EUR' })
  const headers = { 'x-cart-token': token }
  await call('POST', `/carts/${cart.id}/items`, { variantId, quantity: 1 }, headers)
  const card = await call('POST', '/payments/test/cards', {
    cardNumber: '4242424242424242',
    expMonth: 12,
    expYear: new Date().getUTCFullYear() + 2,
    cvc: '123',
    cardHolder: 'Ada Lovelace',
  })
  return { cartId: cart.id as string, headers, cardToken: card.token as string }
}

async function checkout(shop: CheckoutShop, prepared: Awaited<ReturnType<typeof prepare>>): Promise<void> {
  const { cartId, headers, cardToken } = prepared
  const placed = await call(
    'POST',
    '/checkout',
    {
      cartId,
      email: 'bench@example.test',
      shippingAddress: ADDRESS,
      shippingMethodId: shop.shippingMethodId,
      payment: { token: cardToken },
    },
    { ...headers, 'idempotency-key': `bench-${cartId}` },
  )
  if (placed.order.status !== 'paid') throw new Error(`order ${placed.order.id} is ${placed.order.status}`)
}

/** `count` orders by `clients` concurrent clients; returns orders/s and the failures. */
async function run(shop: CheckoutShop, pick: (n: number) => string, count = orders, rampMs = 0) {
  return concurrently(count, (n) => order(shop, pick(n)), rampMs)
}

/**
 * `count` jobs by `clients` concurrent clients; returns jobs/s over the whole run, the failures, and the
 * steady rate. With `rampMs`, client i starts i × rampMs / clients after the first, as real shoppers do,
 * instead of all in the same millisecond. The steady rate counts the jobs that finished while every client
 * was at work: from the moment the last client finished its first job (each client's first job is its
 * warm-up) to the moment the first client finished its last one (after it the load falls off).
 */
async function concurrently(count: number, job: (n: number) => Promise<unknown>, rampMs = 0) {
  let next = 0
  let failed = 0
  let firstError = ''
  const started = performance.now()
  const done: number[][] = Array.from({ length: clients }, () => [])
  await Promise.all(
    Array.from({ length: clients }, async (_, client) => {
      if (rampMs > 0) await sleep((client * rampMs) / clients)
      for (let n = next++; n < count; n = next++) {
        try {
          await job(n)
          done[client].push(performance.now())
        } catch (error) {
          failed++
          firstError ||= String(error)
        }
      }
    }),
  )
  const seconds = (performance.now() - started) / 1000
  if (firstError) console.error(`  first failure: ${firstError.slice(0, 300)}`)
  return { ordersPerS: (count - failed) / seconds, failed, seconds, steadyPerS: steadyRate(done) }
}

/** Jobs per second between the last client's first finished job and the first client's last one. */
function steadyRate(done: number[][]): number {
  if (done.some((times) => times.length < 3)) return Number.NaN // too short a run to have a steady part
  const from = Math.max(...done.map((times) => times[0]))
  const to = Math.min(...done.map((times) => times[times.length - 1]))
  const within = done.reduce((sum, times) => sum + times.filter((t) => t > from && t <= to).length, 0)
  return to > from ? within / ((to - from) / 1000) : Number.NaN
}

/** Searches back to back until `until` settles; their latencies in ms. */
async function searchLoop(until: Promise<unknown>): Promise<number[]> {
  let done = false
  void until.finally(() => {
    done = true
  })
  const times: number[] = []
  while (!done) {
    const started = performance.now()
    const res = await http.request({ method: 'GET', path: '/store/search?q=mug' })
    await res.body.arrayBuffer()
    times.push(performance.now() - started)
  }
  return times
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]
}

/**
 * The slow provider (`--latency`), every client buying one product, the server on `serverProcesses`
 * processes: orders/s, and the latency of storefront searches sent back to back meanwhile by one more
 * client. Two runs: all clients starting in the same millisecond (orders/s over the whole run), then the
 * clients ramped in over one provider latency (orders/s while all of them are at work, `steadyRate`).
 * Started together, the clients stay in step: each wave of 32 carts, items, tokens and checkouts queues
 * on the server at once, then all wait out the provider together, so every order pays for the whole
 * wave. Ramped in, they spread over the provider's wait, as a shop's shoppers do. Returns the table row.
 */
async function slowCase(dialect: string, shop: CheckoutShop, url: string, serverProcesses: number) {
  const label = serverProcesses === 1 ? '' : `, ${serverProcesses} processes`
  console.log(`== ${dialect}: slow provider (${latency} ms), ${clients} clients, one product, ${orders} orders${label}`)
  const server = await startServer(env(url, latency, serverProcesses))
  await run(shop, () => shop.variants[0], clients) // warm-up: JIT, prepared statements, pool
  const generatorBefore = process.cpuUsage()
  const serverBefore = cpuMs(server)
  const together = run(shop, () => shop.variants[0])
  const searches = await searchLoop(together)
  const togetherResult = await together
  const generator = process.cpuUsage(generatorBefore)
  console.log(
    `  CPU per second of the run: server ${((cpuMs(server) - serverBefore) / togetherResult.seconds).toFixed(0)} ms, ` +
      `load generator (this process) ${((generator.user + generator.system) / 1000 / togetherResult.seconds).toFixed(0)} ms`,
  )
  const ramped = run(shop, () => shop.variants[0], orders, latency)
  searches.push(...(await searchLoop(ramped)))
  const rampedResult = await ramped
  await stopServer(server)
  searches.sort((x, y) => x - y)
  const failed = togetherResult.failed + rampedResult.failed
  const row =
    `| ${dialect} | ${latency} ms, 1 product${label} | ${clients} | ${rampedResult.steadyPerS.toFixed(1)} / ` +
    `${togetherResult.ordersPerS.toFixed(1)} | ${failed} | ` +
    `${percentile(searches, 50).toFixed(1)} / ${percentile(searches, 99).toFixed(1)} ms (${searches.length}) | | |`
  console.log(row)
  return row
}

/**
 * No provider latency, many products, the server on `serverProcesses` processes: orders/s and CPU per
 * order of the whole sequence, then of POST /checkout alone. Returns the table row.
 */
async function fastCase(dialect: string, shop: CheckoutShop, url: string, serverProcesses: number) {
  const label = serverProcesses === 1 ? 'one process' : `${serverProcesses} processes`
  console.log(
    `== ${dialect}: fast provider (0 ms), ${clients} clients, ${productCount} products, ${orders} orders, ${label}`,
  )
  const server = await startServer(env(url, 0, serverProcesses))
  // Warm-up as long as the measured run: V8 compiles on its own threads, in this process's CPU time, for
  // the first few hundred orders; a shop's server has long finished by its busy hour.
  await run(shop, (n) => shop.variants[(n * 7919) % shop.variants.length], Math.max(clients * 2, orders))
  const cpuBefore = cpuMs(server)
  const fast = await run(shop, (n) => shop.variants[(n * 104729) % shop.variants.length])
  const cpuPerOrder = (cpuMs(server) - cpuBefore) / Math.max(1, orders - fast.failed)
  // POST /checkout alone: the carts and tokens first, then only the checkouts while the CPU is counted.
  const ready: Awaited<ReturnType<typeof prepare>>[] = []
  await concurrently(orders, async (n) => {
    ready[n] = await prepare(shop.variants[(n * 15485863) % shop.variants.length])
  })
  const checkoutCpuBefore = cpuMs(server)
  const alone = await concurrently(orders, (n) => checkout(shop, ready[n]))
  const cpuPerCheckout = (cpuMs(server) - checkoutCpuBefore) / Math.max(1, orders - alone.failed)
  await stopServer(server)
  const row =
    `| ${dialect} | 0 ms, ${productCount} products, ${label} | ${clients} | ${fast.ordersPerS.toFixed(1)} | ` +
    `${fast.failed + alone.failed} | | ` +
    `${cpuPerOrder.toFixed(2)} | ${cpuPerCheckout.toFixed(2)} (${alone.ordersPerS.toFixed(1)}/s) |`
  console.log(row)
  return row
}

const rows: string[] = []
for (const dialect of dialects) {
  const tag = `${Date.now().toString(36)}${randomBytes(2).toString('hex')}`
  console.log(`\n== ${dialect}: seeding ${productCount} products`)
  const url = databaseUrl(dialect, tag)
  const shop = await seed(url)

  if (cases.includes('slow')) rows.push(await slowCase(dialect, shop, url, 1))
  if (cases.includes('slow-cores')) rows.push(await slowCase(dialect, shop, url, processes))
  if (cases.includes('fast')) rows.push(await fastCase(dialect, shop, url, 1))
  if (cases.includes('cores')) rows.push(await fastCase(dialect, shop, url, processes))
  await dropDatabase(dialect, url, tag)
}

console.log(
  `\nCheckout, ${orders} orders per case, ${availableParallelism()} cores, load ${loadavg()
    .map((l) => l.toFixed(1))
    .join(' ')}; server CPU summed over its processes\n`,
)
console.log(
  '| database | provider, products | clients | orders/s (slow: clients ramped in / all at once) | failed | ' +
    'search p50 / p99 (n) | server CPU ms/order | ' +
    'CPU ms/checkout alone (checkouts/s) |',
)
console.log('| --- | --- | --- | --- | --- | --- | --- | --- |')
for (const row of rows) console.log(row)
await http.close()
