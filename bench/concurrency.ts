/**
 * Responsiveness and cores (issue 11). Two cases, each against a real server in a child process:
 *
 * 1. Probes during heavy work: `/healthz` and a product GET, sent continuously by a few clients while
 *    one heavy request runs (the full events export, then each report). Reports p50/p99 of the probes
 *    during the heavy request, and how long the heavy request took.
 * 2. Product GET, category list page and search with 1 server process and with one per core
 *    (WEB_CONCURRENCY).
 *
 *   node bench/concurrency.ts [--events 1000000] [--products 10000] [--dialects sqlite,postgres]
 *        [--duration 10] [--connections 32] [--probes 4] [--processes 1,all]
 *        [--pg postgres://postgres@127.0.0.1:55433/backroom_bench_concurrency] [--out bench/results/concurrency.md]
 *
 * Events are seeded with one INSERT … SELECT over a recursive CTE (1M in seconds), spread over 90 days;
 * that bypasses the rollup queue, so the report rollups are then rebuilt from the event log with the
 * migration's backfill (`rebuildEventRollups`, `rebuildSalesRollups`, the code the app's migrations
 * run), and the bench checks that the volume report counts every event before timing anything.
 * Appends a section to --out; the lead's runs on an idle machine are the ones for bench/RESULTS.md.
 */
