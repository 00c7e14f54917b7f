/** The dashboard's route tree: every section's routes, under the signed-in root. */
import type { QueryClient } from '@tanstack/react-query'
import { createRouter } from '@tanstack/react-router'
import { appRoute, rootRoute } from './routes/root.tsx'
import { apiKeysRoute } from './sections/admin/ApiKeys.tsx'
import { auditRoute } from './sections/admin/Audit.tsx'
import { securityRoute } from './sections/admin/Security.tsx'
import { usersRoute } from './sections/admin/Users.tsx'
import { catalogRoutes } from './sections/catalog/routes.tsx'
import { customersRoute } from './sections/customers/Customers.tsx'
import { homeRoute } from './sections/home/Home.tsx'
import { orderRoute } from './sections/orders/OrderDetail.tsx'
import { ordersRoute } from './sections/orders/OrderList.tsx'
import { reportsRoute } from './sections/reports/route.ts'
import { signInRoute } from './sections/sign-in/SignIn.tsx'
import { endpointRoute } from './sections/webhooks/EndpointDetail.tsx'
import { webhooksRoute } from './sections/webhooks/Webhooks.tsx'

const routeTree = rootRoute.addChildren([
  signInRoute,
  appRoute.addChildren([
    homeRoute,
    ...catalogRoutes,
    ordersRoute,
    orderRoute,
    customersRoute,
    reportsRoute,
    webhooksRoute,
    endpointRoute,
    usersRoute,
    apiKeysRoute,
    auditRoute,
    securityRoute,
  ]),
])

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
