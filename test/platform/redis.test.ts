import assert from 'node:assert/strict'
import { randomBytes } from 'node:crypto'
import { test } from 'node:test'
import { Type } from 'typebox'
import { buildApp } from '../../src/app.ts'
import type { App } from '../../src/platform/http/types.ts'
import { testConfig } from '../helpers.ts'

const redisUrl = process.env.REDIS_URL

test('two API nodes share one rate limit through Redis', {
  skip: redisUrl ? false : 'REDIS_URL is not set',
}, async (t) => {
  const prefix = `test:${randomBytes(6).toString('hex')}:`
  const node = async (): Promise<App> => {
    const app = await buildApp(testConfig({ redisUrl, redisPrefix: prefix, rateLimit: { enabled: true, scale: 1 } }))
    t.after(() => app.close())
    app.get(
      '/test/shared',
      {
        schema: { response: { 200: Type.Object({ ok: Type.Boolean() }) } },
        config: { auth: 'public', rateLimit: { max: 3, timeWindow: 60_000 } },
      },
      async () => ({ ok: true }),
    )
    return app
  }
  const [a, b] = [await node(), await node()]
  const statuses = []
  for (const app of [a, b, a, b]) statuses.push((await app.inject({ url: '/test/shared' })).statusCode)
  assert.deepEqual(statuses, [200, 200, 200, 429])
})
