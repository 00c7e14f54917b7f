/**
 * Insights benchmark: seeds a million events (batched multi-row inserts), times each report through
 * HTTP, and measures the peak RSS of the streamed events export against building the same CSV in memory.
 *
 *   node bench/insights.ts                                  SQLite file in bench/out/
 *   DATABASE_URL=postgres://…/backroom_bench_insights node bench/insights.ts
 *   EVENTS=200000 node bench/insights.ts                     a smaller run
 *   node bench/insights.ts --reports-only                    re-time the reports on the last seeded data
 *
 * Appends its figures to bench/results/insights.md (one section per dialect).
 */
import { spawn } from 'node:child_process'
import { appendFileSync, mkdirSync, rmSync } from 'node:fs'
import { request } from 'node:http'
import type { AddressInfo } from 'node:net'
import { availableParallelism, loadavg } from 'node:os'
import { buildApp } from '../src/app.ts'
import { random as seededRandom } from '../src/modules/catalog/demo.ts'
import { rebuildEventRollups } from '../src/modules/insights/rollup-store.ts'
import { catchUpEvents } from '../src/modules/insights/rollups.ts'
import type { EventTable } from '../src/modules/insights/store.ts'
import { insertEvents } from '../src/modules/insights/store.ts'
import { loadConfig } from '../src/platform/config.ts'
import { newId } from '../src/platform/db/ids.ts'
import { toCsv } from '../src/platform/http/csv.ts'
import type { App } from '../src/platform/http/types.ts'

const TOTAL = Number(process.env.EVENTS ?? 1_000_000)
/** Events appended through the rollup queue after seeding, to time the catch-up job. */
const CATCH_UP = Number(process.env.CATCH_UP_EVENTS ?? 20_000)
const DAYS = 90
const DAY = 86_400_000
const END = Date.UTC(2026, 9, 1) // range: the 90 days before 2026-10-01
const START = END - DAYS * DAY
const FROM = new Date(START).toISOString().slice(0, 10)
const TO = new Date(END - DAY).toISOString().slice(0, 10)
const url = process.env.DATABASE_URL?.startsWith('postgres') ? process.env.DATABASE_URL : undefined
const dialect = url ? 'postgres' : 'sqlite'
const SQLITE_PATH = 'bench/out/insights.db'
const SCHEMA = 'bench_insights'

const BENCH_ADMIN = { email: 'bench-admin@example.test', password: 'bench-Quartz-lantern-77-harbor' }
let authorization = ''

/** Signs in as a bench admin (created on first use), for the staff-only report and export routes. */
async function signInAdmin(app: App): Promise<void> {
  try {
    await app.backroom.users.createUser({ ...BENCH_ADMIN, role: 'admin' })
  } catch (error) {
    if ((error as { code?: string }).code !== 'email-taken') throw error
  }
  const res = await app.inject({ method: 'POST', url: '/auth/sign-in', payload: BENCH_ADMIN })
  if (res.statusCode !== 200) throw new Error(`bench admin sign-in failed: ${res.statusCode} ${res.body}`)
  authorization = `Bearer ${res.json().token}`
}

function config() {
  const base = loadConfig({
    NODE_ENV: 'development',
    DATABASE_URL: url ? `${url}${url.includes('?') ? '&' : '?'}schema=${SCHEMA}` : `sqlite:${SQLITE_PATH}`,
    SEED_DEMO_DATA: 'false',
    RATE_LIMIT_ENABLED: 'false',
    LOG_LEVEL: 'warn',
    WEBHOOK_DISPATCH_INTERVAL_MS: '0',
  })
  return base
}

async function open(): Promise<App> {
  const app = await buildApp(config())
  await signInAdmin(app)
  return app
}

