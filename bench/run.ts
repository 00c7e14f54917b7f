/**
 * `npm run bench`: seeds the deterministic demo catalog, starts the server in another process and
 * measures with autocannon: a product by handle, a category list page (20 cards), searches with
 * filters and facets over a realistic mix (80 % of requests repeat 200 head queries, 20 % are unique)
 * and all unique (every request a query the node has not seen, so no cached answer), plus a bare
 * Fastify hello-world as the ceiling, in the same run. Writes bench/RESULTS.md.
 *
 *   npm run bench -- [--sizes 10000,100000] [--dialects sqlite,postgres] [--duration 15] [--connections 10]
 *                    [--pg postgres://postgres@127.0.0.1:55433/backroom_bench_catalog] [--out bench/RESULTS.md]
 *                    [--pin] [--port 3998]
 * --pin runs the servers on CPU 1 and the load generator on CPU 0 (taskset), as the issue 14 figures were
 * measured. 1M products is an option (--sizes 1000000); seeding it takes several minutes per database.
 */

import { type ChildProcess, execFileSync, spawn } from 'node:child_process'
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { cpus, loadavg, totalmem } from 'node:os'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import autocannon from 'autocannon'
import pg from 'pg'
import { demoProduct } from '../src/modules/catalog/demo.ts'
import { LIST_PAGES, searchPath } from './search-queries.ts'
import { benchServerEnv, waitForSearchIndex } from './server-env.ts'

const { values } = parseArgs({
  options: {
    sizes: { type: 'string', default: '10000,100000' },
    dialects: { type: 'string', default: 'sqlite,postgres' },
    duration: { type: 'string', default: '15' },
    connections: { type: 'string', default: '10' },
    pin: { type: 'boolean', default: false },
    port: { type: 'string', default: '3998' },
    pg: { type: 'string', default: 'postgres://postgres@127.0.0.1:55433/backroom_bench_catalog' },
    out: { type: 'string', default: 'bench/RESULTS.md' },
  },
})
const sizes = values.sizes.split(',').map(Number)
const dialects = values.dialects.split(',') as ('sqlite' | 'postgres')[]
const duration = Number(values.duration)
const connections = Number(values.connections)
const root = join(import.meta.dirname, '..')
const outDir = join(root, 'bench', 'out')
mkdirSync(outDir, { recursive: true })
const node = process.execPath

interface Result {
  name: string
  rps: number
  p50: number
  p99: number
  errors: number
  non2xx: number
}

function databaseUrl(dialect: 'sqlite' | 'postgres', size: number): string {
  return dialect === 'sqlite' ? `sqlite:${join(outDir, `catalog-${size}.db`)}` : `${values.pg}?schema=bench_${size}`
}

async function ensureDatabase(url: string) {
  if (!url.startsWith('postgres')) return
  const target = new URL(url)
  const name = target.pathname.slice(1)
  const admin = new pg.Client({ connectionString: url.replace(/\/[^/?]+(\?.*)?$/, '/postgres') })
  await admin.connect()
  const exists = await admin.query('select 1 from pg_database where datname = $1', [name])
  if (exists.rowCount === 0) await admin.query(`create database "${name}"`)
  await admin.end()
}

/** Seeds unless the database already holds exactly this demo catalog. */
async function seed(dialect: 'sqlite' | 'postgres', size: number) {
  const url = databaseUrl(dialect, size)
  await ensureDatabase(url)
  const marker = join(outDir, `seeded-${dialect}-${size}`)
  if (existsSync(marker)) return 0
  const started = Date.now()
  execFileSync(node, ['src/cli.ts', 'seed', '--products', String(size)], {
    cwd: root,
    env: { ...process.env, DATABASE_URL: url, LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'inherit', 'inherit'],
  })
  writeFileSync(marker, new Date().toISOString())
  return (Date.now() - started) / 1000
}

if (values.pin) execFileSync('taskset', ['-cp', '0', String(process.pid)], { stdio: 'ignore' })

async function start(script: string, env: Record<string, string>, port: number, ready: string): Promise<ChildProcess> {
  const [command, args] = values.pin ? ['taskset', ['-c', '1', node, script]] : [node, [script]]
  const child = spawn(command, args as string[], {
    cwd: root,
    env: { ...process.env, ...env, PORT: String(port) },
    stdio: ['ignore', 'ignore', 'inherit'],
  })
  for (let i = 0; i < 3000; i++) {
    try {
      const res = await fetch(`http://127.0.0.1:${port}${ready}`)
      if (res.ok) return child
    } catch {}
    await new Promise((r) => setTimeout(r, 100))
  }
  child.kill()
  throw new Error(`${script} did not become ready`)
}

