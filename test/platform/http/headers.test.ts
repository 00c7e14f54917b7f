/**
 * What every response carries, whatever answered it (a handler, the error handler, the 404 and 405
 * handlers, a plugin's files, a refusal before the route's own hooks ran): the request id and helmet's
 * security headers.
 */
import assert from 'node:assert/strict'
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { test } from 'node:test'
import type { InjectOptions } from 'fastify'
import { limits } from '../../../src/platform/security/rate-limits.ts'
import { testApp } from '../../helpers.ts'

/** helmet's defaults with contentSecurityPolicy off (the web apps send their own CSP). */
const SECURITY_HEADERS = {
  'cross-origin-opener-policy': 'same-origin',
  'cross-origin-resource-policy': 'same-origin',
  'origin-agent-cluster': '?1',
  'referrer-policy': 'no-referrer',
  'strict-transport-security': 'max-age=31536000; includeSubDomains',
  'x-content-type-options': 'nosniff',
  'x-dns-prefetch-control': 'off',
  'x-download-options': 'noopen',
  'x-frame-options': 'SAMEORIGIN',
  'x-permitted-cross-domain-policies': 'none',
  'x-xss-protection': '0',
}

test('every response carries the request id and the security headers', async (t) => {
  const root = mkdtempSync(join(tmpdir(), 'backroom-webroot-'))
  t.after(() => rmSync(root, { recursive: true, force: true }))
  mkdirSync(join(root, 'shop'))
  writeFileSync(join(root, 'shop', 'index.html'), '<!doctype html><title>shop</title>')
  const app = await testApp(t, {}, { webRoot: root })
  app.get('/test/boom', { config: { auth: 'public', rateLimit: limits.read } }, async () => {
    throw new Error('boom')
  })

  const cases: [string, InjectOptions, number][] = [
    ['a JSON answer', { url: '/healthz' }, 200],
    ['an XML answer', { url: '/healthz', headers: { accept: 'application/xml' } }, 200],
    ['HEAD', { method: 'HEAD', url: '/healthz' }, 200],
    ['an unknown path', { url: '/no/such/thing' }, 404],
    ['a known path with the wrong method', { method: 'DELETE', url: '/healthz' }, 405],
    ['a refused query', { url: '/store/products?limit=nope' }, 400],
    ['a NUL in the query string', { url: '/store/search?q=a%00b' }, 400],
    ['nothing the route produces is acceptable', { url: '/healthz', headers: { accept: 'image/png' } }, 406],
    ['an unexpected error', { url: '/test/boom' }, 500],
    ['a route that needs a sign-in', { url: '/auth/me' }, 401],
    ['a body of the wrong media type', { method: 'POST', url: '/carts', payload: 'x', headers: { 'content-type': 'text/plain' } }, 415], // biome-ignore format: a table
    ['the API docs (a redirect)', { url: '/docs/static/index.html' }, 302],
    ['a file of the API docs', { url: '/docs/static/swagger-ui.css' }, 200],
    ['a web app page', { url: '/shop/' }, 200],
  ]
  for (const [name, request, status] of cases) {
    const res = await app.inject(request)
    assert.equal(res.statusCode, status, `${name}: ${res.body}`)
    assert.match(String(res.headers['x-request-id']), /^[0-9a-f-]{36}$/, name)
    for (const [header, value] of Object.entries(SECURITY_HEADERS)) {
      assert.equal(res.headers[header], value, `${name}: ${header}`)
    }
    assert.equal(res.headers['x-powered-by'], undefined, name)
  }
})
