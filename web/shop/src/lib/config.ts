/** What a shop sets once: its currency (the catalog's default) and where it ships. */
export const SHOP_CURRENCY = 'EUR'

/** Destinations offered at checkout (ISO 3166-1 alpha-2); the quote lists the methods that ship there. */
export const COUNTRIES: readonly { code: string; name: string }[] = [
  { code: 'IE', name: 'Ireland' },
  { code: 'GB', name: 'United Kingdom' },
  { code: 'DE', name: 'Germany' },
  { code: 'FR', name: 'France' },
  { code: 'NL', name: 'Netherlands' },
  { code: 'ES', name: 'Spain' },
  { code: 'IT', name: 'Italy' },
  { code: 'US', name: 'United States' },
]
