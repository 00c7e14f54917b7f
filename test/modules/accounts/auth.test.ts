import assert from 'node:assert/strict'
import { test } from 'node:test'
import { hashToken, newSessionToken } from '../../../src/modules/accounts/crypto.ts'
import { hashPassword } from '../../../src/modules/accounts/passwords.ts'
import { testApp } from '../../helpers.ts'
import { bearer, lastMail, STRONG, STRONG_2, signIn, signUp, tokenFromMail } from './accounts-helpers.ts'

test('sign-up and sign-in', async (t) => {
  const app = await testApp(t)

  await t.test('sign-up answers 202 and mails a verification token', async () => {
    const res = await signUp(app, 'Alice@Example.TEST')
    assert.equal(res.statusCode, 202)
    assert.equal(res.json().status, 'accepted')
    assert.match((await lastMail(app, 'alice@example.test')).subject, /Verify/)
  })

  await t.test('emails are unique case-insensitively, and a repeat sign-up looks the same', async () => {
    const res = await signUp(app, 'ALICE@example.test', STRONG_2)
    assert.equal(res.statusCode, 202)
    assert.match((await lastMail(app, 'alice@example.test')).subject, /already have/)
    const users = await app.backroom.users.list({ email: 'alice@example.test' })
    assert.equal(users.items.length, 1)
    assert.equal((await signIn(app, 'alice@example.test', STRONG_2)).statusCode, 401) // the first password stands
  })

  await t.test('weak and common passwords are refused', async () => {
    for (const password of ['short1!', 'password123456', 'qwertyuiopasdf', 'weak@example.test']) {
      const res = await signUp(app, 'weak@example.test', password)
      assert.equal(res.statusCode, 422, password)
      assert.equal(res.json().code, 'weak-password')
    }
    assert.equal((await app.backroom.users.list({ email: 'weak@example.test' })).items.length, 0)
  })

  await t.test('sign-in gives a bearer token that works; the stored hash is argon2id', async () => {
    const res = await signIn(app, 'alice@example.test')
    assert.equal(res.statusCode, 200)
    const body = res.json()
    assert.equal(body.status, 'signed-in')
    assert.ok(Buffer.from(body.token, 'base64url').length >= 32, 'token carries at least 256 bits')
    const me = await app.inject({ url: '/auth/me', headers: bearer(body.token) })
    assert.equal(me.json().email, 'alice@example.test')
    const row = await app.backroom.database.db.selectFrom('app_user').selectAll().executeTakeFirstOrThrow()
    assert.match(row.password_hash, /^\$argon2id\$v=19\$m=19456,t=2,p=1\$/)
    const session = await app.backroom.database.db.selectFrom('user_session').selectAll().executeTakeFirstOrThrow()
    assert.notEqual(session.token_hash, body.token, 'only a hash is stored')
    assert.equal(session.token_hash.length, 64)
  })

  await t.test('a session token that happens to start like an API key (bk_) still works', async () => {
    // Issue 12: one random token in 64³ starts with `bk_`; the authenticator took it for an API key and
    // answered the new session's first request with 401 invalid-credentials (a flaky CI run).
    const res = await signIn(app, 'alice@example.test')
    const db = app.backroom.database.db
    const session = await db.selectFrom('user_session').selectAll().orderBy('id', 'desc').executeTakeFirstOrThrow()
    const unlucky = `bk_${'A'.repeat(40)}`
    await db
      .updateTable('user_session')
      .set({ token_hash: hashToken(unlucky) })
      .where('id', '=', session.id)
      .execute()
    const me = await app.inject({ url: '/auth/me', headers: bearer(unlucky) })
    assert.equal(me.statusCode, 200, me.body)
    assert.equal(me.json().email, 'alice@example.test')
    assert.equal((await app.inject({ url: '/auth/me', headers: bearer(res.json().token) })).statusCode, 401)
    // New session tokens never start with the prefix.
    const draws = ['bk_first', 'bk_second', 'fine-token']
    assert.equal(
      newSessionToken(() => draws.shift()!),
      'fine-token',
    )
  })

  await t.test('email verification: the token works once', async () => {
    const token = await tokenFromMail(app, 'alice@example.test').catch(() => '')
    // the newest mail is the "already have an account" notice: ask for a fresh verification
    const session = (await signIn(app, 'alice@example.test')).json().token
    const again = await app.inject({ method: 'POST', url: '/auth/verify-email/request', headers: bearer(session) })
    assert.equal(again.statusCode, 202)
    const fresh = await tokenFromMail(app, 'alice@example.test')
    assert.notEqual(fresh, token)
    const ok = await app.inject({ method: 'POST', url: '/auth/verify-email', payload: { token: fresh } })
    assert.equal(ok.statusCode, 204)
    assert.equal((await app.inject({ url: '/auth/me', headers: bearer(session) })).json().emailVerified, true)
    const replay = await app.inject({ method: 'POST', url: '/auth/verify-email', payload: { token: fresh } })
    assert.equal(replay.statusCode, 422)
    assert.equal(replay.json().code, 'invalid-token')
  })

  await t.test('unknown email and wrong password give the same answer', async () => {
    const unknown = await signIn(app, 'nobody@example.test')
    const wrong = await signIn(app, 'alice@example.test', STRONG_2)
    assert.equal(unknown.statusCode, 401)
    assert.equal(wrong.statusCode, 401)
    const strip = (body: Record<string, unknown>) => ({ ...body, instance: undefined, requestId: undefined })
    assert.deepEqual(strip(unknown.json()), strip(wrong.json()))
    assert.equal(unknown.json().code, 'bad-credentials')
  })

  await t.test('unknown email and wrong password take comparable time (dummy argon2 verify)', async () => {
    // Interleaved samples, so a burst of load on the machine hits both sides alike.
    const samples: Record<'unknown' | 'known', number[]> = { unknown: [], known: [] }
    await signUp(app, 'tina@example.test')
    await signIn(app, 'warm-up@example.test', 'not-the-password-at-all')
    for (let i = 0; i < 7; i++) {
      // under the per-account limit of 10 failures
      for (const [kind, email] of [
        ['unknown', `ghost${i}@example.test`],
        ['known', 'tina@example.test'],
      ] as const) {
        const started = performance.now()
        await signIn(app, email, 'not-the-password-at-all')
        samples[kind].push(performance.now() - started)
      }
    }
    const median = (xs: number[]) => xs.sort((x, y) => x - y)[Math.floor(xs.length / 2)]
    const [unknown, known] = [median(samples.unknown), median(samples.known)]
    t.diagnostic(
      `median sign-in failure: unknown email ${unknown.toFixed(1)} ms, wrong password ${known.toFixed(1)} ms`,
    )
    assert.ok(unknown > known / 3 && unknown < known * 3, `${unknown} vs ${known}`)
  })

  await t.test('a password hashed with old parameters is rehashed at sign-in', async () => {
    const db = app.backroom.database.db
    const old = await hashPassword(STRONG, { memoryCost: 8192, timeCost: 1, parallelism: 1 })
    await db.updateTable('app_user').set({ password_hash: old }).where('email', '=', 'alice@example.test').execute()
    assert.equal((await signIn(app, 'alice@example.test')).statusCode, 200)
    const row = await db
      .selectFrom('app_user')
      .select('password_hash')
      .where('email', '=', 'alice@example.test')
      .executeTakeFirstOrThrow()
    assert.match(row.password_hash, /m=19456,t=2,p=1/)
  })
})

