/**
 * The authorization matrix: every route of the built app × every kind of caller → the status its
 * declared rule implies. Routes of every module join automatically; a route without a rule fails.
 * Allowed callers get a malformed body on unsafe methods, so no handler runs and nothing is written.
 */
import assert from 'node:assert/strict'
import { test } from 'node:test'
import type { RouteInfo } from '../../../src/app.ts'
import type { AuthRule } from '../../../src/platform/http/types.ts'
import { webAppPrefixes } from '../../../src/platform/http/web-apps.ts'
import {
  PERMISSIONS,
  type Permission,
  ROLE_PERMISSIONS,
  type Role,
} from '../../../src/platform/security/permissions.ts'
import { limits } from '../../../src/platform/security/rate-limits.ts'
import { apiKeyHeaders, headersFor, testApp } from '../../helpers.ts'

type Caller =
  | { name: string; kind: 'anonymous' }
  | { name: string; kind: 'user'; role: Role; email: string }
  | { name: string; kind: 'key'; scoped: boolean }

const CALLERS: Caller[] = [
  { name: 'anonymous', kind: 'anonymous' },
  { name: 'customer', kind: 'user', role: 'customer', email: 'matrix-alice@example.test' },
  { name: 'another customer', kind: 'user', role: 'customer', email: 'matrix-bob@example.test' },
  { name: 'staff', kind: 'user', role: 'staff', email: 'matrix-staff@example.test' },
  { name: 'admin', kind: 'user', role: 'admin', email: 'matrix-admin@example.test' },
  { name: 'API key with the scope', kind: 'key', scoped: true },
  { name: 'API key without the scope', kind: 'key', scoped: false },
]

type Expected = 'allowed' | 401 | 403

/** What `caller` must get on a route declaring `rule`. Pure. */
export function expectedFor(rule: AuthRule, caller: Caller): Expected {
  if (rule === 'public') return 'allowed'
  if (caller.kind === 'anonymous') return 401
  if (rule === 'customer') return caller.kind === 'user' ? 'allowed' : 403
  if (caller.kind === 'user') return ROLE_PERMISSIONS[caller.role].includes(rule.permission) ? 'allowed' : 403
  return caller.scoped ? 'allowed' : 403
}

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE'])

function concreteUrl(url: string): string {
  return url.replace(/:[A-Za-z0-9_]+/g, 'zz_0000000000')
}

test('authorization matrix: every route × every kind of caller', async (t) => {
  const app = await testApp(t)
  await app.ready()

  const routes = app.backroom.routes.filter(
    (r) =>
      !r.url.includes('*') &&
      !['/docs', ...webAppPrefixes].some((prefix) => r.url.startsWith(prefix)) &&
      r.method !== 'OPTIONS',
  )
  assert.ok(routes.length > 10, 'routes were captured')

  const keyCache = new Map<string, Promise<Record<string, string>>>()
  const keyHeaders = (permissions: Permission[]) => {
    const id = permissions.join(',')
    if (!keyCache.has(id)) keyCache.set(id, apiKeyHeaders(app, permissions))
    return keyCache.get(id)!
  }
  async function headersOf(caller: Caller, rule: AuthRule): Promise<Record<string, string>> {
    if (caller.kind === 'anonymous') return {}
    if (caller.kind === 'user') return headersFor(app, { email: caller.email, role: caller.role })
    if (typeof rule === 'object') {
      return keyHeaders(caller.scoped ? [rule.permission] : PERMISSIONS.filter((p) => p !== rule.permission))
    }
    return keyHeaders([...PERMISSIONS]) // no key acts as a customer, whatever it holds
  }

  let cells = 0
  const protectedRoutes: RouteInfo[] = []
  for (const route of routes) {
    await t.test(`${route.method} ${route.url}`, async () => {
      assert.ok(route.auth !== undefined, `${route.method} ${route.url} declares no auth rule`)
      const rule = route.auth
      if (rule !== 'public') protectedRoutes.push(route)
      for (const caller of rule === 'public' ? CALLERS.slice(0, 1) : CALLERS) {
        const unsafe = UNSAFE.has(route.method)
        const res = await app.inject({
          method: route.method as 'GET',
          url: concreteUrl(route.url),
          headers: { ...(await headersOf(caller, rule)), ...(unsafe ? { 'content-type': 'application/json' } : {}) },
          ...(unsafe ? { payload: '{' } : {}),
        })
        const expected = expectedFor(rule, caller)
        const where = `${route.method} ${route.url} as ${caller.name}`
        if (expected === 'allowed') {
          assert.ok(res.statusCode !== 401 && res.statusCode !== 403, `${where}: got ${res.statusCode} ${res.body}`)
          if (unsafe) assert.equal(res.statusCode, 400, `${where}: the malformed body must stop it before the handler`)
        } else {
          assert.equal(res.statusCode, expected, `${where}: ${res.body}`)
          assert.match(String(res.headers['content-type']), /^application\/problem\+json/)
        }
        if (rule !== 'public') cells++
      }
    })
  }
  t.diagnostic(`matrix: ${protectedRoutes.length} protected routes × ${CALLERS.length} callers = ${cells} cells`)
  assert.equal(cells, protectedRoutes.length * CALLERS.length)
})

test('a route without a declared auth rule is refused at start-up', async (t) => {
  const app = await testApp(t)
  assert.throws(
    () => app.get('/no-rule', { config: { rateLimit: limits.read } }, async () => 'x'),
    /declares no auth rule/,
  )
})

test('public routes ignore bad credentials; protected ones answer 401', async (t) => {
  const app = await testApp(t)
  for (const headers of [
    { authorization: 'Bearer not-a-real-token-aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa' },
    { 'x-api-key': 'bk_not-a-real-key' },
    { cookie: 'backroom_session=nope' },
    { authorization: 'Basic Zm9vOmJhcg==' },
  ]) {
    assert.equal((await app.inject({ url: '/problems', headers })).statusCode, 200, JSON.stringify(headers))
    const res = await app.inject({ url: '/auth/me', headers })
    assert.equal(res.statusCode, 401, JSON.stringify(headers))
    assert.equal(res.json().code, 'invalid-credentials')
    assert.equal(res.headers['www-authenticate'], 'Bearer error="invalid_token"')
  }
})
