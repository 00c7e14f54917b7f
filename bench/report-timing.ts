/**
 * What bench/insights.ts and bench/sales.ts share: where the bench's data lives (a SQLite file in
 * bench/out/, or a schema of the PostgreSQL database named by DATABASE_URL), the app built on it with a
 * bench admin signed in (on a fresh, empty database or on the last seeded one), the report ranges (the
 * last 7, 30, 90 and 365 days of the seeded data), timing one report through the HTTP stack
 * (`app.inject`, median and best of 5) and the Markdown table of the figures.
 */
import { appendFileSync, mkdirSync, rmSync } from 'node:fs'
import { loadavg } from 'node:os'
import { buildApp } from '../src/app.ts'
import { type Config, loadConfig } from '../src/platform/config.ts'
import type { App } from '../src/platform/http/types.ts'

/** Where a bench's data lives: `bench/out/<name>.db`, or schema `bench_<name>` with DATABASE_URL=postgres://… */
export interface BenchTarget {
  dialect: 'sqlite' | 'postgres'
  url?: string
  sqlitePath: string
  schema: string
}

export function benchTarget(name: string): BenchTarget {
  const url = process.env.DATABASE_URL?.startsWith('postgres') ? process.env.DATABASE_URL : undefined
  return { dialect: url ? 'postgres' : 'sqlite', url, sqlitePath: `bench/out/${name}.db`, schema: `bench_${name}` }
}

/** The app's configuration for a bench: no demo data, no rate limits, no load shedding, no background rollups. */
export function benchConfig(target: BenchTarget): Config {
  const { url } = target
  return loadConfig({
    NODE_ENV: 'development',
    DATABASE_URL: url ? `${url}${url.includes('?') ? '&' : '?'}schema=${target.schema}` : `sqlite:${target.sqlitePath}`,
    SEED_DEMO_DATA: 'false',
    RATE_LIMIT_ENABLED: 'false',
    LOG_LEVEL: 'warn',
    WEBHOOK_DISPATCH_INTERVAL_MS: '0',
    MAX_EVENT_LOOP_DELAY_MS: '0', // no load shedding: a busy machine would answer 503 instead of timing
    ROLLUP_INTERVAL_MS: '0', // the catch-up runs when the bench times it (and before each report)
  })
}

const BENCH_ADMIN = { email: 'bench-admin@example.test', password: 'bench-Quartz-lantern-77-harbor' }

/** Builds the app on the bench's data as it is and signs in a bench admin (created on first use). */
export async function openBench(config: Config): Promise<{ app: App; authorization: string }> {
  const app = await buildApp(config)
  try {
    await app.backroom.users.createUser({ ...BENCH_ADMIN, role: 'admin' })
  } catch (error) {
    if ((error as { code?: string }).code !== 'email-taken') throw error
  }
  const res = await app.inject({ method: 'POST', url: '/auth/sign-in', payload: BENCH_ADMIN })
  if (res.statusCode !== 200) throw new Error(`bench admin sign-in failed: ${res.statusCode} ${res.body}`)
  return { app, authorization: `Bearer ${res.json().token}` }
}

/** Drops the bench's schema (PostgreSQL) or file (SQLite), then builds the app on the empty database. */
export async function freshBench(target: BenchTarget, config: Config): Promise<{ app: App; authorization: string }> {
  if (target.url) {
    const pg = (await import('pg')).default
    const client = new pg.Client({ connectionString: target.url })
    await client.connect()
    await client.query(`drop schema if exists ${target.schema} cascade`)
    await client.end()
  } else {
    for (const suffix of ['', '-wal', '-shm']) rmSync(`${target.sqlitePath}${suffix}`, { force: true })
    mkdirSync('bench/out', { recursive: true })
  }
  return openBench(config)
}

export const DAY = 86_400_000
const iso = (ms: number) => new Date(ms).toISOString().slice(0, 10)

