/** The catalog as CSV, in the import format (so an export re-imports unchanged). */
import { setImmediate } from 'node:timers/promises'
import { stringify } from 'csv-stringify/sync'
import type { HeavyReads } from '../../platform/db/read-worker.ts'
import type { Db } from '../../platform/db/types.ts'
import { adminView } from './documents.ts'
import { CSV_COLUMNS } from './import.ts'
import * as store from './store.ts'

const BATCH = 500

export function createExporter(deps: { db: Db; reads?: Pick<HeavyReads, 'hold'> }) {
  const { db, reads } = deps
  return { exportCsv, stream }

  async function exportCsv(): Promise<string> {
    const parts: string[] = []
    for await (const part of chunks()) parts.push(part)
    return parts.join('')
  }

  /** The CSV a batch of products at a time, holding a heavy-read slot (server-busy when none is free). */
  function stream(): AsyncIterableIterator<string> {
    return reads ? reads.hold(chunks()) : chunks()
  }

  async function* chunks(): AsyncGenerator<string> {
    const currencies = (
      await db.selectFrom('variant_price').select('currency').distinct().orderBy('currency').execute()
    ).map((r) => r.currency)
    const handles = new Map((await store.listCategories(db)).map((c) => [c.id, c.handle]))
    const header = [...CSV_COLUMNS, ...currencies.flatMap((c) => [`price_${c}`, `compare_at_${c}`])]
    yield stringify([header])
    let after: string | undefined
    for (;;) {
      const ids = await store.listAllProductIds(db, after, BATCH)
      if (ids.length === 0) break
      after = ids[ids.length - 1]
      const variants = await store.listVariants(db, ids)
      const prices = await store.listPrices(
        db,
        variants.map((v) => v.id),
      )
      const variantsOf = Map.groupBy(variants, (v) => v.product_id)
      const pricesOf = Map.groupBy(prices, (p) => p.variant_id)
      const rows: string[][] = []
      for (const id of ids) {
        const row = await store.findProduct(db, id)
        if (!row) continue
        const mine = variantsOf.get(id) ?? []
        const view = adminView(
          row,
          mine,
          mine.flatMap((v) => pricesOf.get(v.id) ?? []),
        )
        view.variants.forEach((v, i) => {
          const first = i === 0
          const price = new Map(v.prices.map((p) => [p.currency, p]))
          rows.push([
            view.handle,
            first ? view.title : '',
            first ? view.description : '',
            first ? view.status : '',
            first ? view.tags.join(';') : '',
            first ? view.categoryIds.map((c) => handles.get(c) ?? c).join(';') : '',
            first ? view.images.map((im) => (im.alt ? `${im.url}|${im.alt}` : im.url)).join(';') : '',
            first && Object.keys(view.attributes).length > 0 ? JSON.stringify(view.attributes) : '',
            v.sku,
            Object.entries(v.options)
              .map(([k, val]) => `${k}=${val}`)
              .join(';'),
            String(v.stock),
            String(v.weightGrams),
            ...currencies.flatMap((c) => {
              const p = price.get(c)
              return [p ? String(p.amount) : '', p?.compareAt != null ? String(p.compareAt) : '']
            }),
          ])
        })
      }
      yield stringify(rows)
      // On SQLite every query above resolves at once (node:sqlite is synchronous): without a yield the
      // whole export ran as one task and held the event loop (bench/import-job.ts: /healthz waited ~60 s).
      await setImmediate()
    }
  }
}
export type CatalogExporter = ReturnType<typeof createExporter>
