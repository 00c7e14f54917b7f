/** Serving the built web apps: deep links, caching, pre-compressed files, CSP, and nothing in the API contract. */
import assert from 'node:assert/strict'
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { test } from 'node:test'
import { gzipSync } from 'node:zlib'
import { testApp } from '../../helpers.ts'

function fixture(): string {
  const root = mkdtempSync(join(tmpdir(), 'backroom-webroot-'))
  const dir = join(root, 'dashboard')
  mkdirSync(join(dir, 'assets'), { recursive: true })
  writeFileSync(join(dir, 'index.html'), '<!doctype html><title>dash</title><div id="root"></div>')
  const js = `console.log(${JSON.stringify('x'.repeat(2000))})`
  writeFileSync(join(dir, 'assets', 'index-abc123.js'), js)
  writeFileSync(join(dir, 'assets', 'index-abc123.js.gz'), gzipSync(js))
  return root
}

test('the built web apps are served', async (t) => {
  const root = fixture()
  t.after(() => rmSync(root, { recursive: true, force: true }))
  const app = await testApp(t, {}, { webRoot: root })

  await t.test('the app page, on its prefix and any deep link, is never cached stale', async () => {
    for (const url of ['/dashboard', '/dashboard/', '/dashboard/orders/ord_123?tab=history']) {
      const res = await app.inject({ method: 'GET', url })
      assert.equal(res.statusCode, 200, url)
      assert.match(res.headers['content-type'] as string, /^text\/html/)
      assert.match(res.body, /<div id="root">/)
      assert.equal(res.headers['cache-control'], 'no-cache')
      assert.match(res.headers['content-security-policy'] as string, /default-src 'self'.*frame-ancestors 'none'/)
    }
  })

  await t.test('hashed assets are immutable and sent pre-compressed when accepted', async () => {
    const res = await app.inject({
      method: 'GET',
      url: '/dashboard/assets/index-abc123.js',
      headers: { 'accept-encoding': 'gzip' },
    })
    assert.equal(res.statusCode, 200)
    assert.equal(res.headers['content-encoding'], 'gzip')
    assert.equal(res.headers['cache-control'], 'public, max-age=31536000, immutable')
  })

  await t.test('a missing asset is a 404 problem, not the page', async () => {
    for (const url of ['/dashboard/assets/gone-000.js', '/dashboard/favicon.ico']) {
      const res = await app.inject({ method: 'GET', url })
      assert.equal(res.statusCode, 404, url)
      assert.equal(res.json().code, 'route-not-found')
    }
  })

  await t.test('an app that was not built is absent', async () => {
    const res = await app.inject({ method: 'GET', url: '/shop/' })
    assert.equal(res.statusCode, 404)
  })

  await t.test('the apps are not part of the API contract', async () => {
    const doc = (await app.inject({ method: 'GET', url: '/openapi.json' })).json()
    assert.deepEqual(
      Object.keys(doc.paths).filter((path) => path.startsWith('/dashboard') || path.startsWith('/shop')),
      [],
    )
  })
})