// ---------------------------------------------------------------------------------------------
// Child mode: measure one export's memory, in a fresh process so RSS figures are not polluted.
if (process.argv[2] === '--export') {
  const mode = process.argv[3] as 'stream' | 'buffer'
  const app = await open()
  const baseline = process.memoryUsage().rss
  let peak = baseline
  let heap = 0
  /** RSS (MiB) after every 16 MiB of CSV received: flat means it stops growing. */
  const timeline: number[] = []
  const sampler = setInterval(() => {
    const m = process.memoryUsage()
    peak = Math.max(peak, m.rss)
    heap = Math.max(heap, m.heapUsed + m.external)
  }, 10)
  const started = performance.now()
  let bytes = 0
  if (mode === 'stream') {
    await app.listen({ host: '127.0.0.1', port: 0 })
    const { port } = app.server.address() as AddressInfo
    bytes = await new Promise<number>((resolve, reject) => {
      request(
        {
          host: '127.0.0.1',
          port,
          path: `/exports/events?from=${FROM}&to=${TO}`,
          headers: { accept: 'text/csv', authorization },
        },
        (res) => {
          let n = 0
          res.on('data', (chunk: Buffer) => {
            n += chunk.length
            if (n >= (timeline.length + 1) * 16 * 1_048_576)
              timeline.push(Math.round(process.memoryUsage().rss / 1_048_576))
          })
          res.on('end', () => resolve(n))
        },
      )
        .on('error', reject)
        .end()
    })
  } else {
    // The naive way: every row in memory, then one CSV string.
    const rows = await app.backroom.database.db.selectFrom('event').selectAll().orderBy('occurred_at').execute()
    const csv = toCsv(rows, [
      { header: 'id', value: (r) => r.id },
      { header: 'type', value: (r) => r.type },
      { header: 'occurredAt', value: (r) => new Date(Number(r.occurred_at)).toISOString() },
      { header: 'receivedAt', value: (r) => new Date(Number(r.received_at)).toISOString() },
      { header: 'anonymousId', value: (r) => r.anonymous_id },
      { header: 'customerId', value: (r) => r.customer_id },
      { header: 'source', value: (r) => r.source },
      { header: 'properties', value: (r) => r.properties },
    ])
    bytes = Buffer.byteLength(csv)
  }
  clearInterval(sampler)
  const last = process.memoryUsage()
  peak = Math.max(peak, last.rss)
  heap = Math.max(heap, last.heapUsed + last.external)
  await app.close()
  console.log(
    JSON.stringify({ mode, bytes, ms: Math.round(performance.now() - started), baseline, peak, heap, timeline }),
  )
  process.exit(0)
}

// ---------------------------------------------------------------------------------------------
// Seeding

const TYPES: [EventTable['type'], number][] = [
  ['page_view', 0.4],
  ['product_view', 0.25],
  ['search', 0.15],
  ['add_to_cart', 0.1],
  ['checkout_started', 0.06],
  ['order_placed', 0.04],
]
/**
 * mulberry32, a small seeded PRNG with 32-bit state kept exact by Math.imul. The generator used before,
 * `(seed * 1103515245 + 12345) % 2^31` in doubles, lost precision past 2^53 and fell into a short cycle:
 * 2,662 distinct visitors instead of 100,000.
 */
/** mulberry32 (the demo data's generator): the same seed gives the same run. */
function mulberry32(seed: number): () => number {
  return seededRandom(seed).next
}
const random = mulberry32(42)
function pickType(): EventTable['type'] {
  let r = random()
  for (const [type, share] of TYPES) {
    r -= share
    if (r < 0) return type
  }
  return 'page_view'
}
let seq = 0
/** Events arrive roughly in time order (as in production), with up to a minute of client clock skew. */
function makeEvent(): EventTable {
  const type = pickType()
  const occurredAt = START + Math.floor((seq++ / TOTAL) * DAYS * DAY + random() * 60_000)
  const visitor = Math.floor(random() * 100_000)
  const product = `prod_${Math.floor(random() * 5000)}`
  const search = type === 'search'
  const zero = search && random() < 0.2
  const query = search ? `query ${Math.floor(random() * (zero ? 2000 : 500))}` : null
  const properties =
    type === 'page_view'
      ? { path: `/p/${Math.floor(random() * 1000)}` }
      : search
        ? { query, resultCount: zero ? 0 : 1 + Math.floor(random() * 50) }
        : type === 'order_placed'
          ? { orderId: newId('ord', occurredAt), currency: 'EUR', total: 1000 + Math.floor(random() * 20_000) }
          : { productId: product, quantity: 1 }
  return {
    id: newId('evt', occurredAt),
    type,
    anonymous_id: `anon_${visitor.toString(36).padStart(8, '0')}`,
    customer_id: random() < 0.3 ? `usr_${visitor}` : null,
    source: 'client',
    occurred_at: occurredAt,
    received_at: occurredAt + 50,
    product_id: type === 'product_view' || type === 'add_to_cart' ? product : null,
    query,
    result_count: search ? (zero ? 0 : 1) : null,
    properties: JSON.stringify(properties),
  }
}

async function fresh(): Promise<App> {
  if (url) {
    const pg = (await import('pg')).default
    const client = new pg.Client({ connectionString: url })
    await client.connect()
    await client.query(`drop schema if exists ${SCHEMA} cascade`)
    await client.end()
  } else {
    rmSync('bench/out', { recursive: true, force: true })
    mkdirSync('bench/out', { recursive: true })
  }
  return open()
}

