/**
 * `node bench/cpu-per-request.ts`: the server's CPU time per request (user + system, from
 * /proc/<pid>/stat) for the storefront reads bench/run.ts measures, next to a bare Fastify
 * hello-world. On a busy machine requests per second say little; CPU per request barely moves with
 * the load around it, and the hello-world's CPU divided by a case's approximates the case's share of
 * hello-world throughput on one core. Uses an already seeded database (bench/run.ts or `backroom seed`).
 *
 *   node bench/cpu-per-request.ts [--db sqlite:bench/out/catalog-10000.db] [--requests 20000]
 *                                 [--connections 10] [--port 31660] [--cases hello,product,list,search-head]
 *                                 (more cases: healthz, GET /healthz: the platform's fixed cost per request
 *                                 beside hello-world; search-unique, all-unique searches, each never sent before
 *                                 in the run, so every one is a result-cache miss; search-mix, 80 % the 200
 *                                 head searches and 20 % unique, as bench/run.ts's mix)
 *                                 [--handles 2000] [--rounds 1] [--env NAME=value ...]
 * With --rounds N, the cases take turns N times and each reports its median.
 */
import { type ChildProcess, spawn } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import autocannon from 'autocannon'
import { demoProduct } from '../src/modules/catalog/demo.ts'
import { LIST_PAGES, searchPath } from './search-queries.ts'
import { benchServerEnv, waitForSearchIndex } from './server-env.ts'

const { values } = parseArgs({
  options: {
    db: { type: 'string', default: `sqlite:${join(import.meta.dirname, 'out', 'catalog-10000.db')}` },
    requests: { type: 'string', default: '20000' },
    connections: { type: 'string', default: '10' },
    port: { type: 'string', default: '31660' },
    products: { type: 'string', default: '10000' },
    handles: { type: 'string', default: '2000' },
    cases: { type: 'string', default: 'hello,product,list,search-head' },
    env: { type: 'string', multiple: true, default: [] },
    rounds: { type: 'string', default: '1' },
  },
})
const root = join(import.meta.dirname, '..')
const port = Number(values.port)
const requests = Number(values.requests)
const ticks = 100 // USER_HZ: /proc/<pid>/stat counts CPU time in 1/100 s

function cpuMicros(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ')
  return ((Number(fields[11]) + Number(fields[12])) * 1e6) / ticks // utime, stime (fields 14 and 15)
}

async function start(script: string, env: Record<string, string>, ready: string): Promise<ChildProcess> {
  const child = spawn(process.execPath, [script], {
    cwd: root,
    env: { ...process.env, ...env, PORT: String(port) },
    stdio: ['ignore', 'ignore', 'inherit'],
  })
  for (let i = 0; ; i++) {
    try {
      if ((await fetch(`http://127.0.0.1:${port}${ready}`)).ok) return child
    } catch {}
    if (i > 600) throw new Error(`${script} did not start`)
    await new Promise((r) => setTimeout(r, 100))
  }
}

async function stop(child: ChildProcess) {
  const exited = new Promise((r) => child.once('exit', r))
  child.kill('SIGTERM')
  await exited
}

/** Paths in rotation, or a function giving the next path. */
type Paths = string[] | (() => string)

async function run(paths: Paths, amount: number) {
  let i = 0
  const next = typeof paths === 'function' ? paths : () => paths[i++ % paths.length]
  const r = await autocannon({
    url: `http://127.0.0.1:${port}`,
    connections: Number(values.connections),
    amount,
    requests: [{ method: 'GET', setupRequest: (req) => ({ ...req, path: next() }) }],
  })
  return r
}

/** Every search path sent in this run, and the counter of the unique-search generator. */
const sent = new Set<string>()
let uniqueCounter = 3_000_000
/** A search never sent before in this run (never answered from the result cache). */
function uniqueSearch(): string {
  for (;;) {
    const path = searchPath(uniqueCounter++)
    if (!sent.has(path)) {
      sent.add(path)
      return path
    }
  }
}

