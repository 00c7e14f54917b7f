/**
 * The catalog section (permission catalog:write): products, categories, import and export. The pages
 * are loaded lazily, so the dashboard's first load carries none of them.
 */
import { createRoute, lazyRouteComponent } from '@tanstack/react-router'
import { appRoute } from '../../routes/root.tsx'
import type { ProductListSearch, ProductStatus } from './queries.ts'

const STATUSES: readonly ProductStatus[] = ['draft', 'published', 'archived']

export const productsRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/products',
  validateSearch: (search: Record<string, unknown>): ProductListSearch => ({
    ...(typeof search.q === 'string' && search.q.trim() ? { q: search.q.trim().slice(0, 200) } : {}),
    ...(STATUSES.includes(search.status as ProductStatus) ? { status: search.status as ProductStatus } : {}),
    ...(typeof search.cursor === 'string' && search.cursor ? { cursor: search.cursor } : {}),
  }),
  component: lazyRouteComponent(() => import('./ProductsPage.tsx'), 'ProductsPage'),
})

export const newProductRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/products/new',
  component: lazyRouteComponent(() => import('./ProductEditPage.tsx'), 'NewProductPage'),
})

export const editProductRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/products/$id',
  component: lazyRouteComponent(() => import('./ProductEditPage.tsx'), 'EditProductPage'),
})

export const categoriesRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/categories',
  component: lazyRouteComponent(() => import('./CategoriesPage.tsx'), 'CategoriesPage'),
})

export const importExportRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/catalog/import-export',
  component: lazyRouteComponent(() => import('./ImportExportPage.tsx'), 'ImportExportPage'),
})

export const catalogRoutes = [productsRoute, newProductRoute, editProductRoute, categoriesRoute, importExportRoute]