/**
 * Seeds the events with plain multi-row inserts (no rollup queue), then rebuilds the rollups from the
 * event log in SQL, as the migration's backfill does; returns both durations. Then appends CATCH_UP
 * more events the way the server does (queued in the same transaction) and times the catch-up job
 * folding them in.
 */
async function seedEvents(app: App): Promise<{ seedMs: number; rebuildMs: number; catchUpMs: number }> {
  const db = app.backroom.database.db
  const started = performance.now()
  const BATCH = 1000
  const PER_TRANSACTION = 20
  for (let done = 0; done < TOTAL; ) {
    await db.transaction().execute(async (trx) => {
      for (let b = 0; b < PER_TRANSACTION && done < TOTAL; b++) {
        const n = Math.min(BATCH, TOTAL - done)
        await trx
          .insertInto('event')
          .values(Array.from({ length: n }, makeEvent))
          .execute()
        done += n
      }
    })
  }
  const seedMs = performance.now() - started
  const rebuilt = performance.now()
  await db.transaction().execute((trx) => rebuildEventRollups(trx))
  const rebuildMs = performance.now() - rebuilt
  // The queued path: CATCH_UP more events (dated like the last ones), then the job.
  seq = Math.max(0, TOTAL - CATCH_UP)
  const extra = Array.from({ length: CATCH_UP }, makeEvent)
  for (let i = 0; i < extra.length; i += BATCH) {
    await db.transaction().execute((trx) => insertEvents(trx, extra.slice(i, i + BATCH)))
  }
  const caught = performance.now()
  await catchUpEvents(db)
  const catchUpMs = performance.now() - caught
  const { sql } = await import('kysely')
  await sql`analyze`.execute(db)
  return { seedMs, rebuildMs, catchUpMs }
}

async function time(app: App, path: string, accept = 'application/json', runs = 5) {
  const ms: number[] = []
  let status = 0
  let size = 0
  for (let i = 0; i < runs; i++) {
    const started = performance.now()
    const res = await app.inject({ url: path, headers: { accept, authorization } })
    ms.push(performance.now() - started)
    status = res.statusCode
    size = res.body.length
  }
  if (status !== 200) throw new Error(`${path}: ${status}`)
  ms.sort((a, b) => a - b)
  return { median: ms[Math.floor(runs / 2)], min: ms[0], size }
}

function child(mode: 'stream' | 'buffer', heapLimitMiB?: number) {
  return new Promise<{ bytes: number; ms: number; baseline: number; peak: number; heap: number; timeline: number[] }>(
    (resolve, reject) => {
      const flags = heapLimitMiB ? [`--max-old-space-size=${heapLimitMiB}`] : []
      const proc = spawn(process.execPath, [...flags, import.meta.filename, '--export', mode], {
        stdio: ['ignore', 'pipe', 'inherit'],
      })
      let out = ''
      proc.stdout.on('data', (chunk) => {
        out += chunk
      })
      proc.on('exit', (code) =>
        code === 0 ? resolve(JSON.parse(out.trim().split('\n').at(-1)!)) : reject(new Error(`child ${code}`)),
      )
    },
  )
}

const load = () =>
  loadavg()
    .map((n) => n.toFixed(1))
    .join(' / ')
const loadBefore = load()
// --reports-only: time the reports again on the data seeded by an earlier run (no seeding, no export).
const reportsOnly = process.argv.includes('--reports-only')
const app = reportsOnly ? await open() : await fresh()
console.log(`seeding ${TOTAL} events on ${dialect}…`)
const { seedMs, rebuildMs, catchUpMs } = reportsOnly ? { seedMs: 0, rebuildMs: 0, catchUpMs: 0 } : await seedEvents(app)
console.log(
  `seeded in ${(seedMs / 1000).toFixed(1)} s, rollups rebuilt in ${(rebuildMs / 1000).toFixed(1)} s, ${CATCH_UP} queued events caught up in ${(catchUpMs / 1000).toFixed(1)} s`,
)
const visitors = await app.backroom.database.db
  .selectFrom('event')
  .select((eb) => eb.fn.count<number>('anonymous_id').distinct().as('n'))
  .executeTakeFirstOrThrow()
