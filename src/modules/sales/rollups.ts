/**
 * The sales rollups' catch-up (docs/INSIGHTS.md, "Rollups"). Every order change the orders module
 * announces (checkout, payment, capture, refund, cancel: its listeners run in the changing
 * transaction) leaves a pending row; this job re-reads those orders as they are now, compares each
 * with what it added to the rollups so far (`sales_order_rollup`), applies the difference and deletes
 * the pending rows, all in one transaction under a lock one node holds at a time. Re-reading a changed
 * order again changes nothing, so a repeated or interrupted run cannot count twice.
 */
import { newId } from '../../platform/db/ids.ts'
import { type CatchUpOptions, catchUpQueue, type PendingQueue } from '../../platform/db/job-lock.ts'
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

export { type CatchUpOptions, REPORT_WAIT_MS } from '../../platform/db/job-lock.ts'

/** Pending order changes: each changed order is re-read and its difference applied. */
const salesQueue: PendingQueue<{ id: string; order_id: string }> = {
  lock: 'sales-rollups',
  batch: CATCH_UP_BATCH,
  lastPendingId: rollups.lastPendingId,
  hasPendingUpTo: rollups.hasPendingUpTo,
  claim: rollups.claimPending,
  fold: (trx, pending) => fold(trx, [...new Set(pending.map((p) => p.order_id))]),
  clear: rollups.clearPending,
}

/**
 * Folds every pending order change into the rollups. When another runner holds the lock it stops at
 * once, or with `waitMs` polls (backing off) until the changes pending at the start were folded by
 * either runner, or the time is up (platform/db/job-lock.ts `catchUpQueue`). Returns how many changes
 * this call folded.
 */
export function catchUpSales(db: Db, options: CatchUpOptions = {}): Promise<number> {
  return catchUpQueue(db, salesQueue, options)
}

type Contribution = rollups.SalesRollupTables['sales_order_rollup']
type SalesDay = rollups.SalesRollupTables['sales_day']
/** A change to the lines sold of one product (currency, SKU) under one title on one day. */
interface LineDelta {
  day: number
  currency: string
  sku: string
  title: string
  lines: number
  units: number
  revenue: number
}

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
  const products = new Map<string, LineDelta>() // changes per day, product and title
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

interface Amounts {
  lines: number
  units: number
  revenue: number
}

/**
 * Adds per-day changes to the products' days with a sale. A product's rows are rewritten from its
 * earliest changed day to its last day with a sale: today's sales rewrite today's row only (a first sale
 * of the day adds a row and re-links the previous one), a late change (a refund or cancel of an old
 * order) the rows from the order's day on. A day left without a sale loses its row; days without a
 * sale never get one, however long a product pauses.
 */
