/**
 * `node bench/profile.ts`: where a storefront miss spends its time. Starts the server with
 * `--cpu-prof` on an already seeded benchmark database (bench/run.ts seeds bench/out/catalog-N.db),
 * sends all-unique searches and list pages (result cache off, so every request is a miss) with
 * autocannon, stops the server and prints the functions with the most self time, grouped by file.
 * `--hits` profiles the other side: the result cache on, and the eight list pages of bench/run.ts (or
 * its 200 head searches) in rotation, so nearly every request is answered from memory. `--case healthz`:
 * GET /healthz alone, whose handler does nothing, so the profile is the platform's cost per request.
 *
 *   node bench/profile.ts [--db sqlite:bench/out/catalog-10000.db] [--case search|list|product|healthz] [--hits] [--duration 10]
 *                         [--connections 10] [--port 31650]
 */
import { type ChildProcess, spawn } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, relative } from 'node:path'
import { parseArgs } from 'node:util'
import autocannon from 'autocannon'
import { demoProduct, random } from '../src/modules/catalog/demo.ts'
import { LIST_PAGES, searchPath } from './search-queries.ts'

const { values } = parseArgs({
  options: {
    db: { type: 'string', default: `sqlite:${join(import.meta.dirname, 'out', 'catalog-10000.db')}` },
    case: { type: 'string', default: 'search' },
    duration: { type: 'string', default: '10' },
    connections: { type: 'string', default: '10' },
    port: { type: 'string', default: '31650' },
    top: { type: 'string', default: '25' },
    hits: { type: 'boolean', default: false },
  },
})
const root = join(import.meta.dirname, '..')
const port = Number(values.port)
const dir = mkdtempSync(join(tmpdir(), 'backroom-profile-'))

const WORDS = ['shirt', 'linen', 'cotton', 'wool', 'jacket', 'boots', 'lamp', 'mug', 'backpack', 'watch', 'navy', 'grey',
  'classic', 'urban', 'merino', 'leather', 'canvas', 'sweater', 'hoodie', 'tent', 'blanket', 'lighting', 'kitchen'] // biome-ignore format: a list
const CATEGORIES = ['clothing', 'shirts', 'footwear', 'kitchen', 'lighting', 'bags', 'home', 'watches']
const SORTS = ['', '&sort=price', '&sort=-price', '&sort=name', '&sort=newest']

// Published products only, as bench/run.ts requests them (a draft's handle is a 404, read every time).
const PRODUCTS = Array.from({ length: 2000 }, (_, k) => demoProduct(1 + k).input)
  .filter((p) => p.status === 'published')
  .map((p) => `/store/products/${p.handle}`)
const HEAD_SEARCHES = Array.from({ length: 200 }, (_, i) => searchPath(i))

let n = 0
function next(): string {
  n++
  if (values.case === 'healthz') return '/healthz'
  if (values.case === 'product') return PRODUCTS[n % PRODUCTS.length]
  if (values.hits) return values.case === 'list' ? LIST_PAGES[n % LIST_PAGES.length] : HEAD_SEARCHES[n % 200]
  const r = random(n * 31 + 7)
  if (values.case === 'list') {
    return `/store/products?category=${r.pick(CATEGORIES)}&limit=20${r.pick(SORTS)}`
  }
  const words = [r.pick(WORDS), ...(n % 2 ? [r.pick(WORDS)] : [])].join(' ')
  return `/store/search?q=${encodeURIComponent(words)}${n % 3 === 0 ? `&category=${r.pick(CATEGORIES)}` : ''}`
}