/** The result cache's hit and miss counters (GET /metrics), when the server has them. */
async function cacheCounters(): Promise<{ hits: number; misses: number } | undefined> {
  const text = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text().catch(() => '')
  const read = (name: string) => Number(new RegExp(`^${name} (\\S+)$`, 'm').exec(text)?.[1] ?? Number.NaN)
  const hits = read('catalog_result_cache_hits_total')
  return Number.isNaN(hits) ? undefined : { hits, misses: read('catalog_result_cache_misses_total') }
}

async function measure(name: string, child: ChildProcess, paths: Paths) {
  const counters = name === 'hello-world' ? undefined : await cacheCounters()
  const before = cpuMicros(child.pid!)
  const r = await run(paths, requests)
  const used = cpuMicros(child.pid!) - before
  const after = counters ? await cacheCounters() : undefined
  const perRequest = used / r.requests.total
  const cache =
    counters && after
      ? `, result cache ${after.hits - counters.hits} hits ${after.misses - counters.misses} misses`
      : ''
  console.log(
    `  ${name.padEnd(16)} ${perRequest.toFixed(0).padStart(6)} µs CPU/request  (${r.requests.total} requests, non-2xx ${r.non2xx}, ${Math.round(r.requests.average)} req/s${cache})`,
  )
  return perRequest
}

const cases = values.cases.split(',')
const results = new Map<string, number>()
if (cases.includes('hello')) {
  const hello = await start('bench/hello.ts', {}, '/hello')
  await run(['/hello'], Math.min(requests, 5000))
  results.set('hello', await measure('hello-world', hello, ['/hello']))
  await stop(hello)
}
const extra = Object.fromEntries(values.env.map((kv) => kv.split('=', 2) as [string, string]))
const server = await start(
  'src/main.ts',
  {
    ...benchServerEnv(values.db),
    WEB_CONCURRENCY: '1', // one process, whose CPU time /proc counts
    ...extra,
  },
  '/readyz',
)
const size = Number(values.products)
const handles: string[] = []
for (let k = 0; k < Number(values.handles); k++) {
  const p = demoProduct(1 + ((k * 7919) % size)).input
  if (p.status === 'published') handles.push(`/store/products/${p.handle}`)
}
const head = Array.from({ length: 200 }, (_, i) => searchPath(i))
for (const path of head) sent.add(path)
let mixed = 0
const mix = () => (mixed++ % 5 === 4 ? uniqueSearch() : head[mixed % head.length])
// Warm-up of every case first (JIT, caches, and whatever the server builds in the background after
// start, such as the facet index), so no case pays for start-up work.
for (const paths of [handles, LIST_PAGES, head]) await run(paths, Math.min(requests, 5000))
await new Promise((r) => setTimeout(r, 2000))
// A server with a text index answers misses from it once it is built.
await waitForSearchIndex(port, uniqueSearch)
const rounds: Record<string, number[]> = {}
const served: [string, string, Paths][] = [
  ['healthz', 'healthz', ['/healthz']],
  ['product', 'product', handles],
  ['list', 'list page', LIST_PAGES],
  ['search-head', 'search (head)', head],
  ['search-mix', 'search (mix)', mix],
  ['search-unique', 'search (unique)', uniqueSearch],
]
for (let round = 0; round < Number(values.rounds); round++) {
  for (const [key, name, paths] of served) {
    if (!cases.includes(key)) continue
    rounds[key] = [...(rounds[key] ?? []), await measure(name, server, paths)]
  }
}
for (const [key, name] of served) {
  const all = rounds[key]
  if (!all) continue
  const median = [...all].sort((a, b) => a - b)[Math.floor(all.length / 2)]
  results.set(key, median)
  if (all.length > 1)
    console.log(`  ${name}: median ${median.toFixed(0)} µs of ${all.map((v) => v.toFixed(0)).join(', ')}`)
}
await stop(server)
const hello = results.get('hello')
if (hello) {
  for (const [name, us] of results) {
    if (name !== 'hello')
      console.log(`  ${name}: ${((100 * hello) / us).toFixed(0)} % of hello-world's CPU per request`)
  }
}