test('sessions: list, revoke, sign out, sign out everywhere', async (t) => {
  const app = await testApp(t)
  await signUp(app, 'sam@example.test')
  await signUp(app, 'eve@example.test')
  const [a, b, c] = [
    (await signIn(app, 'sam@example.test')).json().token,
    (await signIn(app, 'sam@example.test')).json().token,
    (await signIn(app, 'sam@example.test')).json().token,
  ]
  const eve = (await signIn(app, 'eve@example.test')).json().token
  const list = await app.inject({ url: '/auth/sessions', headers: bearer(a) })
  assert.equal(list.json().items.length, 3)
  assert.equal(list.json().items.filter((s: { current: boolean }) => s.current).length, 1)
  const other = list.json().items.find((s: { current: boolean }) => !s.current)

  await t.test("another customer's session does not exist", async () => {
    const res = await app.inject({ method: 'DELETE', url: `/auth/sessions/${other.id}`, headers: bearer(eve) })
    assert.equal(res.statusCode, 404)
    assert.equal(res.json().code, 'session-not-found')
  })

  await t.test('revoking one session ends exactly that one', async () => {
    assert.equal(
      (await app.inject({ method: 'DELETE', url: `/auth/sessions/${other.id}`, headers: bearer(a) })).statusCode,
      204,
    )
    const statuses = []
    for (const token of [a, b, c])
      statuses.push((await app.inject({ url: '/auth/me', headers: bearer(token) })).statusCode)
    assert.deepEqual(statuses.sort(), [200, 200, 401])
  })

  await t.test('sign-out ends the current session; its token is refused afterwards', async () => {
    assert.equal((await app.inject({ method: 'POST', url: '/auth/sign-out', headers: bearer(a) })).statusCode, 204)
    assert.equal((await app.inject({ url: '/auth/me', headers: bearer(a) })).statusCode, 401)
  })

  await t.test('sign-out everywhere ends them all, and not other accounts', async () => {
    const d = (await signIn(app, 'sam@example.test')).json().token
    assert.equal(
      (await app.inject({ method: 'POST', url: '/auth/sign-out-everywhere', headers: bearer(d) })).statusCode,
      204,
    )
    for (const token of [b, c, d])
      assert.equal((await app.inject({ url: '/auth/me', headers: bearer(token) })).statusCode, 401)
    assert.equal((await app.inject({ url: '/auth/me', headers: bearer(eve) })).statusCode, 200)
  })
})

