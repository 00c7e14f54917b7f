/**
 * Demo checkout configuration, so a fresh `npm start` can take an order end to end: flat and
 * weight-based shipping for a few countries in EUR and USD, and their VAT/sales-tax rates.
 * Deterministic, and skipped when shipping is already configured.
 */
import type { ShippingMethodBody, TaxRateBody } from './schemas.ts'
import type { CheckoutConfigService } from './service.ts'

const EU_VAT: [country: string, rateBp: number][] = [
  ['DE', 1900],
  ['FR', 2000],
  ['IE', 2300],
  ['NL', 2100],
]

/** Writes through the app's service, so every node's rates cache hears of it. */
export async function seedCheckout(
  config: Pick<CheckoutConfigService, 'listShippingMethods' | 'createShippingMethod' | 'createTaxRate'>,
): Promise<{ shippingMethods: number; taxRates: number }> {
  if ((await config.listShippingMethods()).length > 0) return { shippingMethods: 0, taxRates: 0 }
  const methods: ShippingMethodBody[] = []
  for (const [country] of EU_VAT) {
    methods.push(
      { name: 'Standard', currency: 'EUR', country, kind: 'flat', flatAmount: 495, freeOver: 5000 },
      {
        name: 'Express',
        currency: 'EUR',
        country,
        kind: 'weight',
        weightTiers: [
          { maxGrams: 1000, amount: 995 },
          { maxGrams: 5000, amount: 1495 },
          { maxGrams: 30000, amount: 2995 },
        ],
      },
    )
  }
  methods.push({ name: 'Ground', currency: 'USD', country: 'US', kind: 'flat', flatAmount: 799 })
  const rates: TaxRateBody[] = [
    ...EU_VAT.map(([country, rateBp]) => ({ name: `${country} VAT`, country, rateBp })),
    { name: 'California sales tax', country: 'US', region: 'US-CA', rateBp: 725 },
  ]
  for (const method of methods) await config.createShippingMethod(method)
  for (const rate of rates) await config.createTaxRate(rate)
  return { shippingMethods: methods.length, taxRates: rates.length }
}
