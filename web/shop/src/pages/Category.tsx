/** A category page: its sub-categories, and its published products (descendants included), page by page. */
import { useInfiniteQuery, useQuery } from '@tanstack/react-query'
import { createRoute, Link } from '@tanstack/react-router'
import { api, unwrap } from '../../../shared/api.ts'
import { ProblemAlert } from '../../../shared/ProblemAlert.tsx'
import { CategoryTree } from '../components/CategoryTree.tsx'
import { ProductGrid } from '../components/ProductCard.tsx'
import { categoriesQuery } from '../lib/catalog.ts'
import { SHOP_CURRENCY } from '../lib/config.ts'
import { rootRoute } from '../routes/root.tsx'

export const categoryRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/category/$handle',
  component: CategoryPage,
})

const PAGE_SIZE = 12

function CategoryPage() {
  const { handle } = categoryRoute.useParams()
  const categories = useQuery(categoriesQuery)
  const category = categories.data?.find((c) => c.handle === handle)
  const parent = category?.parentId ? categories.data?.find((c) => c.id === category.parentId) : undefined
  const products = useInfiniteQuery({
    queryKey: ['category-products', handle],
    queryFn: ({ pageParam, signal }) =>
      unwrap(
        api.GET('/store/products', {
          params: { query: { category: handle, currency: SHOP_CURRENCY, limit: PAGE_SIZE, cursor: pageParam } },
          signal,
        }),
      ),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  })
  const cards = products.data?.pages.flatMap((page) => page.items) ?? []

  if (categories.data && !category) {
    return (
      <>
        <h1>No such category</h1>
        <p>
          <Link to="/">Back to the shop</Link>
        </p>
      </>
    )
  }
  return (
    <>
      <nav aria-label="Breadcrumb" className="breadcrumb">
        <Link to="/">Shop</Link>
        {parent ? (
          <>
            {' / '}
            <Link to="/category/$handle" params={{ handle: parent.handle }}>
              {parent.name}
            </Link>
          </>
        ) : null}
      </nav>
      <h1>{category?.name ?? ''}</h1>
      <ProblemAlert error={categories.error ?? products.error} />
      {category && categories.data ? (
        <nav aria-label="Sub-categories">
          <CategoryTree categories={categories.data} parentId={category.id} />
        </nav>
      ) : null}
      {products.data && cards.length === 0 ? <p>No products here yet.</p> : null}
      <ProductGrid cards={cards} label={`Products in ${category?.name ?? handle}`} />
      {products.hasNextPage ? (
        <p>
          <button
            type="button"
            className="secondary"
            onClick={() => products.fetchNextPage()}
            disabled={products.isFetchingNextPage}
          >
            {products.isFetchingNextPage ? 'Loading…' : 'More products'}
          </button>
        </p>
      ) : null}
    </>
  )
}