test('session expiry: idle and absolute', async (t) => {
  const MIN = 60_000
  const app = await testApp(t, { sessions: { idleMs: 30 * MIN, absoluteMs: 120 * MIN } })
  await signUp(app, 'tim@example.test')
  t.mock.timers.enable({ apis: ['Date'], now: Date.now() })

  await t.test('idle: used within the idle time it lives on; left idle it ends', async () => {
    const token = (await signIn(app, 'tim@example.test')).json().token
    t.mock.timers.tick(29 * MIN)
    assert.equal((await app.inject({ url: '/auth/me', headers: bearer(token) })).statusCode, 200)
    t.mock.timers.tick(29 * MIN) // 58 min after sign-in, 29 after last use
    assert.equal((await app.inject({ url: '/auth/me', headers: bearer(token) })).statusCode, 200)
    t.mock.timers.tick(30 * MIN + 1)
    const res = await app.inject({ url: '/auth/me', headers: bearer(token) })
    assert.equal(res.statusCode, 401)
    assert.equal(res.json().code, 'invalid-credentials')
  })

  await t.test('absolute: even a busy session ends after the absolute lifetime', async () => {
    const token = (await signIn(app, 'tim@example.test')).json().token
    for (let minutes = 20; minutes < 120; minutes += 20) {
      t.mock.timers.tick(20 * MIN)
      assert.equal((await app.inject({ url: '/auth/me', headers: bearer(token) })).statusCode, 200, `${minutes} min`)
    }
    t.mock.timers.tick(20 * MIN)
    assert.equal((await app.inject({ url: '/auth/me', headers: bearer(token) })).statusCode, 401)
  })
})

