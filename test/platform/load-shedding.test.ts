import assert from 'node:assert/strict'
import { performance } from 'node:perf_hooks'
import { test } from 'node:test'
import type { LightMyRequestResponse } from 'fastify'
import { buildApp } from '../../src/app.ts'
import { heavyReadProblems } from '../../src/platform/db/read-worker.ts'
import { eventually, testConfig } from '../helpers.ts'

/** Holds the event loop for `ms`, as a request doing long synchronous work would. */
function blockEventLoop(ms: number): void {
  const until = performance.now() + ms
  while (performance.now() < until) {
    // busy: no timer, no I/O callback runs meanwhile
  }
}

// @fastify/under-pressure samples the loop's delay (monitorEventLoopDelay) and updates its verdict on
// a timer about once a second; the verdict holds until the next update. So the test blocks the loop
// until a request is shed (however long the machine takes to get there), and never asserts a duration.
test('while the event loop lags, requests are shed with 503 server-busy; /healthz still answers', async (t) => {
  const app = await buildApp(testConfig({}, { MAX_EVENT_LOOP_DELAY_MS: '50' }))
  t.after(() => app.close())
  const request = (url: string) => app.inject({ method: 'GET', url })
  // Building the app is itself long synchronous work the monitor may have seen: wait for a clear verdict.
  await eventually(async () => (await request('/readyz')).statusCode === 200)

  let shed: LightMyRequestResponse | undefined
  let health: LightMyRequestResponse | undefined
  await eventually(async () => {
    blockEventLoop(300)
    const before = await request('/readyz')
    const healthz = await request('/healthz')
    const after = await request('/readyz')
    // The verdict changes only on the sampling timer, about a second apart: refused just before and
    // just after, /healthz was asked while the server was shedding.
    if (before.statusCode !== 503 || after.statusCode !== 503) return false
    shed = before
    health = healthz
    return true
  })
  assert.ok(shed && health)
  assert.equal(health.statusCode, 200)
  assert.deepEqual(health.json(), { status: 'ok' })
  assert.equal(shed.headers['retry-after'], '2')
  assert.match(String(shed.headers['content-type']), /^application\/problem\+json/)
  // A 5xx problem names the type and no more (errors.ts): no detail, no measured delay.
  const { requestId, ...problem } = shed.json()
  assert.deepEqual(problem, {
    type: '/problems/server-busy',
    title: heavyReadProblems['server-busy'].title,
    status: 503,
  })
  assert.equal(typeof requestId, 'string')

  // Once the loop is free again, the next sample clears the verdict.
  await eventually(async () => (await request('/readyz')).statusCode === 200)
})
