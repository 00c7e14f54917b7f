/** The storefront's root: header (shop name, search, account, cart) around every page. */
import type { QueryClient } from '@tanstack/react-query'
import { createRootRouteWithContext, Link, Outlet } from '@tanstack/react-router'
import { useCart } from '../lib/cart.ts'
import { useMe } from '../lib/session.ts'
import { SearchBox } from './SearchBox.tsx'

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
        <SearchBox />
        <nav aria-label="Shop" className="shop-nav">
          <AccountLink />
          <CartLink />
        </nav>
      </header>
      <main id="main">
        <Outlet />
      </main>
      <footer className="muted shop-footer">A demo of the Backroom API. Test cards only.</footer>
    </>
  )
}

function AccountLink() {
  const me = useMe()
  if (me === undefined) return null
  return me ? <Link to="/account">Your account</Link> : <Link to="/sign-in">Sign in</Link>
}

function CartLink() {
  const count = useCart().data?.itemCount ?? 0
  return (
    <Link to="/cart" aria-label={`Cart, ${count} ${count === 1 ? 'item' : 'items'}`}>
      Cart ({count})
    </Link>
  )
}
