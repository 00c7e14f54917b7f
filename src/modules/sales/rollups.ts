/**
 * The sales rollups' catch-up (docs/INSIGHTS.md, "Rollups"). Every order change the orders module
 * announces (checkout, payment, capture, refund, cancel: its listeners run in the changing
 * transaction) leaves a pending row; this job re-reads those orders as they are now, compares each
 * with what it added to the rollups so far (`sales_order_rollup`), applies the difference and deletes
 * the pending rows, all in one transaction under a lock one node holds at a time. Re-reading a changed
 * order again changes nothing, so a repeated or interrupted run cannot count twice.
 */
import { newId } from '../../platform/db/ids.ts'
import { withJobLock } from '../../platform/db/job-lock.ts'
import type { Db } from '../../platform/db/types.ts'
import { DAY_MS } from '../../platform/reports.ts'
import type { OrderListener } from '../orders/service.ts'
import * as rollups from './rollup-store.ts'

export const CATCH_UP_BATCH = 1000

/** An orders listener (wired in app.ts): the changed order waits for the catch-up. */
export function salesRollupListener(): OrderListener {
  // One pending row per order and transaction is enough (the catch-up re-reads the order as it is):
  // a checkout announces `order.placed` and `order.paid` in one transaction.
  const marked = new WeakMap<Db, Set<string>>()
  return async (trx, _event, order) => {
    if (trx.isTransaction) {
      const orders = marked.get(trx) ?? new Set<string>()
      if (orders.has(order.id)) return
      marked.set(trx, orders.add(order.id))
    }
    await rollups.markPending(trx, { id: newId('srp'), order_id: order.id })
  }
}

export interface CatchUpOptions {
  batch?: number
  /** Test hook: runs inside the transaction after the rollups were written, before it commits. */
  beforeCommit?: () => void | Promise<void>
}

/** Folds every pending order change into the rollups; stops early when another node holds the lock. */
export async function catchUpSales(db: Db, options: CatchUpOptions = {}): Promise<number> {
  const batch = options.batch ?? CATCH_UP_BATCH
  let total = 0
  // Nothing queued: no lock, no write (the common case for a report).
  if (!(await rollups.hasPending(db))) return 0
  for (;;) {
    const result = await withJobLock(db, 'sales-rollups', async (trx) => {
      const pending = await rollups.claimPending(trx, batch)
      if (pending.length > 0) await fold(trx, [...new Set(pending.map((p) => p.order_id))])
      await options.beforeCommit?.()
      if (pending.length > 0) {
        await rollups.clearPending(
          trx,
          pending.map((p) => p.id),
        )
      }
      return pending.length
    })
    if (!result.ran) return total
    total += result.value
    if (result.value < batch) return total
  }
}

type Contribution = rollups.SalesRollupTables['sales_order_rollup']
type SalesDay = rollups.SalesRollupTables['sales_day']
type ProductTotal = rollups.ProductTotal

const SOLD: ReadonlySet<string> = new Set(rollups.SOLD)

/** What an order adds to the rollups in its current state. */
export function contributionOf(order: {
  id: string
  status: string
  currency: string
  total: number
  amount_refunded: number
  created_at: number
}): Contribution {
  const sold = SOLD.has(order.status)
  return {
    order_id: order.id,
    day: Math.floor(Number(order.created_at) / DAY_MS),
    currency: order.currency,
    sold: sold ? 1 : 0,
    revenue: sold ? Number(order.total) : 0,
    refunded: sold ? Number(order.amount_refunded) : 0,
  }
}

async function fold(trx: Db, orderIds: string[]): Promise<void> {
  const orders = await rollups.listOrders(trx, orderIds)
  const before = new Map((await rollups.listContributions(trx, orderIds)).map((c) => [c.order_id, c]))
  const days = new Map<string, SalesDay>()
  const addDay = (c: Contribution, sign: 1 | -1) => {
    if (Number(c.sold) !== 1) return
    const key = `${c.day}|${c.currency}`
    const row = days.get(key) ?? { day: Number(c.day), currency: c.currency, orders: 0, revenue: 0, refunded: 0 }
    row.orders += sign
    row.revenue += sign * Number(c.revenue)
    row.refunded += sign * Number(c.refunded)
    days.set(key, row)
  }
  const after: Contribution[] = []
  const moved: { order: string; from?: Contribution; to?: Contribution }[] = []
  for (const order of orders) {
    const next = contributionOf(order)
    const previous = before.get(order.id)
    if (previous) addDay(previous, -1)
    addDay(next, 1)
    after.push(next)
    // Order lines never change; they move only when the order starts or stops counting (or is re-dated).
    const was = previous && Number(previous.sold) === 1 ? previous : undefined
    const is = next.sold === 1 ? next : undefined
    if (was && is && Number(was.day) === is.day && was.currency === is.currency) continue
    if (was || is) moved.push({ order: order.id, from: was, to: is })
  }
  const products = new Map<string, ProductTotal>() // changes per day, product and title
  if (moved.length > 0) {
    const lines = await rollups.listLines(
      trx,
      moved.map((m) => m.order),
    )
    const byOrder = Map.groupBy(lines, (l) => l.order_id)
    for (const m of moved) {
      for (const [c, sign] of [
        [m.from, -1],
        [m.to, 1],
      ] as const) {
        if (!c) continue
        for (const line of byOrder.get(m.order) ?? []) {
          const key = `${c.day}|${c.currency}|${line.sku}|${line.title}`
          const row = products.get(key) ?? {
            day: Number(c.day),
            currency: c.currency,
            sku: line.sku,
            title: line.title,
            lines: 0,
            units: 0,
            revenue: 0,
          }
          row.lines += sign
          row.units += sign * Number(line.quantity)
          row.revenue += sign * Number(line.total)
          products.set(key, row)
        }
      }
    }
  }
  await rollups.putContributions(
    trx,
    after.sort((a, b) => (a.order_id < b.order_id ? -1 : 1)),
  )
  await rollups.addSalesDays(
    trx,
    [...days.values()].filter((d) => d.orders !== 0 || d.revenue !== 0 || d.refunded !== 0),
  )
  const changes = [...products.values()].filter((p) => p.lines !== 0 || p.units !== 0 || p.revenue !== 0)
  if (changes.length > 0) await foldProducts(trx, changes)
}

