/**
 * TOTP secrets and webhook endpoint secrets at rest: sealed with the rotating ENCRYPTION_KEYS cipher,
 * covered by `backroom rotate-keys`, and values written the old way (under BACKROOM_SECRET) still work
 * until rotate-keys converts them. Runs on SQLite (a file) and on PostgreSQL (one schema, two apps).
 */
import assert from 'node:assert/strict'
import { spawnSync } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'
import { test } from 'node:test'
import { sql } from 'kysely'
import { TOTP } from 'otpauth'
import { legacyTotpSealer } from '../../src/modules/accounts/crypto.ts'
import { createDispatcher } from '../../src/modules/webhooks/dispatcher.ts'
import { enqueue } from '../../src/modules/webhooks/service.ts'
import { legacySeal, verifySignature, webhookEncryptedColumns } from '../../src/modules/webhooks/signing.ts'
import type { EncryptionKey } from '../../src/platform/config.ts'
import type { App } from '../../src/platform/http/types.ts'
import { generateKey } from '../../src/platform/security/crypto.ts'
import { createFieldSealer, rotateKeys } from '../../src/platform/security/encrypted-columns.ts'
import { headersFor, sharedDatabase, TEST_PASSWORD, testApp, usingPostgres } from '../helpers.ts'

const T0 = Date.UTC(2030, 0, 1, 12, 0, 0) // a TOTP step boundary
const STEP = 30_000
const BOB_TOTP = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP' // written the old way
const CAROL_TOTP = 'KRSXG5CTMVRXEZLUKRSXG5CTMVRXEZLU' // a pending enrolment written the old way
const OLD_HOOK_SECRET = 'whsec_writtenTheOldWayBeforeEncryptionKeys0123456'

const code = (secret: string, at: number) => TOTP.generate({ secret: new TOTP({ secret }).secret, timestamp: at })

async function mfaSignIn(app: App, email: string, totpCode: string) {
  const first = await app.inject({ method: 'POST', url: '/auth/sign-in', payload: { email, password: TEST_PASSWORD } })
  assert.equal(first.json().status, 'mfa-required', first.body)
  return app.inject({
    method: 'POST',
    url: '/auth/sign-in/mfa',
    payload: { mfaToken: first.json().mfaToken, totpCode },
  })
}

async function rawSecrets(app: App) {
  const db = app.backroom.database.db
  const { rows: users } = await sql<{
    email: string
    totp_secret: string | null
    totp_pending_secret: string | null
  }>`select email, totp_secret, totp_pending_secret from app_user order by email`.execute(db)
  const { rows: endpoints } = await sql<{
    id: string
    url: string
    secret_sealed: string
  }>`select id, url, secret_sealed from webhook_endpoint order by url`.execute(db)
  return { users, endpoints }
}

/** Delivers every due webhook through the app's own sealer; returns what each URL received. */
async function deliver(app: App, now: number) {
  const sent: { url: string; signature: string; body: string }[] = []
  const dispatcher = createDispatcher({
    db: app.backroom.database.db,
    config: app.backroom.config.webhooks,
    secrets: createFieldSealer(app.backroom.cipher, webhookEncryptedColumns(app.backroom.config.secret)),
    bodies: app.backroom.webhookOutbox.bodies,
    log: app.log,
    send: async (url, headers, body) => {
      sent.push({ url, signature: headers['backroom-signature'], body })
      return { statusCode: 204, error: null, durationMs: 1 }
    },
  })
  const report = await dispatcher.runOnce(now)
  return { report, sent }
}

