/**
 * Load shedding: while the event loop lags more than `maxEventLoopDelayMs` (sampled by
 * @fastify/under-pressure), new requests are answered at once with a 503 `server-busy` problem and
 * Retry-After, so a saturated node sheds work instead of letting every request wait. `/healthz` still
 * answers (the process is alive; an orchestrator must not kill it for being busy), and `/readyz` is
 * refused like the rest so a load balancer moves traffic elsewhere. The bound on concurrent exports is
 * in platform/db/read-worker.ts.
 */
import underPressure from '@fastify/under-pressure'
import { serverBusy } from '../db/read-worker.ts'
import type { App } from './types.ts'

const RETRY_AFTER_SECONDS = 2

export async function installLoadShedding(app: App, options: { maxEventLoopDelayMs: number }): Promise<void> {
  if (options.maxEventLoopDelayMs <= 0) return
  await app.register(underPressure, {
    maxEventLoopDelay: options.maxEventLoopDelayMs,
    retryAfter: RETRY_AFTER_SECONDS,
    pressureHandler: async (req, _reply, type, value) => {
      if (req.routeOptions.url === '/healthz') return
      throw serverBusy('The server is overloaded', RETRY_AFTER_SECONDS, {
        reason: type,
        ...(typeof value === 'number' ? { value: Math.round(value) } : {}),
      })
    },
  })
}
