/** The order confirmation mail, queued in the transaction that marks the order paid. */
import type { Db } from '../../platform/db/types.ts'
import type { MailMessage } from '../mail/service.ts'
import type { OrderView } from './schemas.ts'
import type { OrderListener } from './service.ts'

/** One formatter (and its minor-unit divisor) per locale and currency: building one costs far more than using it. */
const formatters = new Map<string, { format: Intl.NumberFormat; divisor: number }>()

/** Formats integer minor units for people: 123456 EUR → "€1,234.56", 500 JPY → "¥500". */
export function formatMoney(amount: number, currency: string, locale = 'en'): string {
  const key = `${locale}|${currency}`
  let entry = formatters.get(key)
  if (!entry) {
    const format = new Intl.NumberFormat(locale, { style: 'currency', currency })
    entry = { format, divisor: 10 ** (format.resolvedOptions().maximumFractionDigits ?? 2) }
    formatters.set(key, entry) // bounded: currencies are validated ISO 4217 codes, locales are ours
  }
  return entry.format.format(amount / entry.divisor)
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
