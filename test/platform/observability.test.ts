import assert from 'node:assert/strict'
import { test } from 'node:test'
import { Type } from 'typebox'
import { limits } from '../../src/platform/security/rate-limits.ts'
import { logCapture, testApp } from '../helpers.ts'

test('logs are JSON with a request id, and secrets never reach them', async (t) => {
  const logs = logCapture()
  const app = await testApp(t, { logLevel: 'debug' }, { logStream: logs.stream })
  const Body = Type.Object({
    email: Type.String(),
    password: Type.String(),
    payment: Type.Object({ cardNumber: Type.String(), cvc: Type.String() }),
  })
  app.post(
    '/test/signup',
    {
      schema: { body: Body },
      config: { auth: 'public', rateLimit: limits.write },
    },
    async (req) => {
      req.log.info({ body: req.body, headers: req.headers }, 'handler saw the request')
      throw new Error('something broke after reading the body')
    },
  )
  const res = await app.inject({
    method: 'POST',
    url: '/test/signup',
    headers: { authorization: 'Bearer sekret-token-value', cookie: 'backroom_session=sekret-cookie-value' },
    payload: {
      email: 'a@example.test',
      password: 'correct horse battery staple',
      payment: { cardNumber: '4242424242424242', cvc: '987' },
    },
  })
  assert.equal(res.statusCode, 500)
  const text = logs.text()
  for (const secret of ['sekret-token-value', 'sekret-cookie-value', 'correct horse', '4242424242424242', '987"']) {
    assert.ok(!text.includes(secret), `log output contains ${secret}`)
  }
  const lines = logs.lines.map((line) => JSON.parse(line))
  assert.ok(lines.some((l) => l.msg === 'handler saw the request' && l.body.email === 'a@example.test'))
  const unexpected = lines.find((l) => l.msg === 'unexpected error')
  // Only the shape of the body is logged (and secret keys stay redacted even there).
  assert.deepEqual(unexpected.bodyKeys, {
    email: 'string',
    password: '[redacted]',
    payment: { cardNumber: '[redacted]', cvc: '[redacted]' },
  })
  const request = lines.find((l) => l.msg === 'request')
  assert.equal(request.status, 500)
  assert.equal(request.requestId, res.headers['x-request-id'])
})

test('/metrics counts requests and latency by route pattern and status', async (t) => {
  const app = await testApp(t)
  await app.inject({ url: '/healthz' })
  await app.inject({ url: '/healthz' })
  await app.inject({ url: '/problems/nope' })
  await app.inject({ url: '/no/such/route' })
  const res = await app.inject({ url: '/metrics' })
  assert.equal(res.statusCode, 200)
  assert.match(String(res.headers['content-type']), /^text\/plain/)
  assert.match(res.body, /http_requests_total\{method="GET",route="\/healthz",status="200"\} 2/)
  assert.match(res.body, /http_requests_total\{method="GET",route="\/problems\/:code",status="404"\} 1/)
  assert.match(res.body, /http_requests_total\{method="GET",route="unmatched",status="404"\} 1/)
  assert.match(res.body, /# TYPE http_requests_total counter/)
  assert.match(res.body, /http_request_duration_seconds_count\{method="GET",route="\/healthz",status="200"\} 2/)
  assert.match(
    res.body,
    /http_request_duration_seconds_bucket\{le="0.1",method="GET",route="\/healthz",status="200"\} 2/,
  )
  assert.match(res.body, /process_cpu_seconds_total/)
  const prometheus = await app.inject({
    url: '/metrics',
    headers: { accept: 'application/openmetrics-text;version=1.0.0;q=0.5,text/plain;version=0.0.4;q=0.2,*/*;q=0.1' },
  })
  assert.equal(prometheus.statusCode, 200)
})

test('/healthz and /readyz', async (t) => {
  const app = await testApp(t)
  assert.deepEqual((await app.inject({ url: '/healthz' })).json(), { status: 'ok' })
  const ready = await app.inject({ url: '/readyz' })
  assert.equal(ready.statusCode, 200)
  await app.backroom.database.db.destroy()
  const down = await app.inject({ url: '/readyz' })
  assert.equal(down.statusCode, 503)
  assert.equal(down.json().type, '/problems/database-unreachable')
})
