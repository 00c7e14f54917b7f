/**
 * A decimal amount typed by staff ("12.5", "12,50") → integer minor units, exactly: the digits are
 * shifted as text, never through floating point (0.1 + 0.2 must not become 30.000000000000004 cents).
 */

/** How many minor-unit digits a currency has (EUR 2, JPY 0, BHD 3), as the platform's Intl knows it. */
export function currencyDigits(currency: string): number {
  return new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2
}

/** The amount in minor units, or an Error saying what is wrong with the input. */
export function toMinorUnits(input: string, currency: string): number | Error {
  const text = input.trim()
  const match = /^(\d+)(?:[.,](\d+))?$/.exec(text)
  if (!match) return new Error('Enter an amount such as 12.50 (digits, one decimal point)')
  const digits = currencyDigits(currency)
  const fraction = match[2] ?? ''
  if (fraction.length > digits) {
    return new Error(digits === 0 ? `${currency} has no minor units` : `At most ${digits} decimals for ${currency}`)
  }
  const minor = Number(match[1] + fraction.padEnd(digits, '0'))
  if (!Number.isSafeInteger(minor)) return new Error('That amount is too large')
  if (minor === 0) return new Error('Enter an amount above zero')
  return minor
}

/** Minor units → the plain decimal staff would type (1250 EUR → "12.50"), for prefilled inputs. */
export function toDecimal(minor: number, currency: string): string {
  const digits = currencyDigits(currency)
  if (digits === 0) return String(minor)
  const text = String(minor).padStart(digits + 1, '0')
  return `${text.slice(0, -digits)}.${text.slice(-digits)}`
}
