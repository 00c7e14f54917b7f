/**
 * The catalog import, synchronous (POST /admin/catalog/import: one transaction) against the import job
 * (POST /admin/catalog/imports: batches of 250, each its own transaction): how long it takes, how long
 * another write waits meanwhile (a category created every 20 ms), the event loop's worst delay, and
 * how many distinct progress values a poller saw; and, for the server's responsiveness, how long a
 * GET /healthz probe (every 50 ms) takes meanwhile and the process's peak RSS (`maxRSS`: a high-water
 * mark, so run one `--mode` per process to compare two runs), then the export of what was imported
 * with the same probe. A probe is timed from when it was due, so a blocked event loop counts.
 *
 *   node bench/import-job.ts [--products 2000] [--format csv|json|jsonl] [--mode both|sync|job]
 *   DATABASE_URL=postgres://… node bench/import-job.ts        # PostgreSQL (throw-away schemas)
 *
 * `--format json` sends a pretty-printed JSON array (as an export from another system might be);
 * 100,000 products are about 40 MB.
 */
import { mkdirSync, rmSync } from 'node:fs'
import { loadavg } from 'node:os'
import { monitorEventLoopDelay } from 'node:perf_hooks'
import { setTimeout as sleep } from 'node:timers/promises'
import { parseArgs } from 'node:util'
import { buildApp } from '../src/app.ts'
import { loadConfig } from '../src/platform/config.ts'
import type { App } from '../src/platform/http/types.ts'

const { values } = parseArgs({
  options: {
    products: { type: 'string', default: '2000' },
    format: { type: 'string', default: 'csv' },
    mode: { type: 'string', default: 'both' },
  },
})
const PRODUCTS = Number(values.products)
const FORMAT = values.format as 'csv' | 'json' | 'jsonl'
const CONTENT_TYPE = { csv: 'text/csv', json: 'application/json', jsonl: 'application/x-ndjson' }[FORMAT]
if (!CONTENT_TYPE) throw new Error('--format is csv, json or jsonl')
const MODES = values.mode === 'both' ? (['sync', 'job'] as const) : [values.mode as 'sync' | 'job']
const url = process.env.DATABASE_URL?.startsWith('postgres') ? process.env.DATABASE_URL : undefined
const ADMIN = { email: 'bench-import@example.test', password: 'bench-Quartz-lantern-77-harbor' }

function csv(n: number): string {
  const rows = Array.from(
    { length: n },
    (_, i) =>
      `bench-${i},Bench product ${i},published,A product made for the import bench,BENCH-${i},size=M,5,${1000 + i}`,
  )
  return `handle,title,status,description,sku,options,stock,price_EUR\n${rows.join('\n')}\n`
}

function product(i: number) {
  return {
    handle: `bench-${i}`,
    title: `Bench product ${i}`,
    status: 'published',
    description: 'A product made for the import bench',
    variants: [
      { sku: `BENCH-${i}`, options: { size: 'M' }, stock: 5, prices: [{ currency: 'EUR', amount: 1000 + i }] },
    ],
  }
}

function fileOf(n: number): string {
  if (FORMAT === 'csv') return csv(n)
  const items = Array.from({ length: n }, (_, i) => product(i))
  return FORMAT === 'json' ? JSON.stringify(items, null, 2) : `${items.map((p) => JSON.stringify(p)).join('\n')}\n`
}

async function open(mode: string): Promise<App> {
  mkdirSync('bench/out', { recursive: true })
  const file = `bench/out/import-${mode}.db`
  if (!url) for (const suffix of ['', '-wal', '-shm']) rmSync(`${file}${suffix}`, { force: true })
  const config = loadConfig({
    NODE_ENV: 'development',
    DATABASE_URL: url ?? `sqlite:${file}`,
    SEED_DEMO_DATA: 'false',
    RATE_LIMIT_ENABLED: 'false',
    LOG_LEVEL: 'warn',
    MAX_EVENT_LOOP_DELAY_MS: '0',
  })
  if (config.database.kind === 'postgres') {
    config.database.schema = `bench_import_${mode}`
    config.database.dropSchemaOnClose = true
  }
  const app = await buildApp(config)
  await app.backroom.users.createUser({ ...ADMIN, role: 'admin' })
  return app
}

/**
 * GET /healthz every 50 ms while `going()`, each timed from when it was due (the end of the previous
 * one plus 50 ms), so a blocked event loop shows as the wait a client asking then would have had.
 */
async function probe(app: App, probes: number[], going: () => boolean): Promise<void> {
  while (going()) {
    const due = performance.now() + 50
    await sleep(50)
    const health = await app.inject({ url: '/healthz' })
    if (health.statusCode !== 200) throw new Error(`healthz: ${health.statusCode} ${health.body}`)
    probes.push(performance.now() - due)
  }
}

