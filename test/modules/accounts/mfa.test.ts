import assert from 'node:assert/strict'
import { test } from 'node:test'
import { TOTP } from 'otpauth'
import { testApp } from '../../helpers.ts'
import { bearer, STRONG, STRONG_2, signIn, signUp } from './accounts-helpers.ts'

const T0 = Date.UTC(2030, 0, 1, 12, 0, 0) // a step boundary: 1893499200 s is divisible by 30

test('multi-factor login with TOTP and recovery codes', async (t) => {
  const app = await testApp(t)
  t.mock.timers.enable({ apis: ['Date'], now: T0 })
  await signUp(app, 'mia@example.test')
  const session = (await signIn(app, 'mia@example.test')).json().token
  const code = (secret: string, at: number) => TOTP.generate({ secret: secretOf(secret), timestamp: at })
  let secret = ''
  let recoveryCodes: string[] = []

  await t.test('enrolment returns an otpauth URI and a QR code', async () => {
    const res = await app.inject({ method: 'POST', url: '/auth/mfa/totp', headers: bearer(session) })
    assert.equal(res.statusCode, 200)
    const body = res.json()
    assert.match(body.otpauthUri, /^otpauth:\/\/totp\/Backroom:mia%40example\.test\?/)
    assert.match(body.otpauthUri, new RegExp(`secret=${body.secret}`))
    assert.match(body.qrCode, /^data:image\/png;base64,/)
    secret = body.secret
    const stored = await app.backroom.database.db
      .selectFrom('app_user')
      .select('totp_pending_secret')
      .executeTakeFirstOrThrow()
    assert.ok(
      stored.totp_pending_secret && !stored.totp_pending_secret.includes(secret),
      'the secret is encrypted at rest',
    )
  })

  await t.test('confirmation refuses a code outside the time window', async () => {
    const res = await app.inject({
      method: 'POST',
      url: '/auth/mfa/totp/confirm',
      headers: bearer(session),
      payload: { totpCode: code(secret, T0 - 5 * 30_000) },
    })
    assert.equal(res.statusCode, 422)
    assert.equal(res.json().code, 'invalid-mfa-code')
  })

  await t.test('confirmation with a current code enables MFA and shows ten recovery codes once', async () => {
    const res = await app.inject({
      method: 'POST',
      url: '/auth/mfa/totp/confirm',
      headers: bearer(session),
      payload: { totpCode: code(secret, T0) },
    })
    assert.equal(res.statusCode, 200)
    recoveryCodes = res.json().recoveryCodes
    assert.equal(recoveryCodes.length, 10)
    assert.equal(new Set(recoveryCodes).size, 10)
    assert.equal((await app.inject({ url: '/auth/me', headers: bearer(session) })).json().mfaEnabled, true)
    const rows = await app.backroom.database.db.selectFrom('recovery_code').select('code_hash').execute()
    assert.ok(
      rows.every((r) => !recoveryCodes.some((c) => r.code_hash.includes(c.replace('-', '')))),
      'stored hashed',
    )
  })

  await t.test('sign-in now needs a second step; the password alone gives no session', async () => {
    const res = await signIn(app, 'mia@example.test')
    assert.equal(res.statusCode, 200)
    assert.equal(res.json().status, 'mfa-required')
    assert.equal(res.json().token, undefined)
    assert.ok(res.json().mfaToken)
  })

  await t.test('codes outside the ±1 step window are refused; inside it they work', async () => {
    t.mock.timers.tick(10 * 30_000)
    const now = T0 + 10 * 30_000
    const { mfaToken } = (await signIn(app, 'mia@example.test')).json()
    for (const at of [now - 3 * 30_000, now + 2 * 30_000]) {
      const res = await app.inject({
        method: 'POST',
        url: '/auth/sign-in/mfa',
        payload: { mfaToken, totpCode: code(secret, at) },
      })
      assert.equal(res.statusCode, 401)
      assert.equal(res.json().code, 'invalid-mfa-code')
    }
    const ok = await app.inject({
      method: 'POST',
      url: '/auth/sign-in/mfa',
      payload: { mfaToken, totpCode: code(secret, now - 30_000) },
    })
    assert.equal(ok.statusCode, 200)
    assert.equal(ok.json().status, 'signed-in')
    assert.equal((await app.inject({ url: '/auth/me', headers: bearer(ok.json().token) })).statusCode, 200)
  })

  await t.test('a code is accepted once: replaying it (or an older one) is refused', async () => {
    const now = T0 + 10 * 30_000
    const { mfaToken } = (await signIn(app, 'mia@example.test')).json()
    const first = await app.inject({
      method: 'POST',
      url: '/auth/sign-in/mfa',
      payload: { mfaToken, totpCode: code(secret, now) },
    })
    assert.equal(first.statusCode, 200)
    const again = (await signIn(app, 'mia@example.test')).json().mfaToken
    const replay = await app.inject({
      method: 'POST',
      url: '/auth/sign-in/mfa',
      payload: { mfaToken: again, totpCode: code(secret, now) },
    })
    assert.equal(replay.statusCode, 401)
    assert.equal(replay.json().code, 'invalid-mfa-code')
  })

  await t.test('the MFA challenge token works once', async () => {
    t.mock.timers.tick(30_000)
    const now = T0 + 11 * 30_000
    const { mfaToken } = (await signIn(app, 'mia@example.test')).json()
    assert.equal(
      (
        await app.inject({
          method: 'POST',
          url: '/auth/sign-in/mfa',
          payload: { mfaToken, totpCode: code(secret, now) },
        })
      ).statusCode,
      200,
    )
    const reuse = await app.inject({
      method: 'POST',
      url: '/auth/sign-in/mfa',
      payload: { mfaToken, recoveryCode: recoveryCodes[5] },
    })
    assert.equal(reuse.statusCode, 401)
    assert.equal(reuse.json().code, 'mfa-challenge-expired')
  })

  await t.test('a recovery code signs in once', async () => {
    const first = (await signIn(app, 'mia@example.test')).json().mfaToken
    const ok = await app.inject({
      method: 'POST',
      url: '/auth/sign-in/mfa',
      payload: { mfaToken: first, recoveryCode: recoveryCodes[0].toUpperCase() },
    })
    assert.equal(ok.statusCode, 200)
    const second = (await signIn(app, 'mia@example.test')).json().mfaToken
    const reuse = await app.inject({
      method: 'POST',
      url: '/auth/sign-in/mfa',
      payload: { mfaToken: second, recoveryCode: recoveryCodes[0] },
    })
    assert.equal(reuse.statusCode, 401)
    assert.equal(reuse.json().code, 'invalid-mfa-code')
  })

  await t.test('an MFA challenge expires after five minutes', async () => {
    const { mfaToken } = (await signIn(app, 'mia@example.test')).json()
    t.mock.timers.tick(5 * 60_000 + 1)
    const res = await app.inject({
      method: 'POST',
      url: '/auth/sign-in/mfa',
      payload: { mfaToken, recoveryCode: recoveryCodes[1] },
    })
    assert.equal(res.statusCode, 401)
    assert.equal(res.json().code, 'mfa-challenge-expired')
  })

  await t.test('disabling needs the password', async () => {
    const wrong = await app.inject({
      method: 'POST',
      url: '/auth/mfa/totp/disable',
      headers: bearer(session),
      payload: { password: STRONG_2 },
    })
    assert.equal(wrong.statusCode, 422)
    assert.equal(wrong.json().code, 'wrong-password')
    assert.equal((await app.inject({ url: '/auth/me', headers: bearer(session) })).json().mfaEnabled, true)
    const ok = await app.inject({
      method: 'POST',
      url: '/auth/mfa/totp/disable',
      headers: bearer(session),
      payload: { password: STRONG },
    })
    assert.equal(ok.statusCode, 204)
    assert.equal((await signIn(app, 'mia@example.test')).json().status, 'signed-in')
  })

  await t.test('every MFA change is in the audit log', async () => {
    const types = (await app.backroom.database.db.selectFrom('audit_event').select('type').execute()).map((r) => r.type)
    for (const type of ['mfa.enabled', 'mfa.disabled', 'mfa.recovery-code-used', 'login.mfa-failed']) {
      assert.ok(types.includes(type), type)
    }
  })
})

test('MFA attempts are limited per account', async (t) => {
  const app = await testApp(t)
  t.mock.timers.enable({ apis: ['Date'], now: T0 })
  await signUp(app, 'max@example.test')
  const session = (await signIn(app, 'max@example.test')).json().token
  const { secret } = (await app.inject({ method: 'POST', url: '/auth/mfa/totp', headers: bearer(session) })).json()
  const code = TOTP.generate({ secret: secretOf(secret), timestamp: T0 })
  await app.inject({
    method: 'POST',
    url: '/auth/mfa/totp/confirm',
    headers: bearer(session),
    payload: { totpCode: code },
  })
  const statuses: number[] = []
  for (let i = 0; i < 7; i++) {
    const { mfaToken } = (await signIn(app, 'max@example.test')).json()
    const res = await app.inject({
      method: 'POST',
      url: '/auth/sign-in/mfa',
      payload: { mfaToken, totpCode: '000000' },
    })
    statuses.push(res.statusCode)
    if (res.statusCode === 429) assert.ok(Number(res.headers['retry-after']) > 0)
  }
  assert.deepEqual(statuses, [401, 401, 401, 401, 401, 429, 429])
})

function secretOf(base32: string) {
  return new TOTP({ secret: base32 }).secret
}
