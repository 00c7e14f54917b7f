/** Runs the server: build, seed on first run, listen, and drain on SIGTERM/SIGINT. */
import { buildApp } from './app.ts'
import type { Config } from './platform/config.ts'
import type { App } from './platform/http/types.ts'
import { isSeeded, seedDemoData } from './seed.ts'

export async function serve(config: Config): Promise<App> {
  const app = await buildApp(config)
  if (config.seedDemoData && !(await isSeeded(app))) {
    const seeded = await seedDemoData(app)
    app.log.info(seeded, 'seeded demo data (first run)')
  }
  await app.listen({ host: config.host, port: config.port })
  let stopping = false // a terminal's Ctrl-C reaches a cluster's server processes and their primary (which sends SIGTERM)
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.once(signal, () => {
      if (stopping) return
      stopping = true
      app.log.info({ signal }, 'shutting down: draining in-flight requests')
      shutdown(app).then(
        () => process.exit(0),
        (error) => {
          app.log.error({ err: error }, 'shutdown failed')
          process.exit(1)
        },
      )
    })
  }
  return app
}

/**
 * Stops accepting connections, lets in-flight requests finish (new ones get 503), then closes the
 * database (an onClose hook). Bounded: after `graceMs` idle keep-alive connections are cut.
 */
export async function shutdown(app: App, graceMs = 10_000): Promise<void> {
  const timer = setTimeout(() => app.server.closeAllConnections?.(), graceMs)
  // A keep-alive connection whose request finishes during the drain goes idle; close those as they appear.
  const sweeper = setInterval(() => app.server.closeIdleConnections?.(), 50)
  timer.unref()
  sweeper.unref()
  try {
    await app.close()
  } finally {
    clearTimeout(timer)
    clearInterval(sweeper)
  }
}