/** GET /admin/catalog/export of what was imported, with a /healthz probe every 50 ms meanwhile. */
async function exportWhileProbing(app: App, headers: Record<string, string>) {
  const probes: number[] = []
  let exporting = true
  const prober = probe(app, probes, () => exporting)
  const loop = monitorEventLoopDelay({ resolution: 10 })
  loop.enable()
  const started = performance.now()
  const res = await app.inject({ url: '/admin/catalog/export', headers })
  if (res.statusCode !== 200) throw new Error(`export: ${res.statusCode} ${res.body.slice(0, 300)}`)
  const ms = performance.now() - started
  exporting = false
  await prober
  loop.disable()
  return { ms, loopMax: loop.max / 1e6, probes: probes.length, probeMax: Math.max(0, ...probes) }
}

async function run(mode: 'sync' | 'job') {
  const app = await open(mode)
  const res = await app.inject({ method: 'POST', url: '/auth/sign-in', payload: ADMIN })
  const headers = { authorization: `Bearer ${res.json().token}` }
  const body = fileOf(PRODUCTS)
  const waits: number[] = []
  const probes: number[] = []
  const seen = new Set<number>()
  let importing = true
  const writer = (async () => {
    for (let i = 0; importing; i++) {
      const started = performance.now()
      const made = await app.inject({
        method: 'POST',
        url: '/admin/categories',
        headers,
        payload: { handle: `c-${i}`, name: `C ${i}` },
      })
      if (made.statusCode !== 201) throw new Error(`category: ${made.statusCode} ${made.body}`)
      waits.push(performance.now() - started)
      await sleep(20)
    }
  })()
  const prober = probe(app, probes, () => importing)
  const loop = monitorEventLoopDelay({ resolution: 10 })
  loop.enable()
  const started = performance.now()
  if (mode === 'sync') {
    const done = await app.inject({
      method: 'POST',
      url: '/admin/catalog/import',
      headers: { ...headers, 'content-type': CONTENT_TYPE },
      payload: body,
    })
    if (done.statusCode !== 200) throw new Error(`import: ${done.statusCode} ${done.body.slice(0, 300)}`)
  } else {
    const accepted = await app.inject({
      method: 'POST',
      url: '/admin/catalog/imports',
      headers: { ...headers, 'content-type': CONTENT_TYPE },
      payload: body,
    })
    if (accepted.statusCode !== 202) throw new Error(`import job: ${accepted.statusCode} ${accepted.body}`)
    for (;;) {
      const job = (await app.inject({ url: String(accepted.headers.location), headers })).json()
      if (job.status === 'writing') seen.add(job.progress.done)
      if (job.status === 'failed') throw new Error(`import job failed: ${JSON.stringify(job.failure)}`)
      if (job.status === 'succeeded') break
      await sleep(50)
    }
  }
  const ms = performance.now() - started
  importing = false
  await writer
  await prober
  loop.disable()
  const exported = await exportWhileProbing(app, headers)
  await app.close()
  const q = (list: number[], p: number) =>
    list.sort((a, b) => a - b)[Math.min(list.length - 1, Math.floor(p * list.length))] ?? 0
  return {
    mode,
    ms,
    writes: waits.length,
    p50: q(waits, 0.5),
    max: q(waits, 1),
    loopMax: loop.max / 1e6,
    loopP99: loop.percentile(99) / 1e6,
    probes: probes.length,
    probeP50: q(probes, 0.5),
    probeMax: q(probes, 1),
    maxRssMb: process.resourceUsage().maxRSS / 1024,
    progress: seen.size,
    exported,
  }
}

console.log(
  `${PRODUCTS} products as ${FORMAT} (${(Buffer.byteLength(fileOf(PRODUCTS)) / 1024 / 1024).toFixed(1)} MB), ` +
    `${url ? 'PostgreSQL' : 'SQLite (file)'}; load average ${loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')}`,
)
console.log(
  '| import | total ms | other writes done | their wait p50 ms | max ms | event loop max ms | p99 ms | /healthz probes | p50 ms | max ms | peak RSS MB | progress values seen |',
)
console.log('| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |')
const exports: string[] = []
for (const mode of MODES) {
  const r = await run(mode)
  console.log(
    `| ${r.mode} | ${r.ms.toFixed(0)} | ${r.writes} | ${r.p50.toFixed(1)} | ${r.max.toFixed(0)} | ${r.loopMax.toFixed(0)} | ${r.loopP99.toFixed(0)} | ${r.probes} | ${r.probeP50.toFixed(1)} | ${r.probeMax.toFixed(0)} | ${r.maxRssMb.toFixed(0)} | ${mode === 'job' ? r.progress : '–'} |`,
  )
  const e = r.exported
  exports.push(
    `| after ${r.mode} | ${e.ms.toFixed(0)} | ${e.loopMax.toFixed(0)} | ${e.probes} | ${e.probeMax.toFixed(0)} |`,
  )
}
console.log(
  '\n| export | total ms | event loop max ms | /healthz probes | max ms |\n| --- | ---: | ---: | ---: | ---: |',
)
for (const line of exports) console.log(line)
