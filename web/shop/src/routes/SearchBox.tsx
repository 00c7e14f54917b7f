/**
 * The header's search box: search as you type. Each keystroke restarts a short timer; when the typing
 * pauses, the query goes into the /search page's URL (replacing the entry while on that page, so Back
 * leaves the search rather than stepping through every prefix). The page's query key follows the URL,
 * and TanStack Query aborts the request of a key that is no longer wanted.
 */
import { useLocation, useNavigate, useSearch } from '@tanstack/react-router'
import { useEffect, useRef, useState } from 'react'

const PAUSE_MS = 250

export function SearchBox() {
  const navigate = useNavigate()
  const onSearchPage = useLocation({ select: (l) => l.pathname.replace(/\/$/, '').endsWith('/search') })
  const urlQuery = useSearch({ strict: false, select: (s: { q?: string }) => s.q ?? '' })
  const [value, setValue] = useState(urlQuery)
  const timer = useRef<ReturnType<typeof setTimeout>>(undefined)

  // Back/forward or a link changed the URL's query: show it.
  useEffect(() => {
    if (onSearchPage) setValue(urlQuery)
  }, [onSearchPage, urlQuery])
  useEffect(() => () => clearTimeout(timer.current), [])

  function go(q: string, replace: boolean) {
    clearTimeout(timer.current)
    void navigate({
      to: '/search',
      search: (prev: Record<string, unknown>) => ({ ...(onSearchPage ? prev : {}), q: q.trim() || undefined }),
      replace,
    })
  }

  return (
    <search className="search-box">
      <form
        onSubmit={(event) => {
          event.preventDefault()
          go(value, onSearchPage)
        }}
      >
        <label htmlFor="site-search" className="visually-hidden">
          Search products
        </label>
        <input
          id="site-search"
          type="search"
          placeholder="Search products"
          autoComplete="off"
          value={value}
          onChange={(event) => {
            const next = event.target.value
            setValue(next)
            clearTimeout(timer.current)
            timer.current = setTimeout(() => go(next, onSearchPage), PAUSE_MS)
          }}
        />
        <button type="submit">Search</button>
      </form>
    </search>
  )
}
