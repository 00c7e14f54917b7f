/** The catalog's server state: query options (keys in one place) and the writes' invalidation. */
import { type QueryClient, queryOptions } from '@tanstack/react-query'
import { api, type Schemas, unwrap } from '../../../../shared/api.ts'

export type AdminProduct = Schemas['AdminProductView']
export type Category = Schemas['CategoryView']
export type ProductStatus = AdminProduct['status']

export interface ProductListSearch {
  q?: string
  status?: ProductStatus
  cursor?: string
}

export const PAGE_SIZE = 20

export const productListQuery = (search: ProductListSearch) =>
  queryOptions({
    queryKey: ['catalog', 'products', search],
    queryFn: () =>
      unwrap(
        api.GET('/admin/products', {
          params: { query: { q: search.q, status: search.status, cursor: search.cursor, limit: PAGE_SIZE } },
        }),
      ),
  })

export const productQuery = (id: string) =>
  queryOptions({
    queryKey: ['catalog', 'product', id],
    queryFn: () => unwrap(api.GET('/admin/products/{id}', { params: { path: { id } } })),
  })

export const categoriesQuery = queryOptions({
  queryKey: ['catalog', 'categories'],
  // The storefront's list is the whole tree, depth first; `no-cache` revalidates its ETag after a write.
  queryFn: () => unwrap(api.GET('/store/categories', { cache: 'no-cache' })),
})

/** After any catalog write: lists, products and categories are refetched. */
export function invalidateCatalog(queryClient: QueryClient): Promise<void> {
  return queryClient.invalidateQueries({ queryKey: ['catalog'] })
}