import { type ChildProcess, execFileSync, spawn } from 'node:child_process'
import { appendFileSync, existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs'
import { request } from 'node:http'
import { availableParallelism, loadavg } from 'node:os'
import { join, resolve } from 'node:path'
import { parseArgs } from 'node:util'
import autocannon from 'autocannon'
import { Kysely, PostgresDialect, SqliteDialect, sql } from 'kysely'
import pg from 'pg'
import { demoProduct } from '../src/modules/catalog/demo.ts'
import { rebuildEventRollups } from '../src/modules/insights/rollup-store.ts'
import { rebuildSalesRollups } from '../src/modules/sales/rollup-store.ts'
import { openSqlite } from '../src/platform/db/sqlite.ts'
import { benchServerEnv } from './server-env.ts'

const { values } = parseArgs({
  options: {
    events: { type: 'string', default: '1000000' },
    products: { type: 'string', default: '10000' },
    dialects: { type: 'string', default: 'sqlite,postgres' },
    duration: { type: 'string', default: '10' },
    connections: { type: 'string', default: '32' },
    probes: { type: 'string', default: '4' },
    processes: { type: 'string', default: `1,all` },
    pg: { type: 'string', default: 'postgres://postgres@127.0.0.1:55433/backroom_bench_concurrency' },
    out: { type: 'string', default: 'bench/results/concurrency.md' },
    port: { type: 'string', default: '3997' },
  },
})
const EVENTS = Number(values.events)
const PRODUCTS = Number(values.products)
const dialects = values.dialects.split(',') as ('sqlite' | 'postgres')[]
const duration = Number(values.duration)
const connections = Number(values.connections)
const probes = Number(values.probes)
const processCounts = values.processes.split(',').map((p) => (p === 'all' ? availableParallelism() : Number(p)))
const port = Number(values.port)
const root = join(import.meta.dirname, '..')
const outDir = join(root, 'bench', 'out')
mkdirSync(outDir, { recursive: true })
const node = process.execPath
const DAY = 86_400_000
const END = Date.UTC(2026, 9, 1)
const START = END - 90 * DAY
const FROM = new Date(START).toISOString().slice(0, 10)
const TO = new Date(END - DAY).toISOString().slice(0, 10)
/** Event i (1…EVENTS) occurs at START + i * STEP; the last one can fall on END, outside the range. */
const STEP = Math.max(1, Math.floor((90 * DAY) / EVENTS))
const EVENTS_IN_RANGE = Math.min(EVENTS, Math.floor((90 * DAY - 1) / STEP))
const ADMIN = { email: 'bench-admin@example.test', password: 'bench-Quartz-lantern-77-harbor' }

const databaseUrl = (dialect: 'sqlite' | 'postgres') =>
  dialect === 'sqlite' ? `sqlite:${join(outDir, 'concurrency.db')}` : `${values.pg}?schema=bench_concurrency`

const baseEnv = (dialect: 'sqlite' | 'postgres') => benchServerEnv(databaseUrl(dialect))

/** A fresh database: the demo catalog, an admin, and EVENTS events in one statement. */
async function prepare(dialect: 'sqlite' | 'postgres') {
  if (dialect === 'sqlite') {
    for (const suffix of ['', '-wal', '-shm']) rmSync(join(outDir, `concurrency.db${suffix}`), { force: true })
  } else {
    const target = new URL(values.pg)
    const admin = new pg.Client({ connectionString: values.pg.replace(/\/[^/?]+(\?.*)?$/, '/postgres') })
    await admin.connect()
    const name = target.pathname.slice(1)
    if ((await admin.query('select 1 from pg_database where datname = $1', [name])).rowCount === 0) {
      await admin.query(`create database "${name}"`)
    }
    await admin.end()
    const client = new pg.Client({ connectionString: values.pg })
    await client.connect()
    await client.query('drop schema if exists bench_concurrency cascade')
    await client.end()
  }
  const env = { ...process.env, ...baseEnv(dialect), LOG_LEVEL: 'warn' }
  const cli = (...args: string[]) => execFileSync(node, ['src/cli.ts', ...args], { cwd: root, env, stdio: 'inherit' })
  cli('seed', '--products', String(PRODUCTS))
  cli('create-admin', '--email', ADMIN.email, '--password', ADMIN.password)
  const started = performance.now()
  const db =
    dialect === 'sqlite'
      ? new Kysely<unknown>({ dialect: new SqliteDialect({ database: openSqlite(join(outDir, 'concurrency.db')) }) })
      : new Kysely<unknown>({
          dialect: new PostgresDialect({
            pool: new pg.Pool({ connectionString: values.pg, options: '-c search_path=bench_concurrency' }),
          }),
        })
  const type = sql`case i % 20 when 0 then 'order_placed' when 1 then 'checkout_started' when 2 then 'add_to_cart'
    when 3 then 'add_to_cart' when 4 then 'search' when 5 then 'search' when 6 then 'search'
    when 7 then 'product_view' when 8 then 'product_view' when 9 then 'product_view' when 10 then 'product_view'
    else 'page_view' end`
  await sql`
    with recursive n(i) as (select 1 union all select i + 1 from n where i < ${sql.lit(EVENTS)})
    insert into event (id, type, anonymous_id, customer_id, source, occurred_at, received_at, product_id, query, result_count, properties)
    select 'evt_' || i, ${type}, 'anon_' || ((cast(i as bigint) * 7919) % 100000), null, 'client',
      ${sql.lit(START)} + cast(i as bigint) * ${sql.lit(STEP)}, ${sql.lit(START)} + cast(i as bigint) * ${sql.lit(STEP)} + 50,
      case when i % 20 in (2, 3, 7, 8, 9, 10) then 'prod_' || (i % 5000) end,
      case when i % 20 in (4, 5, 6) then 'query ' || (i % 700) end,
      case when i % 20 in (4, 5, 6) then i % 5 end,
      '{}'
    from n`.execute(db)
  const seeded = performance.now()
  await db.transaction().execute(async (trx) => {
    await rebuildEventRollups(trx)
    await rebuildSalesRollups(trx)
  })
  await sql`analyze`.execute(db)
  await db.destroy()
  return { seedSeconds: (seeded - started) / 1000, rollupSeconds: (performance.now() - seeded) / 1000 }
}

/** The reports must answer from filled rollups, or their rows time nothing. */
async function checkRollups(authorization: string) {
  const res = await fetch(`http://127.0.0.1:${port}/reports/events/volume?${all}&granularity=week`, {
    headers: { authorization, accept: 'application/json' },
  })
  const { points } = (await res.json()) as { points: { total: number }[] }
  const total = points.reduce((sum, p) => sum + p.total, 0)
  if (total !== EVENTS_IN_RANGE) {
    throw new Error(`the volume report counts ${total} events, not ${EVENTS_IN_RANGE}: the rollups are not built`)
  }
}

async function start(env: Record<string, string>): Promise<ChildProcess> {
  const child = spawn(node, ['src/main.ts'], {
    cwd: root,
    env: { ...process.env, ...env, PORT: String(port), HOST: '127.0.0.1' },
    stdio: ['ignore', 'ignore', 'inherit'],
  })
  for (let i = 0; i < 3000; i++) {
    try {
      if ((await fetch(`http://127.0.0.1:${port}/readyz`)).ok) return child
    } catch {}
    await new Promise((r) => setTimeout(r, 100))
  }
  child.kill()
  throw new Error('the server did not become ready')
}

async function stop(child: ChildProcess) {
  const exited = new Promise((r) => child.once('exit', r))
  child.kill('SIGTERM')
  await exited
}

async function signIn(): Promise<string> {
  const res = await fetch(`http://127.0.0.1:${port}/auth/sign-in`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(ADMIN),
  })
  if (!res.ok) throw new Error(`sign-in failed: ${res.status}`)
  return `Bearer ${((await res.json()) as { token: string }).token}`
}

