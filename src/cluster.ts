/**
 * `backroom serve` on every core (issue 11): with WEB_CONCURRENCY above 1 (the default in production is
 * the core count), a primary process migrates the database and seeds it once, then forks that many
 * server processes through node:cluster; they share the listening port (the primary hands out
 * connections round-robin). Each process is an ordinary single-process server (src/serve.ts).
 *
 * - SIGTERM or SIGINT to the primary drains every server process (each finishes its in-flight
 *   requests, src/serve.ts) and the primary exits 0 once all of them have exited 0.
 * - A server process that dies is replaced (after a pause that grows while they keep dying).
 * - What keeps several processes correct is the same as for several nodes: background jobs use
 *   conditional updates and leases, caches follow the change signal (PostgreSQL NOTIFY, SQLite
 *   the topic's row of `change_version`), and SQLite writers queue on the file lock (WAL): a process
 *   whose write finds it held waits on a timer, up to 5 s, with its event loop running
 *   (platform/db/sqlite-read-write.ts). Without REDIS_URL each process keeps its own rate-limit
 *   counters.
 */
import cluster, { type Worker } from 'node:cluster'
import { buildApp } from './app.ts'
import type { Config } from './platform/config.ts'
import { resolveEncryptionKeys } from './platform/security/crypto.ts'
import { isSeeded, seedDemoData } from './seed.ts'
import { serve } from './serve.ts'

/** Serves in this process (WEB_CONCURRENCY=1, or a forked server process), or forks and supervises. */
export async function serveProcesses(config: Config): Promise<void> {
  if (config.processes <= 1 || cluster.isWorker) {
    await serve(config)
    return
  }
  await primary(config)
}

const DRAIN_BOUND_MS = 30_000

async function primary(config: Config): Promise<void> {
  // Every process signs and encrypts with the same secrets, even where a lone process would make up its
  // own (BACKROOM_SECRET unset outside production, the random key of NODE_ENV=test).
  const encryptionKeys = resolveEncryptionKeys(config, () => {})
  const shared = { ...config, encryptionKeys }
  // Migrate and seed once, here, so forked processes never race on the schema.
  const app = await buildApp(shared)
  const log = app.log.child({ role: 'primary' })
  try {
    if (config.seedDemoData && !(await isSeeded(app))) log.info(await seedDemoData(app), 'seeded demo data (first run)')
  } finally {
    await app.close()
  }

  const env = {
    MIGRATE_ON_START: 'false',
    SEED_DEMO_DATA: 'false',
    BACKROOM_SECRET: config.secret,
    ENCRYPTION_KEYS: encryptionKeys.map((k) => `${k.kid}:${k.key.toString('base64')}`).join(','),
  }
  let stopping = false
  let failures = 0
  const exitCodes: number[] = []
  const fork = () => cluster.fork(env)
  for (let i = 0; i < config.processes; i++) fork()
  log.info({ processes: config.processes, port: config.port }, 'started server processes')

  cluster.on('listening', () => {
    failures = 0
  })
  cluster.on('exit', (worker: Worker, code: number | null, signal: string | null) => {
    if (stopping) {
      exitCodes.push(code ?? 1)
      log.info({ pid: worker.process.pid, code, signal }, 'server process exited')
      if (Object.keys(cluster.workers ?? {}).length === 0) {
        const ok = exitCodes.every((c) => c === 0)
        log.info({ exitCodes }, ok ? 'all server processes drained' : 'a server process did not drain cleanly')
        process.exit(ok ? 0 : 1)
      }
      return
    }
    failures++
    const delay = Math.min(30_000, 250 * 2 ** Math.min(failures, 7))
    log.error({ pid: worker.process.pid, code, signal, restartInMs: delay }, 'server process died; replacing it')
    setTimeout(() => {
      if (!stopping) fork()
    }, delay).unref()
  })

  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.on(signal, () => {
      if (stopping) return
      stopping = true
      log.info({ signal }, 'shutting down: draining every server process')
      const workers = Object.values(cluster.workers ?? {}).filter((w): w is Worker => w !== undefined)
      if (workers.length === 0) process.exit(0)
      for (const worker of workers) worker.process.kill('SIGTERM')
      setTimeout(() => {
        log.error('server processes still running after the drain bound; killing them')
        for (const worker of Object.values(cluster.workers ?? {})) worker?.process.kill('SIGKILL')
      }, DRAIN_BOUND_MS).unref()
    })
  }
}
