/**
 * Prices as people type them ("12.50") ↔ the API's integer minor units (1250), exactly: the decimal
 * string is split and joined as digits, never multiplied as a float. The number of minor digits is the
 * currency's (ISO 4217, through Intl: EUR 2, JPY 0, KWD 3).
 */

const MAX_AMOUNT = 1e12 // the API's limit on a price, in minor units

export function minorDigits(currency: string): number {
  try {
    return new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2
  } catch {
    return 2 // not a currency Intl knows: the server will judge the code
  }
}

/** "12.5" in EUR → 1250; an error message for anything that is not an exact amount in this currency. */
export function parseAmount(
  text: string,
  currency: string,
): { ok: true; minor: number } | { ok: false; error: string } {
  const digits = minorDigits(currency)
  const trimmed = text.trim().replace(/^(\d+),(\d+)$/, '$1.$2') // "12,50" is a decimal comma, not a thousands mark
  const match = /^(\d+)(?:\.(\d*))?$/.exec(trimmed)
  if (!match) return { ok: false, error: 'Enter an amount such as 12.50' }
  const [, whole, fraction = ''] = match
  if (fraction.length > digits) {
    return {
      ok: false,
      error: digits === 0 ? `${currency} has no minor unit` : `At most ${digits} decimals in ${currency}`,
    }
  }
  const minor = Number(`${whole}${fraction.padEnd(digits, '0')}`)
  if (!Number.isSafeInteger(minor) || minor > MAX_AMOUNT) return { ok: false, error: 'The amount is too large' }
  return { ok: true, minor }
}

/** 1250 in EUR → "12.50" (what the form shows to edit). */
export function amountText(minor: number, currency: string): string {
  const digits = minorDigits(currency)
  if (digits === 0) return String(minor)
  const text = String(minor).padStart(digits + 1, '0')
  return `${text.slice(0, -digits)}.${text.slice(-digits)}`
}
