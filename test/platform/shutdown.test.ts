import assert from 'node:assert/strict'
import { spawn } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { test } from 'node:test'
import { Type } from 'typebox'
import { buildApp } from '../../src/app.ts'
import { limits } from '../../src/platform/security/rate-limits.ts'
import { shutdown } from '../../src/serve.ts'
import { testConfig } from '../helpers.ts'

// These two tests need a real socket: draining is about connections, which inject() does not have.

test('shutdown drains in-flight requests, then closes the database', async () => {
  const app = await buildApp(testConfig())
  let release!: () => void
  const gate = new Promise<void>((resolve) => {
    release = resolve
  })
  let entered!: () => void
  const inHandler = new Promise<void>((resolve) => {
    entered = resolve
  })
  app.get(
    '/test/slow',
    {
      schema: { response: { 200: Type.Object({ done: Type.Boolean() }) } },
      config: { auth: 'public', rateLimit: limits.read },
    },
    async () => {
      entered()
      await gate
      return { done: true }
    },
  )
  await app.listen({ port: 0, host: '127.0.0.1' })
  const address = app.server.address()
  assert.ok(address && typeof address === 'object')
  const base = `http://127.0.0.1:${address.port}`

  const inFlight = fetch(`${base}/test/slow`)
  await inHandler
  const closing = shutdown(app)
  let closed = false
  closing.then(() => {
    closed = true
  })
  await new Promise((resolve) => setImmediate(resolve))
  assert.equal(closed, false, 'close waits for the in-flight request')
  release()
  const res = await inFlight
  assert.equal(res.status, 200)
  assert.deepEqual(await res.json(), { done: true })
  await closing
  await assert.rejects(app.backroom.database.ping(), 'the database is closed')
})

test('the server exits cleanly on SIGTERM', { timeout: 30_000 }, async () => {
  const dir = mkdtempSync(join(tmpdir(), 'backroom-'))
  try {
    const child = spawn(process.execPath, ['src/main.ts'], {
      env: {
        ...process.env,
        PORT: '0',
        DATABASE_URL: `sqlite:${join(dir, 'shop.db')}`,
        LOG_LEVEL: 'info',
        SEED_DEMO_DATA: 'false',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    let out = ''
    const listening = new Promise<string>((resolve, reject) => {
      child.stdout.on('data', (chunk) => {
        out += chunk
        const match = /Server listening at (http:\/\/127\.0\.0\.1:\d+)/.exec(out)
        if (match) resolve(match[1])
      })
      child.once('exit', (code) => reject(new Error(`exited early with ${code}: ${out}`)))
    })
    const base = await listening
    assert.equal((await fetch(`${base}/healthz`)).status, 200)
    const exited = new Promise<number | null>((resolve) => child.once('exit', resolve))
    child.kill('SIGTERM')
    assert.equal(await exited, 0)
    assert.match(out, /shutting down/)
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
})
