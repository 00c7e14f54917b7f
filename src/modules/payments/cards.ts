/**
 * Card rules for the built-in test processor (pure): Luhn, brand, expiry, CVC format, and the
 * outcome of the well-known test numbers. Nothing here keeps a number; callers keep only the summary.
 */
import { invalid } from '../../platform/errors.ts'

export type CardBrand = 'visa' | 'mastercard' | 'amex' | 'discover' | 'unknown'
export type CardOutcome = 'success' | 'declined' | 'insufficient_funds' | 'requires_authentication'

/** The well-known test numbers; any other valid number succeeds. */
export const TEST_CARDS: Readonly<Record<string, CardOutcome>> = {
  '4242424242424242': 'success',
  '4000000000000002': 'declined',
  '4000000000009995': 'insufficient_funds',
  '4000002500003155': 'requires_authentication',
}

export const cardProblems = {
  'card-number-invalid': {
    title: 'Invalid card number',
    description: 'The card number fails the Luhn check or has a wrong length.',
  },
  'card-expired': { title: 'Card expired', description: 'The expiry month is in the past.' },
  'card-cvc-invalid': { title: 'Invalid CVC', description: 'The CVC must be 3 digits (4 for American Express).' },
}

export function luhnValid(digits: string): boolean {
  if (!/^\d+$/.test(digits)) return false
  let sum = 0
  for (let i = 0; i < digits.length; i++) {
    let d = digits.charCodeAt(digits.length - 1 - i) - 48
    if (i % 2 === 1) {
      d *= 2
      if (d > 9) d -= 9
    }
    sum += d
  }
  return sum % 10 === 0
}

export function brandOf(digits: string): CardBrand {
  if (/^4/.test(digits)) return 'visa'
  if (/^(5[1-5]|2(2[2-9]|[3-6]\d|7[01]|720))/.test(digits)) return 'mastercard'
  if (/^3[47]/.test(digits)) return 'amex'
  if (/^(6011|65|64[4-9])/.test(digits)) return 'discover'
  return 'unknown'
}

const LENGTHS: Record<CardBrand, readonly number[]> = {
  visa: [13, 16, 19],
  mastercard: [16],
  amex: [15],
  discover: [16, 19],
  unknown: [12, 13, 14, 15, 16, 17, 18, 19],
}

export interface CardInput {
  cardNumber: string
  expMonth: number
  expYear: number
  cvc: string
}

export interface CardSummary {
  brand: CardBrand
  last4: string
  expMonth: number
  expYear: number
  outcome: CardOutcome
}

/**
 * Checks a card and returns what may be kept of it. Throws `invalid` problems whose messages never
 * echo the number or the CVC. `now` decides expiry (a card is valid through its expiry month, UTC).
 */
export function checkCard(card: CardInput, now: number): CardSummary {
  const digits = card.cardNumber.replace(/[ -]/g, '')
  const brand = brandOf(digits)
  if (!LENGTHS[brand].includes(digits.length) || !luhnValid(digits)) {
    throw invalid('card-number-invalid', 'The card number is not valid')
  }
  const today = new Date(now)
  const [year, month] = [today.getUTCFullYear(), today.getUTCMonth() + 1]
  if (card.expYear < year || (card.expYear === year && card.expMonth < month)) {
    throw invalid('card-expired', 'The card has expired')
  }
  if (!(brand === 'amex' ? /^\d{4}$/ : /^\d{3}$/).test(card.cvc)) {
    throw invalid('card-cvc-invalid', brand === 'amex' ? 'The CVC must be 4 digits' : 'The CVC must be 3 digits')
  }
  return {
    brand,
    last4: digits.slice(-4),
    expMonth: card.expMonth,
    expYear: card.expYear,
    outcome: TEST_CARDS[digits] ?? 'success',
  }
}