/** Ranges ending on the last seeded day (`endMs` is the day after it): name → `from=…&to=…`. */
export function rangesEndingAt(endMs: number, days: readonly number[] = [7, 30, 90, 365]): [string, string][] {
  return days.map((n) => [`${n} days`, `from=${iso(endMs - n * DAY)}&to=${iso(endMs - DAY)}`])
}

export interface Timing {
  median: number
  best: number
  /** Median CPU time of this process per request (user + system): less sensitive to other load than wall time. */
  cpu: number
  bytes: number
}

/** Times `runs` requests of one report (after one untimed warm-up); throws unless every answer is 200. */
export async function timeReport(app: App, url: string, headers: Record<string, string>, runs = 5): Promise<Timing> {
  const warm = await app.inject({ url, headers })
  if (warm.statusCode !== 200) throw new Error(`${url}: ${warm.statusCode} ${warm.body.slice(0, 300)}`)
  const ms: number[] = []
  const cpu: number[] = []
  let bytes = 0
  for (let i = 0; i < runs; i++) {
    const cpuBefore = process.cpuUsage()
    const started = performance.now()
    const res = await app.inject({ url, headers })
    ms.push(performance.now() - started)
    const used = process.cpuUsage(cpuBefore)
    cpu.push((used.user + used.system) / 1000)
    if (res.statusCode !== 200) throw new Error(`${url}: ${res.statusCode}`)
    bytes = res.body.length
  }
  ms.sort((a, b) => a - b)
  cpu.sort((a, b) => a - b)
  return { median: ms[Math.floor(runs / 2)], best: ms[0], cpu: cpu[Math.floor(runs / 2)], bytes }
}

export interface ReportCase {
  name: string
  url: string
  accept?: string
}

/** Times every case, logging as it goes; returns the Markdown table (report, range, median, best, verdict). */
export async function timeReports(app: App, authorization: string, cases: ReportCase[], budgetMs = 50) {
  const rows: string[] = []
  const slow: string[] = []
  for (const c of cases) {
    const t = await timeReport(app, c.url, { accept: c.accept ?? 'application/json', authorization })
    const load = loadavg()[0].toFixed(1)
    console.log(
      `${c.name}: median ${t.median.toFixed(1)} ms, best ${t.best.toFixed(1)} ms, CPU ${t.cpu.toFixed(1)} ms (load average ${load})`,
    )
    if (t.median >= budgetMs) slow.push(c.name)
    rows.push(
      `| ${c.name} | ${t.median.toFixed(1)} | ${t.best.toFixed(1)} | ${t.cpu.toFixed(1)} | ${(t.bytes / 1024).toFixed(1)} | ${t.median < budgetMs ? 'yes' : '**no**'} | ${load} |`,
    )
  }
  const table = [
    `| report | median ms | best ms | CPU ms (this process) | answer KiB | median < ${budgetMs} ms | load (1 min) |`,
    '| --- | ---: | ---: | ---: | ---: | --- | ---: |',
    ...rows,
  ].join('\n')
  return { table, slow }
}

/**
 * Appends a run's section to its results file: `bench/results/<name>.md`, or the file given with
 * `--out=<file>` (a scratch file for runs on a busy machine that must not read as results).
 */
export function appendResults(name: string, section: string): void {
  const out = process.argv.find((a) => a.startsWith('--out='))?.slice('--out='.length) ?? `bench/results/${name}.md`
  mkdirSync(out.slice(0, Math.max(0, out.lastIndexOf('/'))) || '.', { recursive: true })
  appendFileSync(out, section)
  console.log(`appended to ${out}`)
}

/**
 * The days a report bench's data is spread over: `DAYS` (default 90; 400 gives more than a year, for
 * the 365-day ranges) ending 2026-09-30, as epoch ms (`start`, `end` exclusive) and ISO dates (`from`,
 * `to` inclusive).
 */
export function benchSpan(): { days: number; start: number; end: number; from: string; to: string } {
  const days = Number(process.env.DAYS ?? 90)
  const end = Date.UTC(2026, 9, 1)
  const start = end - days * DAY
  return { days, start, end, from: iso(start), to: iso(end - DAY) }
}
