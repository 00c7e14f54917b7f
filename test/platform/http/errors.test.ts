import assert from 'node:assert/strict'
import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { test } from 'node:test'
import type { FastifyContextConfig } from 'fastify'
import { Type } from 'typebox'
import { buildApp } from '../../../src/app.ts'
import { limits } from '../../../src/platform/security/rate-limits.ts'
import { logCapture, testApp, testConfig } from '../../helpers.ts'

test('errors are problem documents', async (t) => {
  const logs = logCapture()
  const app = await testApp(t, { logLevel: 'info' }, { logStream: logs.stream })
  app.get(
    '/test/boom',
    {
      schema: { response: { 200: Type.Object({ ok: Type.Boolean() }) } },
      config: { auth: 'public', rateLimit: limits.read },
    },
    async () => {
      throw new Error('database password is hunter2 at /srv/app.ts:12')
    },
  )

  await t.test('an unknown path is 404', async () => {
    const res = await app.inject({ url: '/no/such/thing?x=1' })
    assert.equal(res.statusCode, 404)
    assert.match(String(res.headers['content-type']), /^application\/problem\+json/)
    assert.deepEqual(res.json(), {
      type: '/problems/route-not-found',
      title: 'Not found',
      status: 404,
      detail: 'No endpoint at GET /no/such/thing',
      instance: '/no/such/thing',
      code: 'route-not-found',
    })
  })

  await t.test('a known path with the wrong method is 405 with Allow', async () => {
    const res = await app.inject({ method: 'DELETE', url: '/healthz' })
    assert.equal(res.statusCode, 405)
    assert.equal(res.headers.allow, 'GET, HEAD')
    assert.equal(res.json().code, 'method-not-allowed')
  })

  await t.test('405 also works for parameterised paths', async () => {
    const res = await app.inject({ method: 'POST', url: '/problems/not-acceptable' })
    assert.equal(res.statusCode, 405)
    assert.equal(res.headers.allow, 'GET, HEAD')
  })

  await t.test('problems follow Accept: XML when asked', async () => {
    const res = await app.inject({ url: '/nope', headers: { accept: 'application/xml' } })
    assert.equal(res.statusCode, 404)
    assert.match(String(res.headers['content-type']), /^application\/problem\+xml/)
    assert.match(res.body, /<problem xmlns="urn:ietf:rfc:7807"><type>\/problems\/route-not-found<\/type>/)
  })

  await t.test('an unexpected error is a bare 500: no message, no stack, a request id that is in the log', async () => {
    const res = await app.inject({ url: '/test/boom', headers: { 'x-request-id': 'trace-abc-123' } })
    assert.equal(res.statusCode, 500)
    assert.deepEqual(res.json(), {
      type: '/problems/internal',
      title: 'Internal server error',
      status: 500,
      requestId: 'trace-abc-123',
    })
    assert.equal(res.headers['x-request-id'], 'trace-abc-123')
    assert.doesNotMatch(res.body, /hunter2|app\.ts|at /)
    const logged = logs.lines.map((line) => JSON.parse(line)).find((l) => l.msg === 'unexpected error')
    assert.ok(logged, 'the error is logged')
    assert.equal(logged.requestId, 'trace-abc-123')
    assert.match(logged.err.stack, /hunter2/)
  })

  await t.test('a malformed incoming request id is replaced by a fresh one', async () => {
    const res = await app.inject({ url: '/healthz', headers: { 'x-request-id': 'bad id with spaces <script>' } })
    assert.match(String(res.headers['x-request-id']), /^[0-9a-f-]{36}$/)
  })

  await t.test('extra members never replace the standard ones', () => {
    const problem = app.backroom.problems.problem('payment-not-capturable', 409, 'no', '/x', {
      status: 'authorized',
      type: 'mine',
      title: 'mine',
      detail: 'mine',
      instance: 'mine',
      code: 'mine',
      amount: 5,
    })
    assert.deepEqual(
      { ...problem },
      {
        type: '/problems/payment-not-capturable',
        title: problem.title,
        status: 409,
        detail: 'no',
        instance: '/x',
        code: 'payment-not-capturable',
        amount: 5,
      },
    )
    assert.notEqual(problem.title, 'mine')
  })

  await t.test('every problem type has a page', async () => {
    const list = await app.inject({ url: '/problems' })
    assert.equal(list.statusCode, 200)
    const codes = list.json().items.map((p: { code: string }) => p.code)
    assert.ok(codes.includes('route-not-found'))
    const one = await app.inject({ url: '/problems/validation-failed' })
    assert.equal(one.json().title, 'Validation failed')
    assert.equal((await app.inject({ url: '/problems/nope-nope' })).statusCode, 404)
  })
})

test('every problem code thrown in src/ is registered', async (t) => {
  const app = await testApp(t)
  const files: string[] = []
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name)
      if (statSync(path).isDirectory()) walk(path)
      else if (path.endsWith('.ts')) files.push(path)
    }
  }
  walk('src')
  const helper =
    /\b(?:badRequest|invalid|unauthorized|forbidden|notFound|conflict|gone|tooMany|unavailable)\(\s*'([a-z0-9-]+)'/g
  const missing = new Set<string>()
  for (const file of files) {
    for (const match of readFileSync(file, 'utf8').matchAll(helper)) {
      if (!app.backroom.problems.has(match[1])) missing.add(`${match[1]} (${file})`)
    }
  }
  assert.deepEqual([...missing], [])
})

test('a route without an auth rule or a rate-limit class stops the server from starting', async () => {
  const configs: FastifyContextConfig[] = [{ rateLimit: limits.read }, { auth: 'public' }]
  for (const config of configs) {
    const app = await buildApp(testConfig())
    try {
      assert.throws(
        () => app.get('/test/undeclared', { config }, async () => 'x'),
        /declares no (auth rule|rate-limit class)/,
      )
    } finally {
      await app.close()
    }
  }
})

test('rate limits answer 429 with Retry-After, as a problem', async (t) => {
  const app = await testApp(t, { rateLimit: { enabled: true, scale: 1 } })
  app.get(
    '/test/limited',
    {
      schema: { response: { 200: Type.Object({ ok: Type.Boolean() }) } },
      config: { auth: 'public', rateLimit: { max: 2, timeWindow: 60_000 } },
    },
    async () => ({ ok: true }),
  )
  assert.equal((await app.inject({ url: '/test/limited' })).statusCode, 200)
  assert.equal((await app.inject({ url: '/test/limited' })).statusCode, 200)
  const res = await app.inject({ url: '/test/limited' })
  assert.equal(res.statusCode, 429)
  assert.ok(Number(res.headers['retry-after']) > 0)
  assert.equal(res.json().code, 'rate-limited')
})
