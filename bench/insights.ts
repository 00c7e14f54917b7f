/**
 * Insights benchmark: seeds a million events over 90 days (DAYS=…) (batched multi-row inserts in the shape the
 * app writes them), builds the rollups with the app's own code (the migration's rebuild), appends
 * CATCH_UP_EVENTS more the way `POST /events` does (queued in the same transaction) and times the
 * catch-up job folding them in, checks that the rollup answers equal the direct computation over the
 * events, times every events report through HTTP over the last 7, 30, 90 and 365 days, and measures
 * the peak RSS of the streamed events export against building the same CSV in memory.
 *
 *   npx node bench/insights.ts                               SQLite file in bench/out/
 *   DATABASE_URL=postgres://…/backroom_bench_insights npx node bench/insights.ts
 *   EVENTS=20000 npx node bench/insights.ts --no-export      a quick check
 *   DAYS=400 npx node bench/insights.ts                      events over 400 days (the 365-day ranges span a year of data)
 *   npx node bench/insights.ts --reports-only                re-time the reports on the last seeded data
 *   --no-export                                              skip the export memory runs (three more passes)
 *
 * Appends its figures to bench/results/insights.md (one section per dialect), or with `--out=<file>` to that
 * file (a scratch file for a run on a busy machine).
 */
import { spawn } from 'node:child_process'
import { request } from 'node:http'
import type { AddressInfo } from 'node:net'
import { availableParallelism, loadavg } from 'node:os'
import { random as seededRandom } from '../src/modules/catalog/demo.ts'
import { funnelFromUnions } from '../src/modules/insights/funnel-spans.ts'
import { funnelUnions, rebuildEventRollups, volumeByBucket } from '../src/modules/insights/rollup-store.ts'
import { catchUpEvents } from '../src/modules/insights/rollups.ts'
import type { EventTable } from '../src/modules/insights/store.ts'
import * as direct from '../src/modules/insights/store.ts'
import { insertEvents } from '../src/modules/insights/store.ts'
import { newId } from '../src/platform/db/ids.ts'
import { toCsv } from '../src/platform/http/csv.ts'
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

const TOTAL = Number(process.env.EVENTS ?? 1_000_000)
/** Events appended through the rollup queue after seeding, to time the catch-up job. */
const CATCH_UP = Number(process.env.CATCH_UP_EVENTS ?? Math.min(20_000, Math.ceil(TOTAL / 10)))
/** Days the data is spread over (DAYS), ending 2026-09-30. */
const { days: DAYS, start: START, end: END, from: FROM, to: TO } = benchSpan()
const target = benchTarget('insights')
const { dialect } = target
const config = () => benchConfig(target)

