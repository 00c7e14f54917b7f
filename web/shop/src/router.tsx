/** The storefront's route tree. */
import type { QueryClient } from '@tanstack/react-query'
import { createRouter } from '@tanstack/react-router'
import { accountHomeRoute, accountOrderRoute, accountRoute } from './pages/Account.tsx'
import { cartRoute } from './pages/Cart.tsx'
import { categoryRoute } from './pages/Category.tsx'
import { checkoutRoute } from './pages/Checkout.tsx'
import { homeRoute } from './pages/Home.tsx'
import { orderRoute } from './pages/Order.tsx'
import { productRoute } from './pages/Product.tsx'
import { searchRoute } from './pages/Search.tsx'
import { signInRoute, signUpRoute } from './pages/SignIn.tsx'
import { rootRoute } from './routes/root.tsx'

const routeTree = rootRoute.addChildren([
  homeRoute,
  searchRoute,
  categoryRoute,
  productRoute,
  cartRoute,
  checkoutRoute,
  orderRoute,
  signInRoute,
  signUpRoute,
  accountRoute.addChildren([accountHomeRoute, accountOrderRoute]),
])

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