const server: ChildProcess = spawn(process.execPath, ['--cpu-prof', '--cpu-prof-dir', dir, 'src/main.ts'], {
  cwd: root,
  env: {
    ...process.env,
    DATABASE_URL: values.db,
    PORT: String(port),
    LOG_LEVEL: 'warn',
    RATE_LIMIT_ENABLED: 'false',
    SEED_DEMO_DATA: 'false',
    SEARCH_CACHE_MB: values.hits ? '16' : '0',
    WEB_CONCURRENCY: '1',
    // As bench/run.ts serves: production (placeholders for what production insists on; no call is made).
    NODE_ENV: 'production',
    PAYMENT_PROVIDER: 'stripe',
    STRIPE_SECRET_KEY: 'sk_test_benchplaceholder',
    STRIPE_WEBHOOK_SECRET: 'whsec_benchplaceholder',
    MIGRATE_ON_START: 'true',
    BACKROOM_SECRET: 'bench-secret-bench-secret-bench-secret-0123',
    ENCRYPTION_KEYS: `bench:${randomBytes(32).toString('base64')}`,
    WEBHOOK_DISPATCH_INTERVAL_MS: '0',
    MAIL_DISPATCH_INTERVAL_MS: '0',
  },
  stdio: ['ignore', 'ignore', 'inherit'],
})
for (let i = 0; ; i++) {
  try {
    if ((await fetch(`http://127.0.0.1:${port}/readyz`)).ok) break
  } catch {}
  if (i > 600) throw new Error('server did not start')
  await new Promise((r) => setTimeout(r, 100))
}
if (values.hits) {
  // Fill the cache first: the profile is of answers from memory.
  await autocannon({
    url: `http://127.0.0.1:${port}`,
    connections: Number(values.connections),
    amount: 2000,
    requests: [{ method: 'GET', setupRequest: (req) => ({ ...req, path: next() }) }],
  })
}
// The profile's clock is the monotonic clock of process.hrtime: samples before this are start-up.
const loadStarted = Number(process.hrtime.bigint() / 1000n)
const result = await autocannon({
  url: `http://127.0.0.1:${port}`,
  connections: Number(values.connections),
  duration: Number(values.duration),
  requests: [{ method: 'GET', setupRequest: (req) => ({ ...req, path: next() }) }],
})
console.log(
  `${values.case}: ${Math.round(result.requests.average)} req/s, p50 ${result.latency.p50} ms, p99 ${result.latency.p99} ms, non-2xx ${result.non2xx}`,
)
const exited = new Promise((r) => server.once('exit', r))
server.kill('SIGINT')
await exited

interface Node {
  id: number
  callFrame: { functionName: string; url: string; lineNumber: number }
  children?: number[]
}
const file = readdirSync(dir).find((f) => f.endsWith('.cpuprofile'))
if (!file) throw new Error('no profile written')
const profile = JSON.parse(readFileSync(join(dir, file), 'utf8')) as {
  nodes: Node[]
  samples: number[]
  timeDeltas: number[]
  startTime: number
}
const byId = new Map(profile.nodes.map((node) => [node.id, node]))
const parentOf = new Map<number, number>()
for (const node of profile.nodes) for (const child of node.children ?? []) parentOf.set(child, node.id)
const self = new Map<string, number>()
const inclusive = new Map<string, number>()
const byFile = new Map<string, number>()
let total = 0
let at = profile.startTime
const nameOf = (frame: Node['callFrame']) => {
  const where = frame.url ? relative(root, frame.url.replace('file://', '')) : '(native)'
  return { where, name: `${frame.functionName || '(anonymous)'}  ${where}:${frame.lineNumber + 1}` }
}
profile.samples.forEach((id, i) => {
  const frame = byId.get(id)?.callFrame
  const dt = profile.timeDeltas[i] ?? 0
  at += dt
  if (at < loadStarted) return // start-up
  total += dt
  if (!frame) return
  const { where, name } = nameOf(frame)
  self.set(name, (self.get(name) ?? 0) + dt)
  const group = where.startsWith('node_modules/') ? where.split('/').slice(0, 2).join('/') : where
  byFile.set(group, (byFile.get(group) ?? 0) + dt)
  const seen = new Set<string>()
  for (let node: number | undefined = id; node !== undefined; node = parentOf.get(node)) {
    const above = byId.get(node)
    if (!above) break
    const key = nameOf(above.callFrame).name
    if (seen.has(key)) continue
    seen.add(key)
    inclusive.set(key, (inclusive.get(key) ?? 0) + dt)
  }
})
const pct = (us: number) => `${((100 * us) / total).toFixed(1).padStart(5)} %`
console.log(`\nself time by function (top ${values.top}), of ${(total / 1e6).toFixed(1)} s profiled:`)
for (const [name, us] of [...self].sort((a, b) => b[1] - a[1]).slice(0, Number(values.top))) {
  console.log(`  ${pct(us)}  ${name}`)
}
console.log(`\ntotal time (self and callees) of the project's own functions (top ${values.top}):`)
for (const [name, us] of [...inclusive]
  .filter(([name]) => name.includes(' src/'))
  .sort((a, b) => b[1] - a[1])
  .slice(0, Number(values.top))) {
  console.log(`  ${pct(us)}  ${name}`)
}
console.log('\nself time by file or package (top 15):')
for (const [name, us] of [...byFile].sort((a, b) => b[1] - a[1]).slice(0, 15)) console.log(`  ${pct(us)}  ${name}`)