test('TOTP and webhook secrets: no plaintext at rest, old format still works, rotate-keys moves all to the new key', async (t) => {
  t.mock.timers.enable({ apis: ['Date'], now: T0 })
  const [keyA, keyB] = [generateKey('a'), generateKey('b')]
  const asEnv = (k: EncryptionKey) => `${k.kid}:${k.key.toString('base64')}`
  const database = sharedDatabase(t, 'secrets')
  const file = database.sqlitePath // (SQLite)

  // --- Before the rotation: key a only.
  const app1 = await testApp(t, { database: { ...database, dropSchemaOnClose: false }, encryptionKeys: [keyA] })
  const db1 = app1.backroom.database.db
  const appSecret = app1.backroom.config.secret
  const admin = await headersFor(app1, { email: 'ada@example.test', role: 'admin' })
  const alice = await headersFor(app1, { email: 'alice@example.test' })
  await headersFor(app1, { email: 'bob@example.test' })
  const carol = await headersFor(app1, { email: 'carol@example.test' })

  // Alice enrols through the API (new format).
  const begun = await app1.inject({ method: 'POST', url: '/auth/mfa/totp', headers: alice })
  assert.equal(begun.statusCode, 200, begun.body)
  const aliceTotp: string = begun.json().secret
  const confirmed = await app1.inject({
    method: 'POST',
    url: '/auth/mfa/totp/confirm',
    headers: alice,
    payload: { totpCode: code(aliceTotp, T0) },
  })
  assert.equal(confirmed.statusCode, 200, confirmed.body)
  // Bob enrolled, and Carol started enrolling, before this change: their rows hold the old format.
  await db1
    .updateTable('app_user')
    .set({ mfa_enabled: 1, totp_secret: legacyTotpSealer(appSecret).seal(BOB_TOTP) })
    .where('email', '=', 'bob@example.test')
    .execute()
  await db1
    .updateTable('app_user')
    .set({ totp_pending_secret: legacyTotpSealer(appSecret).seal(CAROL_TOTP) })
    .where('email', '=', 'carol@example.test')
    .execute()

  // Two webhook endpoints: one created now, one whose secret was sealed the old way.
  const createEndpoint = async (url: string) => {
    const res = await app1.inject({
      method: 'POST',
      url: '/webhooks/endpoints',
      headers: admin,
      payload: { url, events: ['order.paid'] },
    })
    assert.equal(res.statusCode, 201, res.body)
    return res.json() as { id: string; secret: string }
  }
  const newHook = await createEndpoint('http://127.0.0.1:9/new')
  const oldHook = await createEndpoint('http://127.0.0.1:9/old')
  await db1
    .updateTable('webhook_endpoint')
    .set({ secret_sealed: legacySeal(OLD_HOOK_SECRET, appSecret, oldHook.id) })
    .where('id', '=', oldHook.id)
    .execute()
  const hookSecrets: Record<string, string> = {
    'http://127.0.0.1:9/new': newHook.secret,
    'http://127.0.0.1:9/old': OLD_HOOK_SECRET,
  }
  const plaintexts = [aliceTotp, BOB_TOTP, CAROL_TOTP, newHook.secret, OLD_HOOK_SECRET]

  await t.test('at rest: no plaintext TOTP or webhook secret; new values carry key a', async () => {
    const raw = await rawSecrets(app1)
    const dump = JSON.stringify(raw)
    for (const secret of plaintexts) assert.ok(!dump.includes(secret), `"${secret}" is in the database`)
    assert.match(String(raw.users.find((u) => u.email === 'alice@example.test')?.totp_secret), /^v1\.a\./)
    assert.match(raw.endpoints[0].secret_sealed, /^v1\.a\./) // /new sorts first
    // The rows written the old way really are: three parts (TOTP), v1 and three parts (webhook).
    assert.equal(String(raw.users.find((u) => u.email === 'bob@example.test')?.totp_secret).split('.').length, 3)
    assert.match(raw.endpoints[1].secret_sealed, /^v1\.[^.]+\.[^.]+\.[^.]+$/)
    if (!usingPostgres) {
      const bytes = Buffer.concat([file, `${file}-wal`].filter(existsSync).map((f) => readFileSync(f)))
      assert.ok(bytes.length > 0)
      for (const secret of plaintexts) {
        assert.equal(bytes.indexOf(Buffer.from(secret, 'utf8')), -1, `"${secret}" is in the SQLite file`)
      }
    }
  })

  await t.test('old-format values still work: MFA sign-in, webhook signatures', async () => {
    assert.equal((await mfaSignIn(app1, 'alice@example.test', code(aliceTotp, T0 + STEP))).statusCode, 200)
    const bob = await mfaSignIn(app1, 'bob@example.test', code(BOB_TOTP, T0))
    assert.equal(bob.statusCode, 200, bob.body)
    assert.equal(bob.json().status, 'signed-in')
    await enqueue(db1, app1.backroom.webhookOutbox, 'order.paid', { id: 'ord_1' }, T0)
    const { report, sent } = await deliver(app1, T0)
    assert.equal(report.succeeded, 2)
    for (const s of sent) assert.ok(verifySignature(hookSecrets[s.url], s.signature, s.body, T0), s.url)
  })

  // --- backroom rotate-keys, the real command: key b first, key a still listed.
  const env = {
    ...process.env,
    NODE_ENV: 'test',
    LOG_LEVEL: 'warn',
    BACKROOM_SECRET: appSecret,
    ENCRYPTION_KEYS: `${asEnv(keyB)},${asEnv(keyA)}`,
    DATABASE_URL: usingPostgres
      ? `${database.url}${database.url.includes('?') ? '&' : '?'}schema=${database.schema}`
      : `sqlite:${file}`,
  }
  const run = () =>
    spawnSync(process.execPath, ['src/cli.ts', 'rotate-keys'], { env, encoding: 'utf8', timeout: 60_000 })

  await t.test('rotate-keys re-encrypts them with key b and converts the old format', async () => {
    const rotated = run()
    assert.equal(rotated.status, 0, rotated.stderr)
    assert.match(
      rotated.stdout,
      /Re-encrypted with key "b": \{"address":0,"shop_order":0,"app_user":3,"webhook_endpoint":2,"idempotency_key":0,"webhook_delivery":2,"mail_outbox":0\}/,
    )
    assert.match(
      rotated.stdout,
      /converted from the older BACKROOM_SECRET format: \{"address":0,"shop_order":0,"app_user":2,"webhook_endpoint":1,"idempotency_key":0,"webhook_delivery":0,"mail_outbox":0\}/,
    )
    const again = run()
    assert.match(
      again.stdout,
      /\{"address":0,"shop_order":0,"app_user":0,"webhook_endpoint":0,"idempotency_key":0,"webhook_delivery":0,"mail_outbox":0\}/,
    )
    assert.doesNotMatch(again.stdout, /converted/)
  })

  // --- After the rotation: key b alone, and even another BACKROOM_SECRET, read everything.
  const app2 = await testApp(t, {
    database: { ...database, dropSchemaOnClose: usingPostgres },
    encryptionKeys: [keyB],
    secret: 'a-different-backroom-secret-after-the-rotation-0123',
  })

  await t.test('every value carries key b; the old key and BACKROOM_SECRET are no longer needed', async () => {
    const raw = await rawSecrets(app2)
    const sealed = [
      ...raw.users.flatMap((u) => [u.totp_secret, u.totp_pending_secret]),
      ...raw.endpoints.map((e) => e.secret_sealed),
    ].filter((v) => v !== null)
    assert.equal(sealed.length, 5)
    for (const value of sealed) assert.match(value, /^v1\.b\./)
    const dump = JSON.stringify(raw)
    for (const secret of plaintexts) assert.ok(!dump.includes(secret), `"${secret}" is in the database`)

    t.mock.timers.tick(2 * STEP)
    const now = T0 + 2 * STEP
    for (const [email, secret] of [
      ['alice@example.test', aliceTotp],
      ['bob@example.test', BOB_TOTP],
    ]) {
      const res = await mfaSignIn(app2, email, code(secret, now))
      assert.equal(res.statusCode, 200, `${email}: ${res.body}`)
      assert.equal(res.json().status, 'signed-in')
    }
    const confirm = await app2.inject({
      method: 'POST',
      url: '/auth/mfa/totp/confirm',
      headers: carol,
      payload: { totpCode: code(CAROL_TOTP, now) },
    })
    assert.equal(confirm.statusCode, 200, confirm.body)

    await enqueue(app2.backroom.database.db, app2.backroom.webhookOutbox, 'order.paid', { id: 'ord_2' }, now)
    const { report, sent } = await deliver(app2, now)
    assert.deepEqual(report, { claimed: 2, succeeded: 2, retrying: 0, failed: 0 })
    assert.deepEqual(sent.map((s) => s.url).sort(), Object.keys(hookSecrets).sort())
    for (const s of sent) assert.ok(verifySignature(hookSecrets[s.url], s.signature, s.body, now), s.url)
  })
})

test('rotate-keys stops, naming the row, at an old-format value it cannot open', async (t) => {
  const app = await testApp(t)
  const admin = await headersFor(app, { email: 'ada@example.test', role: 'admin' })
  const created = await app.inject({
    method: 'POST',
    url: '/webhooks/endpoints',
    headers: admin,
    payload: { url: 'http://127.0.0.1:9/hook', events: ['order.paid'] },
  })
  const { id } = created.json()
  // Sealed under a BACKROOM_SECRET this deployment no longer has.
  const stranger = legacySeal(OLD_HOOK_SECRET, 'some-other-backroom-secret-of-32-characters', id)
  const db = app.backroom.database.db
  await db.updateTable('webhook_endpoint').set({ secret_sealed: stranger }).where('id', '=', id).execute()
  const { cipher, encryptedTables } = app.backroom
  await assert.rejects(
    rotateKeys(db, cipher, encryptedTables),
    new RegExp(`Cannot re-encrypt webhook_endpoint\\.secret_sealed of ${id}`),
  )
  const row = await db.selectFrom('webhook_endpoint').select('secret_sealed').executeTakeFirstOrThrow()
  assert.equal(row.secret_sealed, stranger, 'left as it was')
})