// ---------------------------------------------------------------------------------------------
// Child mode: measure one export's memory, in a fresh process so RSS figures are not polluted.
if (process.argv[2] === '--export') {
  const mode = process.argv[3] as 'stream' | 'buffer'
  const { app, authorization } = await openBench(config())
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
          path: `/exports/events?${rangesEndingAt(END, [Math.min(DAYS, 365)])[0][1]}`, // at most a year per export
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
 * mulberry32, the demo data's generator (32-bit state kept exact by Math.imul): the same seed gives the
 * same run. The generator used before, `(seed * 1103515245 + 12345) % 2^31` in doubles, lost precision
 * past 2^53 and fell into a short cycle: 2,662 distinct visitors instead of 100,000.
 */
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
  const plain = TOTAL - CATCH_UP
  for (let done = 0; done < plain; ) {
    await db.transaction().execute(async (trx) => {
      for (let b = 0; b < PER_TRANSACTION && done < plain; b++) {
        const n = Math.min(BATCH, plain - done)
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
  // The queued path: the newest CATCH_UP events as POST /events appends them, then the job.
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

/** The rollups' answers must equal the direct computation over the events (the tests' check, at scale). */
async function verify(app: App): Promise<number> {
  const db = app.backroom.database.db
  const started = performance.now()
  const fromDay = START / DAY
  const lastDay = fromDay + DAYS - 1
  for (const [from, to] of [
    [Math.max(fromDay, lastDay - 364), lastDay], // the whole data, or its last 365 days (a report's range is at most 367)
    [fromDay + DAYS - 7, fromDay + DAYS - 1],
    [fromDay + 10, fromDay + 40],
  ]) {
    const unions = await funnelUnions(db, from, to)
    const rolled = funnelFromUnions(new Map(unions.map((u) => [Number(u.steps), Number(u.visitors)])))
    const raw = await direct.funnelCounts(db, from * DAY, (to + 1) * DAY)
    if (JSON.stringify(rolled) !== JSON.stringify(raw)) {
      throw new Error(
        `funnel ${from}..${to}: the rollup says ${JSON.stringify(rolled)}, the events ${JSON.stringify(raw)}`,
      )
    }
    const total = (rows: { count: number }[]) => rows.reduce((sum, r) => sum + Number(r.count), 0)
    const [a, b] = [
      await volumeByBucket(db, from, to, 'week'),
      await direct.volumeByBucket(db, from * DAY, (to + 1) * DAY, 'week'),
    ]
    if (total(a) !== total(b)) throw new Error(`volume ${from}..${to}: ${total(a)} in the rollup, ${total(b)} events`)
  }
  return performance.now() - started
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
const { app, authorization } = reportsOnly ? await openBench(config()) : await freshBench(target, config())
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
const verifyMs = reportsOnly ? 0 : await verify(app)
const cases: ReportCase[] = []
for (const [range, q] of rangesEndingAt(END)) {
  cases.push(
    { name: `funnel, ${range}`, url: `/reports/funnel?${q}` },
    { name: `event volume per day, ${range}`, url: `/reports/events/volume?${q}` },
    { name: `event volume per week, ${range}`, url: `/reports/events/volume?${q}&granularity=week` },
    { name: `zero-result searches, ${range} (top 100)`, url: `/reports/searches/zero-results?${q}` },
  )
}
cases.push(
  {
    name: 'event volume per day, 90 days, CSV',
    url: `/reports/events/volume?${rangesEndingAt(END, [90])[0][1]}`,
    accept: 'text/csv',
  },
  { name: 'funnel, 90 days, CSV', url: `/reports/funnel?${rangesEndingAt(END, [90])[0][1]}`, accept: 'text/csv' },
)
const { table, slow } = await timeReports(app, authorization, cases)
const count = (table: 'funnel_visit' | 'funnel_span' | 'funnel_from' | 'event_volume_day' | 'search_zero_day') =>
  app.backroom.database.db
    .selectFrom(table)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow()
    .then((r) => Number(r.n).toLocaleString('en'))
const sizes = `${await count('funnel_visit')} visitor-days, ${await count('funnel_span')} funnel spans, ${await count('funnel_from')} funnel rows by range start, ${await count('event_volume_day')} volume rows, ${await count('search_zero_day')} zero-result rows`
const rows = [table, slow.length > 0 ? `\nOver 50 ms: ${slow.join('; ')}.` : '']
await app.close()
if (reportsOnly) {
  const section = `\n### ${dialect}: reports re-timed ${new Date().toISOString().slice(0, 16)}Z, load average ${loadBefore} → ${load()}\n\n${rows.join('\n')}\n`
  appendResults('insights', section)
  console.log(section)
  process.exit(0)
}

const mib = (n: number) => (n / 1_048_576).toFixed(0)
const exports = process.argv.includes('--no-export')
  ? undefined
  : { stream: await child('stream'), bounded: await child('stream', 64), buffer: await child('buffer') }
console.log('exports', exports)

const section = `
## ${dialect === 'sqlite' ? 'SQLite (node:sqlite, file, WAL)' : 'PostgreSQL (pg)'}: ${TOTAL.toLocaleString('en')} events, ${new Date().toISOString().slice(0, 16)}Z

Seeding: ${(seedMs / 1000).toFixed(1)} s (multi-row inserts of 1,000 events, 20 per transaction; ${Math.round(TOTAL / (seedMs / 1000)).toLocaleString('en')} events/s).
Rollups rebuilt from the first ${(TOTAL - CATCH_UP).toLocaleString('en')} events in ${(rebuildMs / 1000).toFixed(1)} s (the migration's rebuild); the newest ${CATCH_UP.toLocaleString('en')} events, appended through the rollup queue as \`POST /events\` appends them, were folded in by the catch-up job in ${(catchUpMs / 1000).toFixed(1)} s (${Math.round(CATCH_UP / (catchUpMs / 1000)).toLocaleString('en')} events/s). Rollup answers checked equal to the direct computation over the events (funnel and volume, 3 ranges) in ${(verifyMs / 1000).toFixed(1)} s.
Rollup sizes: ${sizes}.
Events spread over ${DAYS} days (${FROM} … ${TO}), ${Number(visitors.n).toLocaleString('en')} distinct visitors (of 100,000 ids), 6 types. Reports answer from the rollups. Timings through \`app.inject\` (HTTP stack included), median and best of 5 after one warm-up.
Machine: ${availableParallelism()} CPUs, shared with other work; load average (1/5/15 min) ${loadBefore} at start, ${load()} at the end.

${rows.join('\n')}
${exports ? exportSection(exports) : '\nExport memory not measured in this run (`--no-export`).\n'}`
appendResults('insights', section)
console.log(section)

type ExportRun = Awaited<ReturnType<typeof child>>
function exportSection({ stream, bounded, buffer }: { stream: ExportRun; bounded: ExportRun; buffer: ExportRun }) {
  return `
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
}
