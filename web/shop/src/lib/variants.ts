/** Choosing a variant by its options (pure, for the product page). */

export interface VariantLike {
  id: string
  options: Record<string, string>
}

/** Option names and their values, in the order the variants list them. */
export function optionAxes(variants: readonly VariantLike[]): { name: string; values: string[] }[] {
  const axes = new Map<string, string[]>()
  for (const v of variants) {
    for (const [name, value] of Object.entries(v.options)) {
      const values = axes.get(name) ?? []
      if (!values.includes(value)) values.push(value)
      axes.set(name, values)
    }
  }
  return [...axes].map(([name, values]) => ({ name, values }))
}

/** The variant with exactly these option values, if any. */
export function findVariant<V extends VariantLike>(
  variants: readonly V[],
  chosen: Record<string, string>,
): V | undefined {
  return variants.find((v) => Object.entries(v.options).every(([name, value]) => chosen[name] === value))
}

/**
 * The choice after picking `value` for `name`: kept as is when a variant has that combination,
 * otherwise the options of the first variant that has the picked value (so the choice always names a variant).
 */
export function pick<V extends VariantLike>(
  variants: readonly V[],
  chosen: Record<string, string>,
  name: string,
  value: string,
): Record<string, string> {
  const next = { ...chosen, [name]: value }
  if (findVariant(variants, next)) return next
  return { ...(variants.find((v) => v.options[name] === value)?.options ?? next) }
}
