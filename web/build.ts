/**
 * Builds the web front-ends with Vite: web/dashboard → dist/web/dashboard, web/shop → dist/web/shop.
 * Runs at `npm install` (the `prepare` script) so `npm start` serves them; `npm run web:build` by hand,
 * `-- --watch` to rebuild on change, `-- --app shop` for one app. Writes .br and .gz siblings of every
 * text file (the server sends them pre-compressed) and prints each app's initial JavaScript, gzipped.
 *
 * Without the build tools (an install with --omit=dev) it says so and exits 0: the API still runs.
 */
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { brotliCompressSync, gzipSync } from 'node:zlib'
import { initialJs } from './bundle-size.ts'

const here = fileURLToPath(new URL('.', import.meta.url))
const apps = ['dashboard', 'shop'] as const
const args = process.argv.slice(2)
const watch = args.includes('--watch')
const only = args.includes('--app') ? args[args.indexOf('--app') + 1] : undefined

let vite: typeof import('vite')
let react: typeof import('@vitejs/plugin-react').default
try {
  vite = await import('vite')
  react = (await import('@vitejs/plugin-react')).default
} catch {
  console.warn('web: Vite is not installed (npm install without dev dependencies?); the web apps are not built')
  process.exit(0)
}

function compress(dir: string): void {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name)
    if (entry.isDirectory()) {
      if (entry.name !== '.vite') compress(path)
    } else if (/\.(js|css|html|svg|json|txt)$/.test(entry.name) && statSync(path).size > 512) {
      const body = readFileSync(path)
      writeFileSync(`${path}.gz`, gzipSync(body, { level: 9 }))
      writeFileSync(`${path}.br`, brotliCompressSync(body))
    }
  }
}

for (const app of apps) {
  if (only && only !== app) continue
  const outDir = join(here, '..', 'dist', 'web', app)
  const started = Date.now()
  await vite.build({
    configFile: false,
    root: join(here, app),
    base: `/${app}/`,
    logLevel: 'warn',
    plugins: [react()],
    build: {
      outDir,
      emptyOutDir: true,
      manifest: true,
      sourcemap: false,
      reportCompressedSize: false,
      chunkSizeWarningLimit: 1024,
      ...(watch ? { watch: {} } : {}),
    },
  })
  if (watch) continue
  compress(outDir)
  const size = initialJs(outDir)
  console.log(
    `web: built /${app}/ in ${((Date.now() - started) / 1000).toFixed(1)} s; initial JS ${(size.gzip / 1024).toFixed(1)} kB gzip (${size.files.length} files)`,
  )
}
