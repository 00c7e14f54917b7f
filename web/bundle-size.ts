/**
 * The JavaScript a browser must load before an app's first page renders: the entry chunk and every chunk
 * it imports statically (lazy routes excluded), from Vite's build manifest, with its gzipped size.
 */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { gzipSync } from 'node:zlib'

interface ManifestChunk {
  file: string
  isEntry?: boolean
  imports?: string[]
}

export function initialJs(outDir: string): { files: string[]; bytes: number; gzip: number } {
  const manifest = JSON.parse(readFileSync(join(outDir, '.vite', 'manifest.json'), 'utf8')) as Record<
    string,
    ManifestChunk
  >
  const seen = new Set<string>()
  const visit = (key: string) => {
    if (seen.has(key)) return
    seen.add(key)
    for (const next of manifest[key]?.imports ?? []) visit(next)
  }
  for (const [key, chunk] of Object.entries(manifest)) if (chunk.isEntry) visit(key)
  const files = [...seen].map((key) => manifest[key].file).filter((file) => file.endsWith('.js'))
  let bytes = 0
  let gzip = 0
  for (const file of files) {
    const body = readFileSync(join(outDir, file))
    bytes += body.length
    gzip += gzipSync(body, { level: 9 }).length
  }
  return { files, bytes, gzip }
}
