import assert from 'node:assert/strict'
import { test } from 'node:test'
import { testApp } from '../helpers.ts'

test('the app starts on the configured database and answers readiness', async (t) => {
  const app = await testApp(t)
  const res = await app.inject({ url: '/readyz' })
  assert.equal(res.statusCode, 200)
  assert.equal(res.json().database, app.backroom.database.dialect)
})
