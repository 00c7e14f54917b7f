/**
 * `node bench/cache-under-writes.ts`: product GETs on SQLite with several server processes
 * (WEB_CONCURRENCY, node:cluster) while another process keeps writing analytics events to the same
 * file, as the other workers' event flushes, carts and checkouts do in production (issue 14). Reports
 * the document cache's hit rate and the workers' CPU time per request, with and without the writer.
 * Before issue 14's catalog version, every such commit emptied every worker's caches.
 *
 *   node bench/cache-under-writes.ts [--products 1000] [--requests 20000] [--connections 10]
 *                                    [--workers 2] [--write-every-ms 5] [--port 3320]
 * Seeds bench/out/cache-under-writes-<products>.db on first use.
 */
import { type ChildProcess, execFileSync, spawn } from 'node:child_process'
import { existsSync, mkdirSync, readFileSync } from 'node:fs'
import http from 'node:http'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import autocannon from 'autocannon'
import { demoProduct } from '../src/modules/catalog/demo.ts'
import { openSqlite } from '../src/platform/db/sqlite.ts'
import { benchServerEnv } from './server-env.ts'

const { values } = parseArgs({
  options: {
    products: { type: 'string', default: '1000' },
    requests: { type: 'string', default: '20000' },
    connections: { type: 'string', default: '10' },
    workers: { type: 'string', default: '2' },
    'write-every-ms': { type: 'string', default: '5' },
    port: { type: 'string', default: '3320' },
  },
})
const root = join(import.meta.dirname, '..')
const port = Number(values.port)
const products = Number(values.products)
const requests = Number(values.requests)
const outDir = join(root, 'bench', 'out')
mkdirSync(outDir, { recursive: true })
const file = join(outDir, `cache-under-writes-${products}.db`)
const ticks = 100 // USER_HZ

if (!existsSync(file)) {
  execFileSync(process.execPath, ['src/cli.ts', 'seed', '--products', String(products)], {
    cwd: root,
    env: { ...process.env, DATABASE_URL: `sqlite:${file}`, LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'inherit', 'inherit'],
  })
}

function cpuMicros(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ')
  return ((Number(fields[11]) + Number(fields[12])) * 1e6) / ticks
}

function workerPids(primary: number): number[] {
  return readFileSync(`/proc/${primary}/task/${primary}/children`, 'utf8').trim().split(/\s+/).map(Number)
}

/** One /metrics answer on a fresh connection (the primary hands connections out round-robin). */
function metrics(): Promise<string> {
  return new Promise((resolve, reject) => {
    http
      .get({ host: '127.0.0.1', port, path: '/metrics', agent: false }, (res) => {
        let body = ''
        res.setEncoding('utf8')
        res.on('data', (chunk) => {
          body += chunk
        })
        res.on('end', () => resolve(body))
      })
      .on('error', reject)
  })
}

/**
 * The document cache counters summed over the workers. Between loads nothing moves them, so each
 * worker answers with its own constant pair: fresh connections until every worker has answered (or
 * the workers left unheard hold the same pair as one that answered).
 */
async function counters(): Promise<{ hits: number; misses: number }> {
  const seen = new Map<string, { hits: number; misses: number }>()
  for (let i = 0; i < 50 && seen.size < Number(values.workers); i++) {
    const text = await metrics()
    const read = (name: string) => Number(new RegExp(`^${name} (\\S+)$`, 'm').exec(text)?.[1] ?? 0)
    const pair = {
      hits: read('catalog_document_cache_hits_total'),
      misses: read('catalog_document_cache_misses_total'),
    }
    seen.set(`${pair.hits}/${pair.misses}`, pair)
  }
  // Fifty fresh connections never all reach one worker: those that answered alike have equal counts.
  const copies = Number(values.workers) - seen.size + 1
  return [...seen.values()].reduce((a, b) => ({ hits: a.hits + b.hits, misses: a.misses + b.misses }), {
    hits: (copies - 1) * [...seen.values()][0].hits,
    misses: (copies - 1) * [...seen.values()][0].misses,
  })
}

const server: ChildProcess = spawn(process.execPath, ['src/main.ts'], {
  cwd: root,
  env: {
    ...process.env,
    ...benchServerEnv(`sqlite:${file}`),
    WEB_CONCURRENCY: values.workers,
    PORT: String(port),
  },
  stdio: ['ignore', 'ignore', 'inherit'],
})
for (let i = 0; ; i++) {
  try {
    if ((await fetch(`http://127.0.0.1:${port}/readyz`)).ok && workerPids(server.pid!).length >= Number(values.workers))
      break
  } catch {}
  if (i > 600) throw new Error('the server did not start')
  await new Promise((r) => setTimeout(r, 100))
}

const handles: string[] = []
for (let n = 1; n <= products && handles.length < 500; n++) {
  const p = demoProduct(n).input
  if (p.status === 'published') handles.push(`/store/products/${p.handle}`)
}

/** Commits of a table no cache depends on, from this (another) process. */
function startWriter(): () => number {
  const writer = openSqlite(file).raw
  const insert = writer.prepare(
    `insert into event (id, type, anonymous_id, customer_id, source, occurred_at, received_at, product_id, query, result_count, properties)
     values (?, 'product_view', 'bench', null, 'server', ?, ?, null, null, null, '{}')`,
  )
  let n = 0
  const timer = setInterval(() => {
    const at = Date.now()
    insert.run(`evt_bench_${process.pid}_${at}_${n++}`, at, at)
  }, Number(values['write-every-ms']))
  return () => {
    clearInterval(timer)
    writer.close()
    return n
  }
}

async function measure(name: string, withWriter: boolean) {
  const stopWriter = withWriter ? startWriter() : undefined
  const pids = workerPids(server.pid!)
  const before = await counters()
  const cpuBefore = pids.reduce((sum, pid) => sum + cpuMicros(pid), 0)
  let i = 0
  const r = await autocannon({
    url: `http://127.0.0.1:${port}`,
    connections: Number(values.connections),
    amount: requests,
    requests: [{ method: 'GET', setupRequest: (req) => ({ ...req, path: handles[i++ % handles.length] }) }],
  })
  const cpu = pids.reduce((sum, pid) => sum + cpuMicros(pid), 0) - cpuBefore
  const written = stopWriter?.()
  const after = await counters()
  const hits = after.hits - before.hits
  const misses = after.misses - before.misses
  console.log(
    `  ${name.padEnd(26)} hit rate ${((100 * hits) / Math.max(1, hits + misses)).toFixed(1).padStart(5)} %` +
      `  ${(cpu / r.requests.total).toFixed(0).padStart(5)} µs CPU/request` +
      `  (${r.requests.total} requests, non-2xx ${r.non2xx}, ${Math.round(r.requests.average)} req/s${written === undefined ? '' : `, ${written} event commits`})`,
  )
}

console.log(
  `SQLite, ${products} products, ${values.workers} server processes, product GETs over ${handles.length} handles`,
)
await measure('warm-up', false)
await measure('no other writes', false)
await measure(`events every ${values['write-every-ms']} ms`, true)
const exited = new Promise((r) => server.once('exit', r))
server.kill('SIGTERM')
await exited
