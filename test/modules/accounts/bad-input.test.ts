/** Bad input on every accounts endpoint: a clear 4xx problem document, and nothing written. */
import assert from 'node:assert/strict'
import { test } from 'node:test'
import { headersFor, testApp } from '../../helpers.ts'
import { STRONG, tableCounts } from './accounts-helpers.ts'

type Who = 'anonymous' | 'customer' | 'admin'
interface Case {
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE'
  route: string
  who: Who
  url?: string
  payloads?: unknown[]
}

const token = 'a'.repeat(43)
const CASES: Case[] = [
  {
    method: 'POST',
    route: '/auth/sign-up',
    who: 'anonymous',
    payloads: [
      {},
      { email: 'not-an-email', password: STRONG },
      { email: 'x@example.test' },
      { email: 'x@example.test', password: STRONG, role: 'admin' },
      { email: 1, password: STRONG },
      [],
    ],
  },
  {
    method: 'POST',
    route: '/auth/sign-in',
    who: 'anonymous',
    payloads: [
      {},
      { email: 'x@example.test', password: '' },
      { email: 'x@example.test', password: STRONG, session: 'jwt' },
      'text',
    ],
  },
  {
    method: 'POST',
    route: '/auth/sign-in/mfa',
    who: 'anonymous',
    payloads: [
      {},
      { mfaToken: token, totpCode: '12345' },
      { mfaToken: 'short', totpCode: '123456' },
      { mfaToken: token, totpCode: 123456 },
    ],
  },
  { method: 'DELETE', route: '/auth/sessions/:sessionId', url: '/auth/sessions/NOT%20AN%20ID', who: 'customer' },
  {
    method: 'POST',
    route: '/auth/verify-email',
    who: 'anonymous',
    payloads: [{}, { token: 'short' }, { token, extra: 1 }],
  },
  {
    method: 'POST',
    route: '/auth/password-reset/request',
    who: 'anonymous',
    payloads: [{}, { email: 'nope' }, { email: ['a@b.c'] }],
  },
  {
    method: 'POST',
    route: '/auth/password-reset',
    who: 'anonymous',
    payloads: [{}, { token }, { token, password: 'x'.repeat(2000) }],
  },
  {
    method: 'POST',
    route: '/auth/password',
    who: 'customer',
    payloads: [{}, { currentPassword: STRONG }, { currentPassword: STRONG, newPassword: null }],
  },
  {
    method: 'POST',
    route: '/auth/mfa/totp/confirm',
    who: 'customer',
    payloads: [{}, { totpCode: 'abcdef' }, { totpCode: '1234567' }],
  },
  { method: 'POST', route: '/auth/mfa/totp/disable', who: 'customer', payloads: [{}, { password: 5 }] },
  { method: 'POST', route: '/auth/mfa/recovery-codes', who: 'customer', payloads: [{}, { password: '' }] },
  { method: 'GET', route: '/admin/users', url: '/admin/users?limit=0', who: 'admin' },
  { method: 'GET', route: '/admin/users', url: '/admin/users?role=root', who: 'admin' },
  { method: 'GET', route: '/admin/users/:userId', url: '/admin/users/..%2Fetc', who: 'admin' },
  {
    method: 'PATCH',
    route: '/admin/users/:userId',
    url: '/admin/users/usr_x',
    who: 'admin',
    payloads: [{}, { role: 'root' }, { disabled: 'yes' }, { role: 'staff', email: 'x@y.z' }],
  },
  {
    method: 'POST',
    route: '/admin/api-keys',
    who: 'admin',
    payloads: [
      {},
      { name: 'k', permissions: [] },
      { name: 'k', permissions: ['everything'] },
      { name: '', permissions: ['audit:read'] },
      { name: 'k', permissions: ['audit:read', 'audit:read'] },
    ],
  },
  { method: 'DELETE', route: '/admin/api-keys/:apiKeyId', url: '/admin/api-keys/%20', who: 'admin' },
  { method: 'GET', route: '/admin/audit-events', url: '/admin/audit-events?userId=DROP%20TABLE', who: 'admin' },
  { method: 'GET', route: '/admin/audit-events', url: '/admin/audit-events?limit=1000', who: 'admin' },
  { method: 'GET', route: '/admin/mail', url: '/admin/mail?to=not-an-email', who: 'admin' },
]

/** Routes that take no input at all (nothing to get wrong beyond the auth the matrix covers). */
const NO_INPUT = [
  'POST /auth/sign-out',
  'POST /auth/sign-out-everywhere',
  'GET /auth/me',
  'GET /auth/sessions',
  'POST /auth/verify-email/request',
  'POST /auth/mfa/totp',
  'GET /admin/api-keys',
]

test('bad input on every accounts endpoint: 4xx problem, nothing written', async (t) => {
  const app = await testApp(t)
  const headers: Record<Who, Record<string, string>> = {
    anonymous: {},
    customer: await headersFor(app, { email: 'cass@example.test' }),
    admin: await headersFor(app, { email: 'ada@example.test', role: 'admin' }),
  }

  await t.test('every accounts route has a bad-input case or takes no input', () => {
    const ours = app.backroom.routes.filter((r) => /^\/(auth|admin\/(users|api-keys|audit-events|mail))/.test(r.url))
    for (const r of ours) {
      const key = `${r.method} ${r.url}`
      assert.ok(
        NO_INPUT.includes(key) || CASES.some((c) => `${c.method} ${c.route}` === key),
        `${key} has no bad-input case`,
      )
    }
  })

  const before = await tableCounts(app)
  for (const c of CASES) {
    for (const payload of c.payloads ?? [undefined]) {
      await t.test(
        `${c.method} ${c.url ?? c.route} ${payload === undefined ? '' : JSON.stringify(payload)}`,
        async () => {
          const res = await app.inject({
            method: c.method,
            url: c.url ?? c.route,
            headers: headers[c.who],
            ...(payload === undefined ? {} : { payload: payload as object }),
          })
          assert.ok(res.statusCode === 400 || res.statusCode === 415, res.body)
          assert.match(String(res.headers['content-type']), /^application\/problem\+json/)
          const body = res.json()
          assert.ok(['validation-failed', 'malformed-body', 'unsupported-media-type'].includes(body.code), body.code)
          if (body.code === 'validation-failed') assert.ok(body.errors.length > 0)
        },
      )
    }
  }
  await t.test('nothing was written', async () => assert.deepEqual(await tableCounts(app), before))
})

test('a malformed XML or JSON body is a problem too', async (t) => {
  const app = await testApp(t)
  for (const [type, payload] of [
    ['application/json', '{"email": '],
    ['application/xml', '<signIn><email>x@example.test</email>'],
    ['application/xml', '<!DOCTYPE x [<!ENTITY e "boom">]><signIn><email>&e;</email></signIn>'],
    ['text/plain', 'email=x'],
  ]) {
    const res = await app.inject({ method: 'POST', url: '/auth/sign-in', headers: { 'content-type': type }, payload })
    assert.ok(res.statusCode === 400 || res.statusCode === 415, `${type}: ${res.statusCode}`)
    assert.match(String(res.headers['content-type']), /^application\/problem\+json/)
  }
})