/** Runs one request and reads its whole body; resolves with the time it took and its size. */
function heavy(path: string, authorization: string, accept: string) {
  return new Promise<{ ms: number; bytes: number; status: number }>((resolve, reject) => {
    const started = performance.now()
    request({ host: '127.0.0.1', port, path, headers: { authorization, accept } }, (res) => {
      let bytes = 0
      res.on('data', (chunk: Buffer) => {
        bytes += chunk.length
      })
      res.on('end', () => resolve({ ms: performance.now() - started, bytes, status: res.statusCode ?? 0 }))
    })
      .on('error', reject)
      .end()
  })
}

type Cannon = autocannon.Instance
/** Probes `paths` with `clients` connections until stopped; resolves with autocannon's result. */
function probe(paths: string[], clients: number, seconds = 3600) {
  let i = 0
  let instance: Cannon | undefined
  const done = new Promise<autocannon.Result>((resolve, reject) => {
    instance = autocannon(
      {
        url: `http://127.0.0.1:${port}`,
        connections: clients,
        duration: seconds,
        requests: [{ method: 'GET', setupRequest: (req) => ({ ...req, path: paths[i++ % paths.length] }) }],
      },
      (error, result) => (error ? reject(error) : resolve(result)),
    )
  })
  return { stop: () => instance?.stop(), done }
}

function handles(): string[] {
  const out: string[] = []
  for (let k = 0; k < 500; k++) {
    const p = demoProduct(1 + ((k * 7919) % PRODUCTS)).input
    if (p.status === 'published') out.push(`/store/products/${p.handle}`)
  }
  return out
}
const LIST_PAGES = ['/store/products?category=shirts&limit=20', '/store/products?category=clothing&limit=20&sort=price']
const SEARCHES = ['/store/search?q=linen%20shirt&category=clothing&maxPrice=10000', '/store/search?q=merino']

const month = `from=${new Date(END - 30 * DAY).toISOString().slice(0, 10)}&to=${TO}`
const all = `from=${FROM}&to=${TO}`
const HEAVY: [string, string, string][] = [
  ['full events export (CSV)', `/exports/events?${all}`, 'text/csv'],
  ['funnel, 90 days', `/reports/funnel?${all}`, 'application/json'],
  ['funnel, 30 days', `/reports/funnel?${month}`, 'application/json'],
  ['zero-result searches, 90 days', `/reports/searches/zero-results?${all}`, 'application/json'],
  ['event volume per day, 90 days', `/reports/events/volume?${all}`, 'application/json'],
  ['event volume per week, 90 days', `/reports/events/volume?${all}&granularity=week`, 'application/json'],
  ['sales per day, 90 days', `/reports/sales?${all}`, 'application/json'],
  ['top products, 90 days', `/reports/top-products?${all}`, 'application/json'],
]

