/** Each web app's initial JavaScript (entry chunk and its static imports, lazy routes excluded) stays under 250 kB gzip. */
import assert from 'node:assert/strict'
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { test } from 'node:test'
import { initialJs } from '../../web/bundle-size.ts'
import { webRoot } from './harness.ts'

const BUDGET = 250 * 1024

for (const app of ['dashboard', 'shop']) {
  const dir = join(webRoot, app)
  test(`/${app}/ loads at most 250 kB of JavaScript (gzip) before its first page`, {
    skip: existsSync(join(dir, '.vite', 'manifest.json')) ? false : 'not built (npm run web:build)',
  }, () => {
    const size = initialJs(dir)
    assert.ok(size.files.length > 0)
    assert.ok(size.gzip < BUDGET, `${(size.gzip / 1024).toFixed(1)} kB gzip in ${size.files.join(', ')}`)
  })
}
