/** The order confirmation mail, queued in the transaction that marks the order paid. */
import type { Db } from '../../platform/db/types.ts'
import type { MailMessage } from '../mail/service.ts'
import type { OrderView } from './schemas.ts'
import type { OrderListener } from './service.ts'

/** One formatter per locale and currency: building one costs far more than using it. */
const formatters = new Map<string, (minor: number) => string>()

/** Formats integer minor units for people: 123456 EUR → "€1,234.56", 500 JPY → "¥500". */
export function formatMoney(amount: number, currency: string, locale = 'en'): string {
  const key = `${locale}|${currency}`
  let format = formatters.get(key)
  if (!format) {
    format = moneyFormatter(locale, currency)
    formatters.set(key, format) // bounded: currencies are validated ISO 4217 codes, locales are ours
  }
  return format(amount)
}

/** Amounts from 0 to this are written by the layout; others (refunds shown negative, huge ones) by ICU. */
const LAYOUT_MAX = 1e15
/** Amounts the layout must write exactly as ICU does before it is used: every digit count, every grouping. */
const PROBES = [0, 1, 9, 10, 99, 100, 101, 999, 1000, 1001, 9999, 10000, 12345, 99999, 100000, 123456, 999999, 1000000,
  1234567, 12345678, 123456789, 1234567890, 100000000000, 999999999999999] // biome-ignore format: a list

/**
 * ICU's currency format of `minor / 10^digits`, as a function of integer minor units. Intl's `format` is
 * slow (about a microsecond a call, seven calls a confirmation mail: issue 11), so the layout of one
 * formatted probe (what comes before and after the number, the group and decimal separators) is used to
 * write amounts directly, but only when it reproduces ICU's text for every probe amount; a locale whose
 * grouping is not in threes (en-IN), that does not group four digits (es), or writes other digits, keeps ICU.
 */
function moneyFormatter(locale: string, currency: string): (minor: number) => string {
  const intl = new Intl.NumberFormat(locale, { style: 'currency', currency })
  const digits = intl.resolvedOptions().maximumFractionDigits ?? 2
  const divisor = 10 ** digits
  const slow = (minor: number) => intl.format(minor / divisor)
  const parts = intl.formatToParts(1234567 + (digits > 0 ? 0.5 : 0))
  const first = parts.findIndex((p) => p.type === 'integer')
  const last = parts.findLastIndex((p) => p.type === 'integer' || p.type === 'fraction')
  if (first < 0) return slow
  const prefix = parts
    .slice(0, first)
    .map((p) => p.value)
    .join('')
  const suffix = parts
    .slice(last + 1)
    .map((p) => p.value)
    .join('')
  const group = parts.find((p) => p.type === 'group')?.value ?? ''
  const decimal = parts.find((p) => p.type === 'decimal')?.value ?? ''
  const pad = '0'.repeat(digits)
  const fast = (minor: number) => {
    if (!Number.isSafeInteger(minor) || minor < 0 || minor > LAYOUT_MAX) return slow(minor)
    const fraction = minor % divisor
    let whole = (minor - fraction) / divisor
    let text = ''
    while (whole >= 1000) {
      const three = whole % 1000
      text = `${group}${three < 10 ? '00' : three < 100 ? '0' : ''}${three}${text}`
      whole = (whole - three) / 1000
    }
    text = `${prefix}${whole}${text}`
    if (digits === 0) return `${text}${suffix}`
    const cents = String(fraction)
    return `${text}${decimal}${cents.length < digits ? pad.slice(cents.length) + cents : cents}${suffix}`
  }
  return PROBES.every((minor) => fast(minor) === slow(minor)) ? fast : slow
}

export function confirmationMail(order: OrderView): MailMessage {
  const money = (amount: number) => formatMoney(amount, order.currency)
  const lines = order.lines.map((l) => `  ${l.quantity} × ${l.title} (${l.sku})  ${money(l.unitPrice * l.quantity)}`)
  const text = [
    `Thank you for your order ${order.id}.`,
    '',
    ...lines,
    '',
    `Subtotal: ${money(order.subtotal)}`,
    ...(order.discount > 0
      ? [`Discount${order.discountCode ? ` (${order.discountCode})` : ''}: -${money(order.discount)}`]
      : []),
    `Shipping (${order.shippingMethod.name}): ${money(order.shipping)}`,
    `${order.taxIncluded ? 'Including tax' : 'Tax'}: ${money(order.tax)}`,
    `Total: ${money(order.total)}`,
    '',
    `Shipping to ${order.shippingAddress.name}, ${order.shippingAddress.city}, ${order.shippingAddress.country}.`,
  ].join('\n')
  return { to: order.email, subject: `Your order ${order.id} is confirmed`, text }
}

/** Sends the confirmation once an order is paid (at checkout, or later when a payment is confirmed). */
export function confirmationMailer(enqueue: (db: Db, message: MailMessage) => Promise<unknown>): OrderListener {
  return async (trx, event, order) => {
    if (event === 'order.paid') await enqueue(trx, confirmationMail(order))
  }
}
