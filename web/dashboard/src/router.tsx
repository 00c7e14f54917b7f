/** The dashboard's route tree: every section's routes, under the signed-in root. */
import type { QueryClient } from '@tanstack/react-query'
import { createRouter } from '@tanstack/react-router'
import { appRoute, rootRoute } from './routes/root.tsx'
import { catalogRoutes } from './sections/catalog/routes.tsx'
import { homeRoute } from './sections/home/Home.tsx'
import { signInRoute } from './sections/sign-in/SignIn.tsx'

const routeTree = rootRoute.addChildren([signInRoute, appRoute.addChildren([homeRoute, ...catalogRoutes])])

export function createDashboardRouter(queryClient: QueryClient) {
  return createRouter({
    routeTree,
    basepath: '/dashboard',
    context: { queryClient },
    defaultPreload: 'intent',
    defaultNotFoundComponent: () => <p>There is no such page.</p>,
  })
}

declare module '@tanstack/react-router' {
  interface Register {
    router: ReturnType<typeof createDashboardRouter>
  }
}