async function stop(child: ChildProcess) {
  const exited = new Promise((r) => child.once('exit', r))
  child.kill('SIGTERM')
  await exited
}

async function measure(
  name: string,
  port: number,
  paths: string[] | (() => string),
  clients = connections,
  warmUp = true,
): Promise<Result> {
  let i = 0
  const next = typeof paths === 'function' ? paths : () => paths[i++ % paths.length]
  const run = async (seconds: number) =>
    autocannon({
      url: `http://127.0.0.1:${port}`,
      connections: clients,
      duration: seconds,
      requests: [{ method: 'GET', setupRequest: (req) => ({ ...req, path: next() }) }],
    })
  if (warmUp) await run(2) // warm-up: JIT, prepared statements, page cache
  const r = await run(duration)
  const result = {
    name,
    rps: Math.round(r.requests.average),
    p50: r.latency.p50,
    p99: r.latency.p99,
    errors: r.errors,
    non2xx: r.non2xx,
  }
  console.log(
    `  ${name.padEnd(28)} ${String(result.rps).padStart(7)} req/s  p50 ${result.p50} ms  p99 ${result.p99} ms${r.non2xx ? `  non-2xx ${r.non2xx}` : ''}`,
  )
  return result
}

function handles(size: number): string[] {
  const out: string[] = []
  for (let k = 0; k < 2000; k++) {
    const n = 1 + ((k * 7919) % size)
    const p = demoProduct(n).input
    if (p.status === 'published') out.push(`/store/products/${p.handle}`)
  }
  return out
}

const SEARCHES = [
  '/store/search?q=linen%20shirt&category=clothing&maxPrice=10000&inStock=true',
  '/store/search?q=merino&category=knitwear&option=size:M',
  '/store/search?q=lether%20boots&maxPrice=20000',
  '/store/search?q=stonewar%20mu&category=kitchen&inStock=true',
  '/store/search?q=canvas%20back&tag=eco',
  '/store/search?q=waterproof%20jacket&option=colour:Navy',
]
/** Broad searches: a word typed halfway (thousands of prefix matches), a common word, a whole category. */
const BROAD_SEARCHES = [
  '/store/search?q=sh',
  '/store/search?q=shirt',
  '/store/search?q=cotton',
  '/store/search?q=wool&category=clothing',
]
const CATEGORY_PAGES = [
  '/store/products?category=shirts&limit=20',
  '/store/products?category=clothing&limit=20&sort=price',
  '/store/products?category=kitchen&limit=20&inStock=true',
  '/store/products?category=footwear&limit=20&sort=name',
]

/** Every search path any case has sent in this run (a unique search is new to every case). */
const sent = new Set<string>()
let uniqueCounter = 1_000_000

/** Searches never sent before in this run (so never answered from a node's cache). */
function uniqueSearch(): () => string {
  return () => {
    for (;;) {
      const path = searchPath(uniqueCounter++)
      if (!sent.has(path)) {
        sent.add(path)
        return path
      }
    }
  }
}

/** 200 head queries repeated by 80 % of requests; the rest are searches never sent before. */
function searchMix(): () => string {
  const head = Array.from({ length: 200 }, (_, i) => searchPath(i))
  for (const path of head) sent.add(path)
  const fresh = uniqueSearch()
  let i = 0
  return () => {
    i++
    return i % 5 === 0 ? fresh() : head[(i * 37) % head.length]
  }
}

const startLoad = loadavg()
  .map((l) => l.toFixed(1))
  .join(' ')