console.log(`distinct visitors: ${Number(visitors.n)}`)
const month = `from=${new Date(END - 30 * DAY).toISOString().slice(0, 10)}&to=${TO}`
const all = `from=${FROM}&to=${TO}`
const year = `from=${new Date(END - 365 * DAY).toISOString().slice(0, 10)}&to=${TO}`
const reports: [string, string, string?][] = [
  ['funnel, 90 days', `/reports/funnel?${all}`],
  ['funnel, 30 days', `/reports/funnel?${month}`],
  ['zero-result searches, 90 days (top 100)', `/reports/searches/zero-results?${all}`],
  ['event volume per day, 90 days', `/reports/events/volume?${all}`],
  ['event volume per week, 90 days', `/reports/events/volume?${all}&granularity=week`],
  ['event volume per day, 30 days, CSV', `/reports/events/volume?${month}`, 'text/csv'],
  ['funnel, a year (the longest range)', `/reports/funnel?${year}`],
  ['event volume per week, a year', `/reports/events/volume?${year}&granularity=week`],
]
const rows: string[] = []
for (const [name, path, accept] of reports) {
  const r = await time(app, path, accept)
  console.log(`${name}: median ${r.median.toFixed(1)} ms`)
  rows.push(`| ${name} | ${r.median.toFixed(1)} | ${r.min.toFixed(1)} |`)
}
await app.close()
if (reportsOnly) {
  const section = `\n### ${dialect}: reports re-timed ${new Date().toISOString().slice(0, 16)}Z, load average ${loadBefore} → ${load()}\n\n| report | median ms | best ms |\n| --- | ---: | ---: |\n${rows.join('\n')}\n`
  appendFileSync('bench/results/insights.md', section)
  console.log(section)
  process.exit(0)
}

const mib = (n: number) => (n / 1_048_576).toFixed(0)
const stream = await child('stream')
console.log('streamed export', stream)
const bounded = await child('stream', 64)
console.log('streamed export, 64 MiB heap limit', bounded)
const buffer = await child('buffer')
console.log('buffered export', buffer)

const section = `
## ${dialect === 'sqlite' ? 'SQLite (node:sqlite, file, WAL)' : 'PostgreSQL (pg)'}: ${TOTAL.toLocaleString('en')} events, ${new Date().toISOString().slice(0, 16)}Z

Seeding: ${(seedMs / 1000).toFixed(1)} s (multi-row inserts of 1,000 events, 20 per transaction; ${Math.round(TOTAL / (seedMs / 1000)).toLocaleString('en')} events/s).
Rollups rebuilt from the event log in ${(rebuildMs / 1000).toFixed(1)} s (the migration's backfill); ${CATCH_UP.toLocaleString('en')} more events appended through the rollup queue were folded in by the catch-up job in ${(catchUpMs / 1000).toFixed(1)} s (${Math.round(CATCH_UP / (catchUpMs / 1000)).toLocaleString('en')} events/s).
Events spread over ${DAYS} days (${FROM} … ${TO}), ${Number(visitors.n).toLocaleString('en')} distinct visitors (of 100,000 ids), 6 types. Reports answer from the rollups. Timings through \`app.inject\` (HTTP stack included), 5 runs.
Machine: ${availableParallelism()} CPUs, shared with other work; load average (1/5/15 min) ${loadBefore} at start, ${load()} at the end.

| report | median ms | best ms |
| --- | ---: | ---: |
${rows.join('\n')}

Events export (\`GET /exports/events\`, all ${TOTAL.toLocaleString('en')} rows, ${mib(stream.bytes)} MiB of CSV, over a real socket,
each in a fresh process). Without a cap V8 lets garbage pile up before collecting; the capped run shows the
export needs no more than that: memory does not grow with the number of rows.
RSS (MiB) after every 16 MiB of CSV received, streamed: ${stream.timeline.join(', ')}; capped: ${bounded.timeline.join(', ')}.

| export | time s | RSS before MiB | peak RSS MiB | RSS growth MiB | peak JS heap + external MiB |
| --- | ---: | ---: | ---: | ---: | ---: |
| streamed (keyset pages of 5,000 → csv-stringify in batches of 1,000 → socket) | ${(stream.ms / 1000).toFixed(1)} | ${mib(stream.baseline)} | ${mib(stream.peak)} | ${mib(stream.peak - stream.baseline)} | ${mib(stream.heap)} |
| the same with the JS heap capped at 64 MiB (\`--max-old-space-size=64\`) | ${(bounded.ms / 1000).toFixed(1)} | ${mib(bounded.baseline)} | ${mib(bounded.peak)} | ${mib(bounded.peak - bounded.baseline)} | ${mib(bounded.heap)} |
| for comparison: all rows in memory, one CSV string | ${(buffer.ms / 1000).toFixed(1)} | ${mib(buffer.baseline)} | ${mib(buffer.peak)} | ${mib(buffer.peak - buffer.baseline)} | ${mib(buffer.heap)} |
`
mkdirSync('bench/results', { recursive: true })
appendFileSync('bench/results/insights.md', section)
console.log(section)
