import assert from 'node:assert/strict'
import { readdirSync, readFileSync } from 'node:fs'
import { dirname, join, relative, resolve, sep } from 'node:path'
import { test } from 'node:test'
import { fileURLToPath } from 'node:url'
import ts from 'typescript'

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..')
const platform = join(root, 'src', 'platform')

/**
 * What a file loads: import and export-from specifiers (type-only and dynamic ones too, read by the
 * TypeScript scanner, so a specifier in a comment does not count) and `new URL('…', import.meta.url)`
 * (a worker's script).
 */
function specifiersOf(source: string): string[] {
  const imported = ts.preProcessFile(source, true, true).importedFiles.map((f) => f.fileName)
  const urls = [...source.matchAll(/new URL\(\s*['"]([^'"]+)['"]\s*,\s*import\.meta\.url/g)].map((m) => m[1])
  return [...imported, ...urls]
}

/** `platform`'s files that load something outside it, as `file -> specifier` lines. */
function offenders(files: readonly { path: string; source: string }[]): string[] {
  const out: string[] = []
  for (const { path, source } of files) {
    for (const specifier of specifiersOf(source)) {
      // Packages (`fastify`, `node:fs`) are below the floor; our own code is reached by a path.
      const local = specifier.startsWith('.') || specifier.startsWith('/') || specifier.startsWith('file:')
      if (!local) continue
      const target = specifier.startsWith('file:')
        ? fileURLToPath(specifier)
        : resolve(dirname(join(root, path)), specifier)
      if (!(target + sep).startsWith(platform + sep) && target !== platform) out.push(`${path} -> ${specifier}`)
    }
  }
  return out
}

function platformFiles(): { path: string; source: string }[] {
  return readdirSync(platform, { recursive: true, encoding: 'utf8' })
    .filter((name) => name.endsWith('.ts'))
    .map((name) => {
      const path = relative(root, join(platform, name))
      return { path, source: readFileSync(join(root, path), 'utf8') }
    })
}

// Issue 11 item 8: the platform is the floor every module stands on. It imports no module, nor the
// wiring above them (src/app.ts, src/database.ts, …): what it needs from them is handed in by app.ts.
test('src/platform imports nothing outside src/platform', () => {
  const files = platformFiles()
  assert.ok(files.length > 20, `found ${files.length} files under src/platform`)
  assert.deepEqual(offenders(files), [])
})

test('the layering check sees every way of loading a file', () => {
  const file = (source: string) => [{ path: 'src/platform/http/example.ts', source }]
  const cases = [
    "import { cartRoutes } from '../../modules/carts/routes.ts'",
    "import type { OrderView } from '../../modules/orders/schemas.ts'",
    "export { buildApp } from '../../app.ts'",
    "export * from '../../database.ts'",
    "import '../../modules/mail/service.ts'",
    "const app = await import('../../app.ts')",
    "new Worker(new URL('../../modules/insights/worker.ts', import.meta.url))",
  ]
  for (const source of cases) assert.equal(offenders(file(source)).length, 1, source)
  const allowed = [
    "import { AppError } from '../errors.ts'",
    "import { newId } from './../db/ids.ts'",
    "import Fastify from 'fastify'",
    "// an example: import { x } from '../../modules/carts/routes.ts'",
  ]
  for (const source of allowed) assert.deepEqual(offenders(file(source)), [], source)
})
