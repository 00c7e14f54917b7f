/**
 * Search results: ranked, typo-tolerant search (GET /store/search) with highlights, facets as filters
 * and "More results". Everything the page shows comes from its URL (q and the filters), so a search can
 * be linked, reloaded and stepped back through. The query key is the URL's search; when it changes,
 * TanStack Query aborts the request of the old key (the fetch gets its `signal`).
 */
import { infiniteQueryOptions, keepPreviousData, useInfiniteQuery } from '@tanstack/react-query'
import { createRoute, Link, useNavigate } from '@tanstack/react-router'
import { api, formatMoney, type Schemas, unwrap } from '../../../shared/api.ts'
import { ProblemAlert } from '../../../shared/ProblemAlert.tsx'
import { ProductGrid } from '../components/ProductCard.tsx'
import { anonymousId } from '../lib/analytics.ts'
import { SHOP_CURRENCY } from '../lib/config.ts'
import { rootRoute } from '../routes/root.tsx'

export interface SearchParams {
  q?: string
  category?: string
  option?: string[]
  minPrice?: number
  maxPrice?: number
}

const text = (v: unknown) => (typeof v === 'string' && v.trim() !== '' ? v : undefined)
const amount = (v: unknown) => (typeof v === 'number' && Number.isInteger(v) && v >= 0 ? v : undefined)

export const searchRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/search',
  validateSearch: (s: Record<string, unknown>): SearchParams => {
    const option = (Array.isArray(s.option) ? s.option : [s.option]).filter(
      (o): o is string => typeof o === 'string' && /^[a-z][a-z0-9_-]*:.+$/.test(o),
    )
    return {
      q: text(s.q),
      category: text(s.category),
      option: option.length > 0 ? option : undefined,
      minPrice: amount(s.minPrice),
      maxPrice: amount(s.maxPrice),
    }
  },
  component: Search,
})

const PAGE_SIZE = 12

export function searchQuery(params: SearchParams) {
  return infiniteQueryOptions({
    queryKey: ['search', params],
    queryFn: ({ pageParam, signal }) =>
      unwrap(
        api.GET('/store/search', {
          params: { query: { ...params, currency: SHOP_CURRENCY, limit: PAGE_SIZE, cursor: pageParam } },
          // The server records the search for the zero-result and funnel reports under this id.
          headers: { 'x-anonymous-id': anonymousId() },
          signal,
        }),
      ),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  })
}

function Search() {
  const params = searchRoute.useSearch()
  const results = useInfiniteQuery({ ...searchQuery(params), placeholderData: keepPreviousData })
  const first = results.data?.pages[0]
  const cards = results.data?.pages.flatMap((page) => page.items) ?? []

  return (
    <>
      <h1>{params.q ? `Results for “${params.q}”` : 'All products'}</h1>
      <p className="muted" aria-live="polite" aria-atomic="true">
        {results.isPending ? 'Searching…' : first ? `${first.total} ${first.total === 1 ? 'product' : 'products'}` : ''}
      </p>
      <ProblemAlert error={results.error} />
      <div className="search-layout">
        {first ? <Filters params={params} facets={first.facets} /> : <div />}
        {/* Busy while the cards are still the previous search's (kept on screen while the new one loads). */}
        <section aria-label="Results" aria-busy={results.isPlaceholderData || results.isPending}>
          {first && cards.length === 0 ? (
            <p>
              Nothing matches. Try fewer words, or <Link to="/">browse the categories</Link>.
            </p>
          ) : null}
          <ProductGrid cards={cards} label="Products found" />
          {results.hasNextPage ? (
            <p>
              <button
                type="button"
                className="secondary"
                onClick={() => results.fetchNextPage()}
                disabled={results.isFetchingNextPage}
              >
                {results.isFetchingNextPage ? 'Loading…' : 'More results'}
              </button>
            </p>
          ) : null}
        </section>
      </div>
    </>
  )
}

type Facets = Schemas['Facets']