test('browser sessions: HttpOnly cookie and CSRF origin check', async (t) => {
  const app = await testApp(t, { publicUrl: 'https://shop.example.test', corsOrigins: ['https://admin.example.test'] })
  await signUp(app, 'cora@example.test')
  const res = await signIn(app, 'cora@example.test', STRONG, { session: 'cookie' })
  assert.equal(res.statusCode, 200)
  assert.equal(res.json().token, undefined, 'the token is not exposed to page scripts')
  const setCookie = String(res.headers['set-cookie'])
  assert.match(setCookie, /^backroom_session=/)
  assert.match(setCookie, /HttpOnly/)
  assert.match(setCookie, /Secure/)
  assert.match(setCookie, /SameSite=Lax/)
  const cookie = setCookie.split(';')[0]

  await t.test('safe requests work with the cookie alone', async () => {
    assert.equal((await app.inject({ url: '/auth/me', headers: { cookie } })).statusCode, 200)
  })

  await t.test('unsafe requests need an allowed Origin or Referer', async () => {
    const attempt = (headers: Record<string, string>) =>
      app.inject({ method: 'POST', url: '/auth/verify-email/request', headers: { cookie, ...headers } })
    const bad: Record<string, string>[] = [
      {},
      { origin: 'https://evil.example' },
      { referer: 'https://evil.example/page' },
      { origin: 'null' },
    ]
    for (const headers of bad) {
      const refused = await attempt(headers)
      assert.equal(refused.statusCode, 403, JSON.stringify(headers))
      assert.equal(refused.json().code, 'csrf-origin-mismatch')
    }
    assert.equal((await attempt({ origin: 'https://shop.example.test' })).statusCode, 202)
    assert.equal((await attempt({ referer: 'https://admin.example.test/orders' })).statusCode, 202)
  })

  await t.test('sign-out clears the cookie', async () => {
    const out = await app.inject({
      method: 'POST',
      url: '/auth/sign-out',
      headers: { cookie, origin: 'https://shop.example.test' },
    })
    assert.equal(out.statusCode, 204)
    assert.match(String(out.headers['set-cookie']), /backroom_session=;/)
    assert.equal((await app.inject({ url: '/auth/me', headers: { cookie } })).statusCode, 401)
  })
})

test('password reset', async (t) => {
  const app = await testApp(t)
  await signUp(app, 'rita@example.test')
  const sessions = [
    (await signIn(app, 'rita@example.test')).json().token,
    (await signIn(app, 'rita@example.test')).json().token,
  ]

  await t.test('the request answers the same for unknown emails', async () => {
    const known = await app.inject({
      method: 'POST',
      url: '/auth/password-reset/request',
      payload: { email: 'rita@example.test' },
    })
    const unknown = await app.inject({
      method: 'POST',
      url: '/auth/password-reset/request',
      payload: { email: 'nobody@example.test' },
    })
    assert.equal(known.statusCode, 202)
    assert.equal(unknown.statusCode, 202)
    assert.deepEqual(known.json(), unknown.json())
  })

  await t.test('a new request voids the previous token', async () => {
    const first = await tokenFromMail(app, 'rita@example.test')
    await app.inject({ method: 'POST', url: '/auth/password-reset/request', payload: { email: 'rita@example.test' } })
    const res = await app.inject({
      method: 'POST',
      url: '/auth/password-reset',
      payload: { token: first, password: STRONG_2 },
    })
    assert.equal(res.statusCode, 422)
    assert.equal(res.json().code, 'invalid-token')
  })

  await t.test('a weak new password is refused and the token still works', async () => {
    const token = await tokenFromMail(app, 'rita@example.test')
    const res = await app.inject({
      method: 'POST',
      url: '/auth/password-reset',
      payload: { token, password: 'password1' },
    })
    assert.equal(res.statusCode, 422)
    assert.equal(res.json().code, 'weak-password')
  })

  await t.test('reset sets the password and revokes every session', async () => {
    const token = await tokenFromMail(app, 'rita@example.test')
    const res = await app.inject({
      method: 'POST',
      url: '/auth/password-reset',
      payload: { token, password: STRONG_2 },
    })
    assert.equal(res.statusCode, 204)
    for (const s of sessions) assert.equal((await app.inject({ url: '/auth/me', headers: bearer(s) })).statusCode, 401)
    assert.equal((await signIn(app, 'rita@example.test')).statusCode, 401)
    assert.equal((await signIn(app, 'rita@example.test', STRONG_2)).statusCode, 200)
  })

  await t.test('a replayed reset token is refused', async () => {
    const token = await tokenFromMail(app, 'rita@example.test')
    const res = await app.inject({ method: 'POST', url: '/auth/password-reset', payload: { token, password: STRONG } })
    assert.equal(res.statusCode, 422)
    assert.equal(res.json().code, 'invalid-token')
  })

  await t.test('two concurrent uses of one reset token: exactly one wins', async () => {
    await app.inject({ method: 'POST', url: '/auth/password-reset/request', payload: { email: 'rita@example.test' } })
    const token = await tokenFromMail(app, 'rita@example.test')
    const results = await Promise.all(
      [STRONG, STRONG_2].map((password) =>
        app.inject({ method: 'POST', url: '/auth/password-reset', payload: { token, password } }),
      ),
    )
    assert.deepEqual(results.map((r) => r.statusCode).sort(), [204, 422])
  })

  await t.test('an expired reset token is refused', async () => {
    t.mock.timers.enable({ apis: ['Date'], now: Date.now() })
    await app.inject({ method: 'POST', url: '/auth/password-reset/request', payload: { email: 'rita@example.test' } })
    const token = await tokenFromMail(app, 'rita@example.test')
    t.mock.timers.tick(31 * 60_000)
    const res = await app.inject({ method: 'POST', url: '/auth/password-reset', payload: { token, password: STRONG } })
    assert.equal(res.statusCode, 422)
    t.mock.timers.reset()
  })
})