const rows: string[] = []
const seeding: string[] = []
const appPort = Number(values.port)
const helloPort = appPort + 1
for (const dialect of dialects) {
  for (const size of sizes) {
    console.log(`\n== ${dialect}, ${size} products`)
    const seconds = await seed(dialect, size)
    if (seconds) seeding.push(`${dialect} ${size}: ${seconds.toFixed(0)} s`)
    const hello = await start('bench/hello.ts', {}, helloPort, '/hello')
    const ceiling = await measure('hello-world (ceiling)', helloPort, ['/hello'])
    await stop(hello)
    const env = benchServerEnv(databaseUrl(dialect, size))
    const server = await start('src/main.ts', env, appPort, '/readyz')
    // Misses are answered from the per-node text index once built (the SQL path until then).
    await waitForSearchIndex(appPort, uniqueSearch())
    const results = [
      await measure('product by handle', appPort, handles(size)),
      await measure('list page, 20 in a category', appPort, LIST_PAGES),
      await measure('category list page (mixed filters)', appPort, CATEGORY_PAGES),
      await measure('search mix (80 % head, 20 % unique)', appPort, searchMix()),
      // No warm-up: every request of this case is a query the node has never answered.
      await measure('search, all unique', appPort, uniqueSearch(), connections, false),
      await measure('search + filters + facets', appPort, SEARCHES),
      await measure('search, 1 connection', appPort, SEARCHES, 1),
      await measure('broad search, 1 connection', appPort, BROAD_SEARCHES, 1),
    ]
    await stop(server)
    // The same product GETs with the per-node document cache off: every request reads the database.
    const uncached = await start(
      'src/main.ts',
      { ...env, CATALOG_CACHE_MB: '0', SEARCH_CACHE_MB: '0' },
      appPort,
      '/readyz',
    )
    await waitForSearchIndex(appPort, uniqueSearch())
    results.splice(1, 0, await measure('product by handle, no cache', appPort, handles(size)))
    results.push(await measure('search mix, no result cache', appPort, searchMix()))
    await stop(uncached)
    for (const r of [ceiling, ...results]) {
      const share = r === ceiling ? '100 %' : `${Math.round((100 * r.rps) / ceiling.rps)} %`
      rows.push(
        `| ${dialect} | ${size.toLocaleString('en')} | ${r.name} | ${r.rps.toLocaleString('en')} | ${share} | ${r.p50} | ${r.p99} | ${r.errors + r.non2xx} |`,
      )
    }
  }
}

const cpu = cpus()[0]?.model ?? 'unknown CPU'
const machine = [
  `- ${cpus().length} cores (nproc ${execFileSync('nproc').toString().trim()}), ${cpu}`,
  `- ${(totalmem() / 2 ** 30).toFixed(1)} GiB memory, Node ${process.version}, ${process.platform} ${process.arch}`,
  `- load average at the start ${startLoad}, at the end ${loadavg()
    .map((l) => l.toFixed(1))
    .join(' ')} (1, 5, 15 min; other work shared the machine)`,
  `- PostgreSQL ${dialects.includes('postgres') ? await pgVersion() : 'not measured'} on the same machine`,
  `- autocannon in this process, ${connections} connections, ${duration} s per case after a 2 s warm-up (none for all-unique searches); server in a child process, LOG_LEVEL=warn, rate limiting off${values.pin ? '; server pinned to CPU 1, load generator to CPU 0' : ''}`,
].join('\n')
const report = `# Benchmark results

Produced by \`npm run bench -- --sizes ${values.sizes} --dialects ${values.dialects} --duration ${duration}\` on ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC.

${machine}

Cases: a published product by handle (2,000 different handles in rotation; once with the per-node
document cache at its default size, once with \`CATALOG_CACHE_MB=0\` so every request reads the
database), a list page of 20 in a category (eight category/sort combinations) and a category list page
with mixed filters (four), a search mix where 80 % of requests repeat 200 head queries and 20 % are
unique (one to three words, some misspelt or typed halfway, some with a category or another filter;
also run with the result and document caches off), all-unique searches from the same generator (never
answered from the result cache: its p99 is the cost of a miss), a search with filters and facets (six
queries, some misspelt or typed halfway), and broad searches (\`sh\` as typed, \`shirt\`, \`cotton\`,
\`wool\` in a root category: thousands of matches, all counted for the facets). The hello-world is a bare
Fastify route in its own process, measured in the same run: the ceiling.

| database | products | case | req/s | of hello-world | p50 ms | p99 ms | errors |
|---|---:|---|---:|---:|---:|---:|---:|
${rows.join('\n')}
${seeding.length ? `\nSeeding time (\`backroom seed --products N\`): ${seeding.join('; ')}.\n` : ''}`
// Notes written by hand (they name the run they discuss) and the sections bench/insights.ts wrote are
// kept: everything from the first of those headings on.
const previous = existsSync(join(root, values.out)) ? readFileSync(join(root, values.out), 'utf8') : ''
const kept = ['\n## Notes', '\n## Insights benchmark']
  .map((heading) => previous.indexOf(heading))
  .filter((at) => at !== -1)
  .reduce((first, at) => Math.min(first, at), Number.POSITIVE_INFINITY)
writeFileSync(
  join(root, values.out),
  kept === Number.POSITIVE_INFINITY ? report : `${report}\n${previous.slice(kept + 1)}`,
)
try {
  // The repository's formatter aligns the Markdown tables, so `npm run check` stays clean.
  execFileSync(join(root, 'node_modules', '.bin', 'biome'), ['format', '--write', values.out], {
    cwd: root,
    stdio: 'ignore',
  })
} catch {}
console.log(`\nWrote ${values.out}`)

async function pgVersion(): Promise<string> {
  const client = new pg.Client({ connectionString: values.pg })
  await client.connect()
  const { rows } = await client.query('show server_version')
  await client.end()
  return String(rows[0].server_version)
}
