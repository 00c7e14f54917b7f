/**
 * What one PostgreSQL round trip costs, below the SQL (issue 11): Node CPU (process.cpuUsage) and the
 * serving backend's CPU (/proc/<pid>/schedstat, so the server must run on this machine) per query, for
 * a trivial statement sent unnamed (parsed and planned every time), as a named prepared statement
 * (pg-prepared.ts), and as a simple query (what BEGIN/COMMIT are), over each given URL, e.g. TCP
 * against a Unix socket:
 *
 *   npx node bench/pg-roundtrip.ts --pg postgres://postgres@127.0.0.1:5433/db \
 *     [--pg2 'postgres://postgres@localhost:5433/db?host=/tmp/devpg'] [--queries 3000] [--rounds 3]
 *
 * Rounds alternate the cases so that a busy machine's drift falls on all of them; prints medians.
 */
import { readFileSync } from 'node:fs'
import { loadavg } from 'node:os'
import { parseArgs } from 'node:util'
import pg from 'pg'

const { values } = parseArgs({
  options: {
    pg: { type: 'string', default: process.env.DATABASE_URL ?? '' },
    pg2: { type: 'string', default: '' },
    queries: { type: 'string', default: '3000' },
    rounds: { type: 'string', default: '3' },
  },
})
const urls = [values.pg, values.pg2].filter(Boolean)
const queries = Number(values.queries)
const TEXT = 'select $1::int + 1 as n, $2::text as s'
const cases = {
  unnamed: (c: pg.Client, i: number) => c.query(TEXT, [i, 'x']),
  named: (c: pg.Client, i: number) => c.query({ name: 'rt_probe', text: TEXT, values: [i, 'x'] }),
  simple: (c: pg.Client) => c.query('select 1'),
}
type Case = keyof typeof cases
const backendNs = (pid: number) => Number(readFileSync(`/proc/${pid}/schedstat`, 'utf8').split(' ')[0])

const clients = await Promise.all(
  urls.map(async (url) => {
    const client = new pg.Client({ connectionString: url })
    await client.connect()
    const { rows } = await client.query<{ pid: number }>('select pg_backend_pid() as pid')
    return { url, client, pid: rows[0].pid }
  }),
)
const results = new Map<string, { node: number[]; server: number[] }>()
for (let round = 0; round < Number(values.rounds); round++) {
  for (const { url, client, pid } of clients) {
    for (const name of Object.keys(cases) as Case[]) {
      for (let i = 0; i < 200; i++) await cases[name](client, i) // warm
      const server = backendNs(pid)
      const before = process.cpuUsage()
      for (let i = 0; i < queries; i++) await cases[name](client, i)
      const used = process.cpuUsage(before)
      const key = `${new URL(url).searchParams.get('host') ? 'unix socket' : 'tcp'} ${name}`
      const r = results.get(key) ?? { node: [], server: [] }
      r.node.push((used.user + used.system) / queries)
      r.server.push((backendNs(pid) - server) / 1000 / queries)
      results.set(key, r)
    }
  }
}
for (const { client } of clients) await client.end()
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1]
console.log(
  `\nµs of CPU per round trip, median of ${values.rounds} rounds of ${queries}; load ${loadavg()[0].toFixed(1)}\n`,
)
console.log('| connection, statement | Node µs | backend µs |')
console.log('| --- | --- | --- |')
for (const [key, r] of results)
  console.log(`| ${key} | ${median(r.node).toFixed(0)} | ${median(r.server).toFixed(0)} |`)