/** The facets of the current results as filters; choosing one narrows the search (it goes into the URL). */
function Filters({ params, facets }: { params: SearchParams; facets: Facets }) {
  const navigate = useNavigate({ from: searchRoute.fullPath })
  const set = (change: Partial<SearchParams>) =>
    navigate({ search: (prev: SearchParams) => ({ ...prev, ...change }), replace: true })
  const options = params.option ?? []
  const toggleOption = (key: string) =>
    set({ option: options.includes(key) ? without(options, key) : [...options, key] })
  const byName = groupBy(facets.options, (o) => o.name)
  // A chosen value stays listed (and can be unchosen) even when the narrowed results no longer count it.
  for (const key of options) {
    const [name, value] = [key.slice(0, key.indexOf(':')), key.slice(key.indexOf(':') + 1)]
    const list = byName.get(name) ?? []
    if (!list.some((o) => o.value === value)) byName.set(name, [...list, { name, value, count: 0 }])
  }
  const anyFilter =
    params.category || options.length > 0 || params.minPrice !== undefined || params.maxPrice !== undefined

  return (
    <aside aria-label="Filters" className="filters">
      <h2>Filters</h2>
      {anyFilter ? (
        <button
          type="button"
          className="secondary"
          onClick={() => set({ category: undefined, option: undefined, minPrice: undefined, maxPrice: undefined })}
        >
          Clear filters
        </button>
      ) : null}
      {facets.categories.length > 0 || params.category ? (
        <fieldset>
          <legend>Category</legend>
          <Choice
            type="radio"
            name="category"
            label="Any"
            checked={!params.category}
            onChange={() => set({ category: undefined })}
          />
          {facets.categories.map((c) => (
            <Choice
              key={c.id}
              type="radio"
              name="category"
              label={c.name}
              count={c.count}
              checked={params.category === c.handle || params.category === c.id}
              onChange={() => set({ category: c.handle })}
            />
          ))}
        </fieldset>
      ) : null}
      {facets.prices.length > 0 ? (
        <fieldset>
          <legend>Price</legend>
          <Choice
            type="radio"
            name="price"
            label="Any"
            checked={params.minPrice === undefined && params.maxPrice === undefined}
            onChange={() => set({ minPrice: undefined, maxPrice: undefined })}
          />
          {facets.prices.map((p) => {
            // A bucket is [min, max); the filter's maxPrice is inclusive.
            const range = { minPrice: p.min || undefined, maxPrice: p.max === null ? undefined : p.max - 1 }
            return (
              <Choice
                key={p.min}
                type="radio"
                name="price"
                label={priceLabel(p.min, p.max)}
                count={p.count}
                checked={params.minPrice === range.minPrice && params.maxPrice === range.maxPrice}
                onChange={() => set(range)}
              />
            )
          })}
        </fieldset>
      ) : null}
      {[...byName].map(([name, values]) => (
        <fieldset key={name}>
          <legend>{capitalise(name)}</legend>
          {values.map((o) => {
            const key = `${o.name}:${o.value}`
            return (
              <Choice
                key={key}
                type="checkbox"
                name={`option-${name}`}
                label={o.value}
                count={o.count}
                checked={options.includes(key)}
                onChange={() => toggleOption(key)}
              />
            )
          })}
        </fieldset>
      ))}
    </aside>
  )
}

function Choice(props: {
  type: 'radio' | 'checkbox'
  name: string
  label: string
  count?: number
  checked: boolean
  onChange: () => void
}) {
  return (
    <label className="choice">
      <input type={props.type} name={props.name} checked={props.checked} onChange={props.onChange} />
      {props.label}
      {props.count !== undefined ? <span className="muted"> ({props.count})</span> : null}
    </label>
  )
}

function priceLabel(min: number, max: number | null): string {
  if (max === null) return `${formatMoney(min, SHOP_CURRENCY)} and more`
  if (min === 0) return `Under ${formatMoney(max, SHOP_CURRENCY)}`
  return `${formatMoney(min, SHOP_CURRENCY)} to ${formatMoney(max, SHOP_CURRENCY)}`
}

function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1)
}

function without<T>(list: T[], item: T): T[] | undefined {
  const rest = list.filter((x) => x !== item)
  return rest.length > 0 ? rest : undefined
}

function groupBy<T>(items: T[], key: (item: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>()
  for (const item of items) out.set(key(item), [...(out.get(key(item)) ?? []), item])
  return out
}
