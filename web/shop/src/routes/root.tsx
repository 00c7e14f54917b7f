/** The storefront's root: header (shop name, search, cart, account) around every page. */
import type { QueryClient } from '@tanstack/react-query'
import { createRootRouteWithContext, Link, Outlet } from '@tanstack/react-router'

export interface RouterContext {
  queryClient: QueryClient
}

export const rootRoute = createRootRouteWithContext<RouterContext>()({ component: Layout })

function Layout() {
  return (
    <>
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="shop-header">
        <Link to="/" className="brand">
          Backroom demo shop
        </Link>
      </header>
      <main id="main">
        <Outlet />
      </main>
      <footer className="muted shop-footer">A demo of the Backroom API. Test cards only.</footer>
    </>
  )
}
