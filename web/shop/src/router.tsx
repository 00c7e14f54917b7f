/** The storefront's route tree. */
import type { QueryClient } from '@tanstack/react-query'
import { createRouter } from '@tanstack/react-router'
import { homeRoute } from './pages/Home.tsx'
import { rootRoute } from './routes/root.tsx'

const routeTree = rootRoute.addChildren([homeRoute])

export function createShopRouter(queryClient: QueryClient) {
  return createRouter({
    routeTree,
    basepath: '/shop',
    context: { queryClient },
    defaultPreload: 'intent',
    defaultNotFoundComponent: () => <p>There is no such page.</p>,
  })
}

declare module '@tanstack/react-router' {
  interface Register {
    router: ReturnType<typeof createShopRouter>
  }
}
