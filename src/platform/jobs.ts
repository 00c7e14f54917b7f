/**
 * Background work that runs on an interval in every API node while the server is up: started when
 * the app is ready, stopped before it closes, one run at a time, failures logged (never thrown).
 * Jobs must be safe when several nodes run them at once (conditional updates, leases).
 */
import type { App } from './http/types.ts'

export function every(app: App, name: string, intervalMs: number, job: () => Promise<unknown>): void {
  if (intervalMs <= 0) return
  let timer: NodeJS.Timeout | undefined
  let running = false
  const tick = () => {
    if (running) return
    running = true
    job()
      .catch((error) => app.log.error({ err: error, job: name }, 'background job failed'))
      .finally(() => {
        running = false
      })
  }
  app.addHook('onReady', async () => {
    timer = setInterval(tick, intervalMs)
    timer.unref()
  })
  app.addHook('preClose', (done) => {
    clearInterval(timer)
    done()
  })
}
