/**
 * `node bench/search-miss.ts`: what one storefront search miss costs, in process. Builds the app on an
 * already seeded benchmark database (bench/run.ts seeds bench/out/catalog-N.db) with the result cache
 * off, sends the all-unique search stream of bench/run.ts one at a time through `app.inject` (every
 * fourth one also asks for its second page) and prints milliseconds per search (mean, p50, p90, p99,
 * max) and the process's CPU time per search. Sequential and in one process: on SQLite the CPU figure
 * is what a miss costs, comparable between runs on a busy machine where req/s is not.
 *
 * `--record FILE` writes every answer; `--compare FILE` checks that every answer (items and their
 * order, highlights, total, facets, cursors) equals the recorded one: an engine change that must not
 * change results is run against a recording made before it.
 *
 *   node bench/search-miss.ts [--db sqlite:bench/out/catalog-10000.db] [--count 1000] [--warm 100]
 *                             [--set unique|head|broad] [--record FILE | --compare FILE]
 *
 * `--set head` cycles the 200 head searches of bench/run.ts's mix and `--set broad` its broad ones
 * (thousands of matches each), both with the result cache off: what those cost when they miss.
 */

import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import { buildApp } from '../src/app.ts'
import { loadConfig } from '../src/platform/config.ts'
import { searchPath } from './search-queries.ts'
import { inProcessSearchEnv } from './server-env.ts'

const { values } = parseArgs({
  options: {
    db: { type: 'string', default: `sqlite:${join(import.meta.dirname, 'out', 'catalog-10000.db')}` },
    count: { type: 'string', default: '1000' },
    warm: { type: 'string', default: '100' },
    start: { type: 'string', default: '2000000' },
    record: { type: 'string' },
    compare: { type: 'string' },
    /** unique: never the same search twice; head: the 200 head searches of bench/run.ts's mix, cycled; broad: its broad searches, cycled. */
    set: { type: 'string', default: 'unique' },
  },
})

const config = loadConfig(inProcessSearchEnv(values.db))
const app = await buildApp(config)
await app.ready()

async function get(url: string): Promise<{ body: string; nextCursor: string | null }> {
  const res = await app.inject({ method: 'GET', url })
  if (res.statusCode !== 200) throw new Error(`${url}: ${res.statusCode} ${res.body}`)
  return { body: res.body, nextCursor: res.json().nextCursor }
}

const BROAD = [
  '/store/search?q=sh',
  '/store/search?q=shirt',
  '/store/search?q=cotton',
  '/store/search?q=wool&category=clothing',
]
const urls = (from: number, count: number) =>
  Array.from({ length: count }, (_, i) =>
    values.set === 'head'
      ? searchPath((from + i) % 200)
      : values.set === 'broad'
        ? BROAD[i % BROAD.length]
        : searchPath(from + i),
  )
for (const url of urls(Number(values.start) + 10_000_000, Number(values.warm))) await get(url)
// The per-node facet index is built once per catalog version, in the background: measure after it.
await app.backroom.catalog.facetIndex?.().building

const answers: Record<string, string> = {}
const expected: Record<string, string> | undefined = values.compare
  ? JSON.parse(readFileSync(values.compare, 'utf8'))
  : undefined
const times: number[] = []
let mismatches = 0
const check = (url: string, body: string) => {
  if (values.record) answers[url] = body
  if (expected && expected[url] !== undefined && expected[url] !== body) {
    mismatches++
    if (mismatches <= 5) console.log(`differs: ${url}\n  was ${expected[url]}\n  now ${body}`)
  }
}
let n = 0
const cpuBefore = process.cpuUsage()
for (const url of urls(Number(values.start), Number(values.count))) {
  const started = performance.now()
  const first = await get(url)
  times.push(performance.now() - started)
  check(url, first.body)
  if (n++ % 4 === 0 && first.nextCursor) {
    const next = `${url}&cursor=${first.nextCursor}`
    check(next, (await get(next)).body)
  }
}
const cpu = process.cpuUsage(cpuBefore)
await app.close()

times.sort((a, b) => a - b)
const at = (q: number) => times[Math.min(times.length - 1, Math.floor(q * times.length))].toFixed(2)
const mean = (times.reduce((s, t) => s + t, 0) / times.length).toFixed(2)
console.log(
  `${values.db}: ${times.length} ${values.set} searches, ms per search: mean ${mean}, p50 ${at(0.5)}, p90 ${at(0.9)}, p99 ${at(0.99)}, max ${at(1)}; CPU ${((cpu.user + cpu.system) / 1000 / times.length).toFixed(2)} ms per search (second pages included)`,
)
if (values.record) writeFileSync(values.record, JSON.stringify(answers))
if (expected) {
  console.log(`${mismatches} of ${Object.keys(expected).length} recorded answers differ`)
  if (mismatches > 0) process.exitCode = 1
}