async function foldProducts(trx: Db, changes: LineDelta[]): Promise<void> {
  const productKey = (p: { currency: string; sku: string }) => `${p.currency}|${p.sku}`
  const known = new Map(
    (await rollups.listProducts(trx, [...new Set(changes.map((c) => c.sku))])).map((p) => [productKey(p), p]),
  )
  let nextId: number | undefined
  const deltas = new Map<number, Map<number, Amounts>>() // product id → day → change
  const titleDays = new Map<string, rollups.SalesRollupTables['product_title_day']>()
  for (const c of changes) {
    let product = known.get(productKey(c))
    if (!product) {
      nextId ??= await rollups.nextProductId(trx)
      product = {
        id: nextId++,
        currency: c.currency,
        sku: c.sku,
        last_day: rollups.NO_DAY,
        lines: 0,
        units: 0,
        revenue: 0,
      }
      known.set(productKey(c), product)
    }
    const id = Number(product.id)
    const days = deltas.get(id) ?? new Map<number, Amounts>()
    deltas.set(id, days)
    const day = days.get(c.day) ?? { lines: 0, units: 0, revenue: 0 }
    days.set(c.day, add(day, c))
    const titleKey = `${id}|${c.title}|${c.day}`
    const title = titleDays.get(titleKey) ?? { product_id: id, title: c.title, day: c.day, lines: 0 }
    title.lines += c.lines
    titleDays.set(titleKey, title)
  }
  const byId = new Map([...known.values()].map((p) => [Number(p.id), p]))
  const firstChange = new Map([...deltas].map(([id, days]) => [id, Math.min(...days.keys())]))
  // A change after a product's last day appends; one on or before it needs the rows from that day on.
  const inside = [...firstChange].filter(([id, day]) => day <= Number(byId.get(id)?.last_day ?? rollups.NO_DAY))
  const existing = Map.groupBy(await rollups.listProductDaysFrom(trx, inside), (r) => Number(r.product_id))
  const rows: rollups.ProductDay[] = []
  const removed: { product_id: number; day: number }[] = []
  const links: { product_id: number; day: number; next_day: number }[] = []
  const products: rollups.SalesProduct[] = []
  for (const [id, changed] of deltas) {
    const product = byId.get(id) as rollups.SalesProduct
    const old = (existing.get(id) ?? []).map(numbers).sort((a, b) => a.day - b.day)
    // The totals before the rewritten run, the day before it, and that day's link today.
    let base: Amounts = { lines: Number(product.lines), units: Number(product.units), revenue: Number(product.revenue) }
    let prev = Number(product.last_day)
    let linked = rollups.NO_NEXT_DAY
    if (old.length > 0) {
      const first = old[0]
      base = {
        lines: first.cum_lines - first.lines,
        units: first.cum_units - first.units,
        revenue: first.cum_revenue - first.revenue,
      }
      prev = first.prev_day
      linked = first.day
    }
    const daily = new Map(old.map((r) => [r.day, { lines: r.lines, units: r.units, revenue: r.revenue }]))
    for (const [day, change] of changed)
      daily.set(day, add(daily.get(day) ?? { lines: 0, units: 0, revenue: 0 }, change))
    const kept = [...daily.keys()].filter((day) => daily.get(day)?.lines !== 0).sort((a, b) => a - b)
    for (const r of old) if (daily.get(r.day)?.lines === 0) removed.push({ product_id: id, day: r.day })
    let cum = base
    kept.forEach((day, i) => {
      const today = daily.get(day) as Amounts
      cum = add({ ...cum }, today)
      rows.push({
        product_id: id,
        day,
        prev_day: i === 0 ? prev : kept[i - 1],
        next_day: kept[i + 1] ?? rollups.NO_NEXT_DAY,
        ...today,
        cum_lines: cum.lines,
        cum_units: cum.units,
        cum_revenue: cum.revenue,
      })
    })
    const firstKept = kept[0] ?? rollups.NO_NEXT_DAY
    if (prev !== rollups.NO_DAY && firstKept !== linked) links.push({ product_id: id, day: prev, next_day: firstKept })
    products.push({ ...product, id, last_day: kept.at(-1) ?? prev, ...cum })
  }
  await rollups.deleteProductDays(trx, removed)
  await rollups.putProductDays(trx, rows)
  await rollups.setNextDays(trx, links)
  await rollups.putProducts(trx, products)
  await rollups.addTitleDays(
    trx,
    [...titleDays.values()].filter((t) => t.lines !== 0),
  )
}

function add(to: Amounts, change: Amounts): Amounts {
  to.lines += change.lines
  to.units += change.units
  to.revenue += change.revenue
  return to
}

/** A row with its bigint columns as numbers (PostgreSQL answers them as strings). */
function numbers(r: rollups.ProductDay): rollups.ProductDay {
  return {
    product_id: Number(r.product_id),
    day: Number(r.day),
    prev_day: Number(r.prev_day),
    next_day: Number(r.next_day),
    lines: Number(r.lines),
    units: Number(r.units),
    revenue: Number(r.revenue),
    cum_lines: Number(r.cum_lines),
    cum_units: Number(r.cum_units),
    cum_revenue: Number(r.cum_revenue),
  }
}
