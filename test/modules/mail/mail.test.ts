import assert from 'node:assert/strict'
import { test } from 'node:test'
import { createMailService, mailEncryptedColumns, retryDelayMs } from '../../../src/modules/mail/service.ts'
import { createTransport, type MailTransport, type OutgoingMail } from '../../../src/modules/mail/transports.ts'
import { ConfigError, loadConfig } from '../../../src/platform/config.ts'
import { createFieldSealer } from '../../../src/platform/security/encrypted-columns.ts'
import { headersFor, testApp } from '../../helpers.ts'

test('mail outbox', async (t) => {
  const app = await testApp(t)
  const db = app.backroom.database.db

  await t.test('enqueue joins the caller’s transaction: a rollback leaves no mail', async () => {
    await assert.rejects(
      db.transaction().execute(async (trx) => {
        await app.backroom.mail.enqueue(trx, { to: 'gone@example.test', subject: 'Order confirmed', text: 'Thanks' })
        throw new Error('order failed')
      }),
      /order failed/,
    )
    assert.equal((await app.backroom.mail.list({ to: 'gone@example.test' })).items.length, 0)
    await db.transaction().execute((trx) =>
      app.backroom.mail.enqueue(trx, {
        to: 'kept@example.test',
        subject: 'Order confirmed',
        text: 'Thanks',
        html: '<p>Thanks</p>',
      }),
    )
    const [mail] = (await app.backroom.mail.list({ to: 'kept@example.test' })).items
    assert.equal(mail.status, 'pending')
    assert.equal(mail.html, '<p>Thanks</p>')
  })

  await t.test('the development transport delivers into the outbox, readable by staff', async () => {
    assert.equal(app.backroom.mail.transport, 'dev')
    assert.ok((await app.backroom.mail.dispatch()) >= 1)
    const staff = await headersFor(app, { email: 'stella@example.test', role: 'staff' })
    const res = await app.inject({ url: '/admin/mail?to=kept@example.test', headers: staff })
    assert.equal(res.statusCode, 200)
    const [mail] = res.json().items
    assert.equal(mail.status, 'sent')
    assert.equal(mail.transport, 'dev')
    assert.equal(mail.subject, 'Order confirmed')
    const customer = await headersFor(app, { email: 'cus@example.test' })
    assert.equal((await app.inject({ url: '/admin/mail', headers: customer })).statusCode, 403)
  })

  await t.test('a failing transport retries with back-off, then gives up', async () => {
    const sent: OutgoingMail[] = []
    let failing = true
    const flaky: MailTransport = {
      name: 'smtp',
      async send(mail) {
        if (failing) throw new Error('connection refused')
        sent.push(mail)
      },
      close() {},
    }
    const mail = createMailService({
      db,
      transport: flaky,
      from: 'Shop <shop@example.test>',
      log: app.log,
      intervalMs: 0,
      sealer: createFieldSealer(app.backroom.cipher, mailEncryptedColumns),
      retentionDays: 30,
    })
    const now = Date.now()
    await app.backroom.mail.enqueue(db, { to: 'retry@example.test', subject: 'Hello', text: 'x' }, now)
    assert.equal(await mail.dispatch(now), 0)
    let [row] = (await mail.list({ to: 'retry@example.test' })).items
    assert.equal(row.status, 'pending')
    assert.equal(row.attempts, 1)
    assert.equal(await mail.dispatch(now + 1000), 0, 'not due yet')
    failing = false
    assert.equal(await mail.dispatch(now + retryDelayMs(1)), 1)
    ;[row] = (await mail.list({ to: 'retry@example.test' })).items
    assert.equal(row.status, 'sent')
    assert.deepEqual(sent[0], {
      from: 'Shop <shop@example.test>',
      to: 'retry@example.test',
      subject: 'Hello',
      text: 'x',
      html: undefined,
    })

    failing = true
    let at = now
    await app.backroom.mail.enqueue(db, { to: 'never@example.test', subject: 'Hello', text: 'x' }, at)
    for (let attempt = 1; attempt <= 8; attempt++) {
      await mail.dispatch(at)
      at += retryDelayMs(attempt)
    }
    ;[row] = (await mail.list({ to: 'never@example.test' })).items
    assert.equal(row.status, 'failed')
    assert.equal(row.attempts, 8)
  })
})

test('mail configuration: SMTP when SMTP_URL is set, validated', () => {
  assert.equal(createTransport({ smtpUrl: undefined }).name, 'dev')
  const smtp = createTransport({ smtpUrl: 'smtp://user:pass@127.0.0.1:2525' })
  assert.equal(smtp.name, 'smtp')
  smtp.close()
  assert.equal(loadConfig({ SMTP_URL: 'smtps://mail.example.test:465' }).mail.smtpUrl, 'smtps://mail.example.test:465')
  assert.throws(
    () => loadConfig({ SMTP_URL: 'http://mail' }),
    (e: unknown) => e instanceof ConfigError && e.variable === 'SMTP_URL',
  )
  assert.throws(
    () => loadConfig({ MAIL_FROM: 'not an address' }),
    (e: unknown) => e instanceof ConfigError && e.variable === 'MAIL_FROM',
  )
  assert.throws(
    () => loadConfig({ SESSION_IDLE_MINUTES: '0' }),
    (e: unknown) => e instanceof ConfigError && e.variable === 'SESSION_IDLE_MINUTES',
  )
  assert.equal(retryDelayMs(1), 30_000)
  assert.equal(retryDelayMs(20), 3_600_000)
})
