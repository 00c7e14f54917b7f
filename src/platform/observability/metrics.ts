/**
 * Prometheus metrics (prom-client): request count and latency by route and status, plus the process
 * defaults. One registry per app, so tests that build several apps do not share counters.
 */
import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client'
import type { App } from '../http/types.ts'

export function createMetrics() {
  const registry = new Registry()
  collectDefaultMetrics({ register: registry })
  const duration = new Histogram({
    name: 'http_request_duration_seconds',
    help: 'HTTP request latency in seconds, by method, route pattern and status',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [registry],
  })
  // The request count is the latency histogram's own count per label set, read when /metrics is
  // scraped: one observation per request instead of two.
  new Counter({
    name: 'http_requests_total',
    help: 'HTTP requests answered, by method, route pattern and status',
    labelNames: ['method', 'route', 'status'] as const,
    registers: [registry],
    async collect() {
      this.reset()
      for (const value of (await duration.get()).values) {
        if (value.metricName === 'http_request_duration_seconds_count') {
          this.inc(value.labels as Record<'method' | 'route' | 'status', string>, value.value)
        }
      }
    },
  })
  return {
    registry,
    /** A figure a module keeps as a plain number (no per-request cost), read when /metrics is scraped. */
    gauge(name: string, help: string, read: () => number) {
      new Gauge({ name, help, registers: [registry], collect() { this.set(read()) } }) // biome-ignore format: one line
    },
    /** Like gauge, for a count that only goes up. */
    counter(name: string, help: string, read: () => number) {
      new Counter({
        name,
        help,
        registers: [registry],
        collect() {
          this.reset()
          this.inc(read())
        },
      })
    },
    /** Records every answered request; the route is the pattern (`/products/:handle`), never the raw URL. */
    install(app: App) {
      app.addHook('onResponse', (req, reply, done) => {
        const labels = {
          method: req.method,
          route: req.routeOptions.url ?? 'unmatched',
          status: String(reply.statusCode),
        }
        duration.observe(labels, reply.elapsedTime / 1000)
        done()
      })
    },
  }
}
export type Metrics = ReturnType<typeof createMetrics>
