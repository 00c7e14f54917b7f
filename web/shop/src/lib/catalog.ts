/** Catalog reads shared by several pages: the category tree. */
import { queryOptions } from '@tanstack/react-query'
import { api, type Schemas, unwrap } from '../../../shared/api.ts'

export type Category = Schemas['CategoryView']

export const categoriesQuery = queryOptions({
  queryKey: ['categories'],
  queryFn: ({ signal }) => unwrap(api.GET('/store/categories', { signal })),
  staleTime: 5 * 60_000,
  select: (list) => list.items,
})

/** The direct children of a category (null: the top level), in the tree's order. */
export function childrenOf(categories: Category[], parentId: string | null): Category[] {
  return categories.filter((c) => c.parentId === parentId)
}
