/**
 * The catalog import, synchronous (POST /admin/catalog/import: one transaction) against the import job
 * (POST /admin/catalog/imports: batches of 250, each its own transaction): how long it takes, how long
 * another write waits meanwhile (a category created every 20 ms), the event loop's worst delay, and
 * how many distinct progress values a poller saw.
 *
 *   node bench/import-job.ts [--products 2000]               # SQLite (a file under bench/out)
 *   DATABASE_URL=postgres://… node bench/import-job.ts        # PostgreSQL (throw-away schemas)
 */
import { mkdirSync, rmSync } from 'node:fs'
import { monitorEventLoopDelay } from 'node:perf_hooks'
import { setTimeout as sleep } from 'node:timers/promises'
import { parseArgs } from 'node:util'
import { buildApp } from '../src/app.ts'
import { loadConfig } from '../src/platform/config.ts'
import type { App } from '../src/platform/http/types.ts'

const { values } = parseArgs({ options: { products: { type: 'string', default: '2000' } } })
const PRODUCTS = Number(values.products)
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

async function run(mode: 'sync' | 'job') {
  const app = await open(mode)
  const res = await app.inject({ method: 'POST', url: '/auth/sign-in', payload: ADMIN })
  const headers = { authorization: `Bearer ${res.json().token}` }
  const body = csv(PRODUCTS)
  const waits: number[] = []
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
  const loop = monitorEventLoopDelay({ resolution: 10 })
  loop.enable()
  const started = performance.now()
  if (mode === 'sync') {
    const done = await app.inject({
      method: 'POST',
      url: '/admin/catalog/import',
      headers: { ...headers, 'content-type': 'text/csv' },
      payload: body,
    })
    if (done.statusCode !== 200) throw new Error(`import: ${done.statusCode} ${done.body.slice(0, 300)}`)
  } else {
    const accepted = await app.inject({
      method: 'POST',
      url: '/admin/catalog/imports',
      headers: { ...headers, 'content-type': 'text/csv' },
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
  loop.disable()
  await app.close()
  waits.sort((a, b) => a - b)
  const q = (p: number) => waits[Math.min(waits.length - 1, Math.floor(p * waits.length))] ?? 0
  return {
    mode,
    ms,
    writes: waits.length,
    p50: q(0.5),
    max: q(1),
    loopMax: loop.max / 1e6,
    progress: seen.size,
  }
}

console.log(`${PRODUCTS} products, ${url ? 'PostgreSQL' : 'SQLite (file)'}`)
console.log(
  '| import | total ms | other writes done | their wait p50 ms | max ms | event loop max ms | progress values seen |',
)
console.log('| --- | ---: | ---: | ---: | ---: | ---: | ---: |')
for (const mode of ['sync', 'job'] as const) {
  const r = await run(mode)
  console.log(
    `| ${r.mode} | ${r.ms.toFixed(0)} | ${r.writes} | ${r.p50.toFixed(1)} | ${r.max.toFixed(0)} | ${r.loopMax.toFixed(0)} | ${mode === 'job' ? r.progress : '–'} |`,
  )
}
