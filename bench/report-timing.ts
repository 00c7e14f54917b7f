/**
 * What bench/insights.ts and bench/sales.ts share: the report ranges (the last 7, 30, 90 and 365 days
 * of the seeded data), timing one report through the HTTP stack (`app.inject`, median and best of 5)
 * and the Markdown table of the figures.
 */
import type { App } from '../src/platform/http/types.ts'

const DAY = 86_400_000
const iso = (ms: number) => new Date(ms).toISOString().slice(0, 10)

/** Ranges ending on the last seeded day (`endMs` is the day after it): name → `from=…&to=…`. */
export function rangesEndingAt(endMs: number, days: readonly number[] = [7, 30, 90, 365]): [string, string][] {
  return days.map((n) => [`${n} days`, `from=${iso(endMs - n * DAY)}&to=${iso(endMs - DAY)}`])
}

export interface Timing {
  median: number
  best: number
  bytes: number
}

/** Times `runs` requests of one report (after one untimed warm-up); throws unless every answer is 200. */
export async function timeReport(app: App, url: string, headers: Record<string, string>, runs = 5): Promise<Timing> {
  const warm = await app.inject({ url, headers })
  if (warm.statusCode !== 200) throw new Error(`${url}: ${warm.statusCode} ${warm.body.slice(0, 300)}`)
  const ms: number[] = []
  let bytes = 0
  for (let i = 0; i < runs; i++) {
    const started = performance.now()
    const res = await app.inject({ url, headers })
    ms.push(performance.now() - started)
    if (res.statusCode !== 200) throw new Error(`${url}: ${res.statusCode}`)
    bytes = res.body.length
  }
  ms.sort((a, b) => a - b)
  return { median: ms[Math.floor(runs / 2)], best: ms[0], bytes }
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
    console.log(`${c.name}: median ${t.median.toFixed(1)} ms, best ${t.best.toFixed(1)} ms`)
    if (t.median >= budgetMs) slow.push(c.name)
    rows.push(
      `| ${c.name} | ${t.median.toFixed(1)} | ${t.best.toFixed(1)} | ${(t.bytes / 1024).toFixed(1)} | ${t.median < budgetMs ? 'yes' : '**no**'} |`,
    )
  }
  const table = [
    `| report | median ms | best ms | answer KiB | median < ${budgetMs} ms |`,
    '| --- | ---: | ---: | ---: | --- |',
    ...rows,
  ].join('\n')
  return { table, slow }
}