test('password change keeps this session and ends the others', async (t) => {
  const app = await testApp(t)
  await signUp(app, 'paul@example.test')
  const [mine, other] = [
    (await signIn(app, 'paul@example.test')).json().token,
    (await signIn(app, 'paul@example.test')).json().token,
  ]
  const wrong = await app.inject({
    method: 'POST',
    url: '/auth/password',
    headers: bearer(mine),
    payload: { currentPassword: STRONG_2, newPassword: STRONG_2 },
  })
  assert.equal(wrong.statusCode, 422)
  assert.equal(wrong.json().code, 'wrong-password')
  const ok = await app.inject({
    method: 'POST',
    url: '/auth/password',
    headers: bearer(mine),
    payload: { currentPassword: STRONG, newPassword: STRONG_2 },
  })
  assert.equal(ok.statusCode, 204)
  assert.equal((await app.inject({ url: '/auth/me', headers: bearer(mine) })).statusCode, 200)
  assert.equal((await app.inject({ url: '/auth/me', headers: bearer(other) })).statusCode, 401)
})

test('sign-in speaks XML too, and the OpenAPI document describes the accounts endpoints', async (t) => {
  const app = await testApp(t)
  await signUp(app, 'xavier@example.test')
  const res = await app.inject({
    method: 'POST',
    url: '/auth/sign-in',
    headers: { 'content-type': 'application/xml', accept: 'application/xml' },
    payload: `<signIn><email>xavier@example.test</email><password>${STRONG}</password></signIn>`,
  })
  assert.equal(res.statusCode, 200)
  const token = /<token>([^<]+)<\/token>/.exec(res.body)?.[1]
  assert.ok(token)
  assert.match(
    (await app.inject({ url: '/auth/me', headers: { ...bearer(token), accept: 'application/xml' } })).body,
    /<user>.*<email>xavier@example\.test<\/email>/,
  )

  const spec = (await app.inject({ url: '/openapi.json' })).json()
  assert.ok(spec.paths['/auth/sign-in'].post.requestBody)
  assert.deepEqual(spec.paths['/auth/sign-in'].post.security, [])
  assert.ok(spec.paths['/admin/api-keys'].post.security.length > 0)
  assert.match(spec.paths['/admin/api-keys'].post.description, /api-keys:manage/)
})