const load = () =>
  loadavg()
    .map((n) => n.toFixed(1))
    .join(' / ')
const sections: string[] = []
for (const dialect of dialects) {
  console.log(`\n== ${dialect}: seeding ${PRODUCTS} products and ${EVENTS} events`)
  const loadBefore = load()
  const { seedSeconds, rollupSeconds } = await prepare(dialect)
  console.log(`events seeded in ${seedSeconds.toFixed(1)} s, rollups rebuilt in ${rollupSeconds.toFixed(1)} s`)
  const probePaths = ['/healthz', ...handles().slice(0, 50)]

  // Case 1: one process, probes during each heavy request.
  const server = await start({ ...baseEnv(dialect), WEB_CONCURRENCY: '1' })
  const authorization = await signIn()
  await checkRollups(authorization)
  const during: string[] = []
  await heavy(`/exports/events?from=${TO}&to=${TO}`, authorization, 'text/csv') // warm-up: the read worker, JIT
  // The control: the probes alone, for 2 s, on the same (possibly busy) machine.
  const alone = await probe(probePaths, probes, 2).done
  during.push(
    `| nothing (the probes alone, 2 s) | | | ${alone.requests.total} | ${alone.latency.p50} | ${alone.latency.p99} | ${alone.latency.max} |`,
  )
  console.log(during[0])
  for (const [name, path, accept] of HEAVY) {
    const probing = probe(probePaths, probes)
    const h = await heavy(path, authorization, accept)
    probing.stop()
    const r = await probing.done
    const line = `| ${name} | ${h.status} | ${(h.ms / 1000).toFixed(2)} | ${r.requests.total} | ${r.latency.p50} | ${r.latency.p99} | ${r.latency.max} |`
    console.log(line)
    during.push(line)
  }
  await stop(server)

  // Case 2: product GET, list page, search with 1 process and with every core.
  const cores: string[] = []
  for (const n of processCounts) {
    const cluster = await start({ ...baseEnv(dialect), WEB_CONCURRENCY: String(n) })
    for (const [name, paths] of [
      ['product by handle', handles()],
      ['category list page', LIST_PAGES],
      ['search', SEARCHES],
    ] as const) {
      const warm = probe([...paths], connections, 2)
      await warm.done
      const r = await probe([...paths], connections, duration).done
      const line = `| ${n} | ${name} | ${Math.round(r.requests.average)} | ${r.latency.p50} | ${r.latency.p99} | ${r.errors + r.non2xx} |`
      console.log(line)
      cores.push(line)
    }
    await stop(cluster)
  }

  sections.push(`
## ${dialect}: ${EVENTS.toLocaleString('en')} events, ${PRODUCTS.toLocaleString('en')} products, ${new Date().toISOString().slice(0, 16)}Z

${availableParallelism()} cores; load average ${loadBefore} at the start, ${load()} at the end. Events seeded in ${seedSeconds.toFixed(1)} s, report rollups rebuilt from them in ${rollupSeconds.toFixed(1)} s.

Probes (\`/healthz\` and 50 product GETs in rotation, ${probes} connections) while one heavy request runs, one process:

| heavy request | status | heavy s | probes answered | probe p50 ms | probe p99 ms | probe max ms |
| --- | ---: | ---: | ---: | ---: | ---: | ---: |
${during.join('\n')}

${connections} connections, ${duration} s per case after a 2 s warm-up:

| processes | case | req/s | p50 ms | p99 ms | errors |
| ---: | --- | ---: | ---: | ---: | ---: |
${cores.join('\n')}
`)
}
const text = sections.join('\n')
const out = resolve(root, values.out)
if (!existsSync(out)) writeFileSync(out, '# Responsiveness and cores\n')
appendFileSync(out, text)
console.log(text)
