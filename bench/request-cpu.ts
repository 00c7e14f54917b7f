/**
 * `npx node bench/request-cpu.ts`: the fixed CPU the HTTP platform adds to every request (hooks, headers,
 * request id, child logger, metrics, negotiation, input guard, authentication), in process: Node CPU
 * (process.cpuUsage) per `app.inject` of cheap requests whose handlers do almost nothing, next to the
 * same request to a bare Fastify app in the same process. `inject` has its own cost (a fake socket,
 * request and response), the same in both; the difference is the platform's. No sockets and no load
 * generator compete for the CPU, so the figures are steadier than over HTTP (bench/cpu-per-request.ts,
 * `--cases hello,healthz,search-head`, measures the same there).
 *
 *   npx node bench/request-cpu.ts [--requests 20000] [--rounds 5] [--db sqlite|postgres://…/db]
 *                                 [--cases hello,healthz,search,cart] [--profile healthz]
 *
 * Cases: hello (bare Fastify, GET /hello), healthz (GET /healthz), search (GET /store/search?q=mug, a
 * result-cache hit after the first), cart (POST /carts: one INSERT). Production settings as
 * bench/server-env.ts (LOG_LEVEL=warn, rate limits off; load shedding off). The cases take turns
 * `--rounds` times; each reports its median. `--profile CASE` writes a CPU profile of that case's last
 * round to bench/out/.
 */
import { randomBytes } from 'node:crypto'
import { mkdirSync, rmSync, writeFileSync } from 'node:fs'
import { Session } from 'node:inspector/promises'
import { loadavg } from 'node:os'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import Fastify, { type InjectOptions } from 'fastify'
import { buildApp } from '../src/app.ts'
import { loadConfig } from '../src/platform/config.ts'
import { seedCheckoutShop } from './checkout-args.ts'
import { benchServerEnv } from './server-env.ts'

const { values } = parseArgs({
  options: {
    requests: { type: 'string', default: '20000' },
    rounds: { type: 'string', default: '5' },
    db: { type: 'string', default: 'sqlite' },
    cases: { type: 'string', default: 'hello,healthz,search,cart' },
    profile: { type: 'string', default: '' },
  },
})
const requests = Number(values.requests)
const outDir = join(import.meta.dirname, 'out')
mkdirSync(outDir, { recursive: true })
const tag = `${Date.now().toString(36)}${randomBytes(2).toString('hex')}`
const file = join(outDir, `request-cpu-${tag}.db`)
const url = values.db === 'sqlite' ? `sqlite:${file}` : values.db

const config = loadConfig({
  ...process.env,
  ...benchServerEnv(url),
  MIGRATE_ON_START: 'true',
  // The test card processor (production refuses it): POST /carts needs no provider, seeding none either.
  NODE_ENV: 'development',
  PAYMENT_PROVIDER: 'test',
  ROLLUP_INTERVAL_MS: '0',
  // Load shedding off: a loop of injects holds the event loop by design, and on a busy machine even
  // the highest bound was passed (its hook is one check per request, not counted here).
  MAX_EVENT_LOOP_DELAY_MS: '0',
})
if (config.database.kind === 'postgres') {
  config.database.schema = `bench_req_${tag}`
  config.database.dropSchemaOnClose = true
}
const app = await buildApp(config)
const bare = Fastify({ logger: false })
bare.get('/hello', async () => ({ hello: 'world' }))
await bare.ready()
await seedCheckoutShop(app, 5)

const cases: Record<string, { target: typeof bare; request: InjectOptions; status: number }> = {
  hello: { target: bare, request: { method: 'GET', url: '/hello' }, status: 200 },
  healthz: { target: app as unknown as typeof bare, request: { method: 'GET', url: '/healthz' }, status: 200 },
  search: {
    target: app as unknown as typeof bare,
    request: { method: 'GET', url: '/store/search?q=mug' },
    status: 200,
  },
  cart: {
    target: app as unknown as typeof bare,
    request: { method: 'POST', url: '/carts', payload: { currency: 'EUR' } },
    status: 201,
  },
}
const chosen = values.cases.split(',').filter((name) => cases[name])

async function batch(name: string, amount: number): Promise<number> {
  const { target, request, status } = cases[name]
  const before = process.cpuUsage()
  for (let i = 0; i < amount; i++) {
    const res = await target.inject(request)
    if (res.statusCode !== status) throw new Error(`${name}: ${res.statusCode} ${res.body}`)
  }
  const used = process.cpuUsage(before)
  return (used.user + used.system) / amount
}

const inspector = new Session()
inspector.connect()
for (const name of chosen) await batch(name, Math.min(requests, 3000)) // JIT, caches
const rounds: Record<string, number[]> = {}
const load = loadavg()[0]
for (let round = 0; round < Number(values.rounds); round++) {
  for (const name of chosen) {
    const profiled = values.profile === name && round === Number(values.rounds) - 1
    if (profiled) {
      await inspector.post('Profiler.enable')
      await inspector.post('Profiler.start')
    }
    const us = await batch(name, name === 'cart' ? Math.min(requests, 5000) : requests)
    if (profiled) {
      const { profile } = await inspector.post('Profiler.stop')
      const path = join(outDir, `request-cpu-${name}.cpuprofile`)
      writeFileSync(path, JSON.stringify(profile))
      console.log(`profile: ${path}`)
    }
    rounds[name] = [...(rounds[name] ?? []), us]
  }
}
// On a busy machine a round's CPU time grows with what else runs (shared caches, frequency), never
// shrinks: the lowest round is the steadier figure, the median the usual one.
const median = (all: number[]) => [...all].sort((a, b) => a - b)[Math.floor(all.length / 2)]
const lowest = (all: number[]) => Math.min(...all)
console.log(`Node CPU µs per inject, median and lowest of ${values.rounds} rounds (load average ${load.toFixed(2)}):`)
for (const name of chosen) {
  const over = (pick: (all: number[]) => number) =>
    rounds.hello && name !== 'hello' ? ` (+${(pick(rounds[name]) - pick(rounds.hello)).toFixed(1)})` : ''
  console.log(
    `  ${name.padEnd(8)} median ${median(rounds[name]).toFixed(1).padStart(6)}${over(median)}  lowest ${lowest(rounds[name]).toFixed(1).padStart(6)}${over(lowest)} µs   [${rounds[name].map((v) => v.toFixed(1)).join(', ')}]`,
  )
}
if (rounds.hello) console.log('  (+N): over the bare Fastify hello-world, the same statistic')
await app.close()
await bare.close()
if (values.db === 'sqlite') for (const suffix of ['', '-wal', '-shm']) rmSync(`${file}${suffix}`, { force: true })
