/**
 * Storefront product documents kept in memory on each node, by handle, so a product GET that hits
 * makes no query at all. Bounded by bytes (least recently used go first) and dropped as a whole on
 * every catalog write anywhere: the ChangeSignal's version moves, and a document read while a write
 * was in flight is never kept (the version is compared before and after the read).
 */
import { LRUCache } from 'lru-cache'
import type { ChangeSignal } from '../../platform/db/change-signal.ts'
import type { Db } from '../../platform/db/types.ts'

export interface StoredDocument {
  doc: string
  etag: string
}

export interface DocumentCache {
  /** The document by handle: from memory when the catalog has not changed since it was read. */
  get(
    handle: string,
    read: (handle: string) => Promise<StoredDocument | undefined>,
  ): Promise<StoredDocument | undefined>
  /** Inside every catalog write transaction. */
  changed(trx: Db): Promise<void>
  stats(): { hits: number; misses: number; entries: number; bytes: number }
}

export function createDocumentCache(options: { maxBytes: number; signal: ChangeSignal | undefined }): DocumentCache {
  const { signal } = options
  const cache =
    options.maxBytes > 0 && signal
      ? new LRUCache<string, StoredDocument>({
          maxSize: options.maxBytes,
          // About what the strings hold in memory (V8 stores Latin-1 text at a byte per character).
          sizeCalculation: (value, key) => Buffer.byteLength(value.doc) + value.etag.length + key.length + 100,
        })
      : undefined
  let cachedVersion: number | undefined
  let hits = 0
  let misses = 0

  return {
    async get(handle, read) {
      const version = cache ? signal?.version() : undefined
      if (!cache || version === undefined) return read(handle)
      if (version !== cachedVersion) {
        cache.clear()
        cachedVersion = version
      }
      const hit = cache.get(handle)
      if (hit) {
        hits++
        return hit
      }
      misses++
      const found = await read(handle)
      if (found && signal?.version() === version) cache.set(handle, found)
      return found
    },
    async changed(trx) {
      await signal?.changed(trx)
    },
    stats: () => ({ hits, misses, entries: cache?.size ?? 0, bytes: cache?.calculatedSize ?? 0 }),
  }
}
