/**
 * Bounded retention of outbox copies (issue 12.1): sent and failed mail after MAIL_RETENTION_DAYS,
 * finished webhook deliveries (with their attempt logs) after WEBHOOK_RETENTION_DAYS. Pending ones stay.
 */
import assert from 'node:assert/strict'
import { test } from 'node:test'
import { createWebhookService, enqueue } from '../../../src/modules/webhooks/service.ts'
import { ConfigError, loadConfig } from '../../../src/platform/config.ts'
import { headersFor, testApp } from '../../helpers.ts'

const DAY = 86_400_000

test('sent mail and finished webhook deliveries are purged after their retention; pending ones stay', async (t) => {
  const app = await testApp(t)
  const db = app.backroom.database.db
  const { mail, config } = app.backroom
  assert.equal(config.mail.retentionDays, 30)
  assert.equal(config.webhooks.retentionDays, 30)
  const now = Date.now()

  await t.test('mail', async () => {
    const old = now - 31 * DAY
    await mail.enqueue(db, { to: 'sent-old@example.test', subject: 'Hi', text: 'old' }, old)
    await mail.enqueue(db, { to: 'pending-old@example.test', subject: 'Hi', text: 'old' }, old)
    await mail.enqueue(db, { to: 'sent-new@example.test', subject: 'Hi', text: 'new' }, now - DAY)
    await db
      .updateTable('mail_outbox')
      .set({ status: 'sent', sent_at: now })
      .where('to_address', 'in', ['sent-old@example.test', 'sent-new@example.test'])
      .execute()
    assert.equal(await mail.purge(now), 1)
    const left = (await db.selectFrom('mail_outbox').select('to_address').orderBy('to_address').execute()).map(
      (r) => r.to_address,
    )
    assert.deepEqual(left, ['pending-old@example.test', 'sent-new@example.test'])
  })

  await t.test('webhook deliveries', async () => {
    const endpoint = await app.inject({
      method: 'POST',
      url: '/webhooks/endpoints',
      headers: await headersFor(app, { email: 'ret@example.test', role: 'admin' }),
      payload: { url: 'http://127.0.0.1:1/hooks', events: ['order.paid'] },
    })
    assert.equal(endpoint.statusCode, 201, endpoint.body)
    const outbox = app.backroom.webhookOutbox
    const [oldDone, oldPending, newDone] = [
      await enqueue(db, outbox, 'order.paid', { id: 'ord_a' }, now - 40 * DAY),
      await enqueue(db, outbox, 'order.paid', { id: 'ord_b' }, now - 40 * DAY),
      await enqueue(db, outbox, 'order.paid', { id: 'ord_c' }, now - DAY),
    ]
    const finish = (eventId: string, at: number) =>
      db
        .updateTable('webhook_delivery')
        .set({ status: 'succeeded', completed_at: at })
        .where('event_id', '=', eventId)
        .execute()
    await finish(oldDone, now - 31 * DAY)
    await finish(newDone, now - DAY)
    const delivery = await db
      .selectFrom('webhook_delivery')
      .select(['id', 'endpoint_id'])
      .where('event_id', '=', oldDone)
      .executeTakeFirstOrThrow()
    await db
      .insertInto('webhook_attempt')
      .values({
        id: 'wha_old',
        delivery_id: delivery.id,
        endpoint_id: delivery.endpoint_id,
        attempt: 1,
        started_at: now - 31 * DAY,
        duration_ms: 5,
        status_code: 200,
        error: null,
        ok: 1,
      })
      .execute()
    const webhooks = createWebhookService({
      db,
      config: app.backroom.config.webhooks,
      secrets: outbox.bodies,
      outbox,
    })
    assert.equal(await webhooks.purgeCompleted(now), 1)
    const left = (await db.selectFrom('webhook_delivery').select('event_id').execute()).map((r) => r.event_id).sort()
    assert.deepEqual(left, [oldPending, newDone].sort())
    assert.equal((await db.selectFrom('webhook_attempt').selectAll().execute()).length, 0)
  })
})

test('WEBHOOK_RETENTION_DAYS and MAIL_RETENTION_DAYS are validated', () => {
  const base = { NODE_ENV: 'test', DATABASE_URL: 'sqlite::memory:' }
  const config = loadConfig({ ...base, WEBHOOK_RETENTION_DAYS: '7', MAIL_RETENTION_DAYS: '90' })
  assert.equal(config.webhooks.retentionDays, 7)
  assert.equal(config.mail.retentionDays, 90)
  for (const [name, value] of [
    ['WEBHOOK_RETENTION_DAYS', '0'],
    ['MAIL_RETENTION_DAYS', 'forever'],
    ['MAIL_RETENTION_DAYS', '4000'],
  ]) {
    assert.throws(
      () => loadConfig({ ...base, [name]: value }),
      (e: unknown) => e instanceof ConfigError && e.message.includes(name),
    )
  }
})