/**
 * Adds per-day changes to the running totals. A product's rows stay dense over its span (first to last
 * day with a sale): each changed product's rows are rewritten from its earliest changed day (or the day
 * after its span, when it sells again after a pause) to the end of its span (usually one row: today's).
 * A product left with no sale at all (its every sale cancelled) is forgotten: its totals are all 0.
 */
async function foldProducts(trx: Db, changes: ProductTotal[]): Promise<void> {
  const key = (p: { currency: string; sku: string; title: string }) => `${p.currency}|${p.sku}|${p.title}`
  const byProduct = Map.groupBy(changes, key)
  const skus = [...new Set(changes.map((c) => c.sku))]
  const spans = new Map((await rollups.listProductSpans(trx, skus)).map((s) => [key(s), s]))
  const plans: { product: string; deltas: ProductTotal[]; span?: rollups.ProductSpan; start: number; end: number }[] =
    []
  for (const [product, deltas] of byProduct) {
    deltas.sort((a, b) => a.day - b.day)
    const span = spans.get(product)
    const last = span ? Number(span.last_day) : undefined
    const start = last === undefined ? deltas[0].day : Math.min(deltas[0].day, last + 1)
    plans.push({ product, deltas, span, start, end: Math.max(last ?? start, deltas[deltas.length - 1].day) })
  }
  // Only a change inside a product's span needs that span's rows (from the change on); one after it
  // (the common case: today's sales) builds on the span's final totals.
  const inside = plans.filter((p) => p.span && p.deltas[0].day <= Number(p.span.last_day))
  const current = new Map<string, ProductTotal>()
  if (inside.length > 0) {
    const readFrom = Math.min(...inside.map((p) => p.deltas[0].day))
    for (const row of await rollups.listProductTotals(
      trx,
      [...new Set(inside.map((p) => p.deltas[0].sku))],
      readFrom,
    )) {
      current.set(`${key(row)}|${Number(row.day)}`, row)
    }
  }
  const rows: ProductTotal[] = []
  const totals: rollups.ProductSpan[] = []
  const gone: ProductTotal[] = []
  for (const { product, deltas, span, start, end } of plans) {
    const { currency, sku, title } = deltas[0]
    const change = { lines: 0, units: 0, revenue: 0 }
    let next = 0
    for (let day = start; day <= end; day++) {
      for (; next < deltas.length && deltas[next].day === day; next++) {
        change.lines += deltas[next].lines
        change.units += deltas[next].units
        change.revenue += deltas[next].revenue
      }
      // Before the span the total was 0, after it the span's final total, inside it that day's row.
      const was =
        !span || day < Number(span.first_day)
          ? undefined
          : day > Number(span.last_day)
            ? span
            : current.get(`${product}|${day}`)
      rows.push({
        day,
        currency,
        sku,
        title,
        lines: Number(was?.lines ?? 0) + change.lines,
        units: Number(was?.units ?? 0) + change.units,
        revenue: Number(was?.revenue ?? 0) + change.revenue,
      })
    }
    const final = rows[rows.length - 1]
    if (final.lines === 0)
      gone.push(final) // running totals never fall, so every one of them is 0
    else
      totals.push({
        currency,
        sku,
        title,
        first_day: Math.min(start, Number(span?.first_day ?? start)),
        last_day: end,
        lines: final.lines,
        units: final.units,
        revenue: final.revenue,
      })
  }
  const keep = new Set(totals.map(key))
  await rollups.putProductTotals(
    trx,
    rows.filter((r) => keep.has(key(r))),
  )
  await rollups.putProductSpans(trx, totals)
  await rollups.deleteProducts(trx, gone)
}
