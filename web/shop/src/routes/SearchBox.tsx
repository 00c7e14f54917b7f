/**
 * The header's search box: search as you type. Each keystroke restarts a short timer; when the typing
 * pauses, the query goes into the /search page's URL (replacing the entry while on that page, so Back
 * leaves the search rather than stepping through every prefix). The page's query key follows the URL,
 * and TanStack Query aborts the request of a key that is no longer wanted.
 */
import { useLocation, useNavigate } from '@tanstack/react-router'
import { useEffect, useRef, useState } from 'react'

const PAUSE_MS = 250

/** The URL's `q` as typed (the router may have parsed a number-like query into a number). */
function queryOf(search: Record<string, unknown>): string {
  const q = search.q
  return q === undefined || q === null ? '' : String(q)
}

export function SearchBox() {
  const navigate = useNavigate()
  const onSearchPage = useLocation({ select: (l) => l.pathname.replace(/\/$/, '').endsWith('/search') })
  // From the location too (not the matched route's search, which lags behind it while a navigation is
  // pending): both always describe the same URL.
  const urlQuery = useLocation({ select: (l) => queryOf(l.search) })
  const [value, setValue] = useState(urlQuery)
  const timer = useRef<ReturnType<typeof setTimeout>>(undefined)
  // The queries this box sent to the URL and not yet seen back, oldest first. When the URL arrives at one
  // of them it is this box's own search landing (the person may have typed on meanwhile: keep their text).
  const sent = useRef<string[]>([])

  // Back/forward or a link changed the URL's query: show it.
  useEffect(() => {
    if (!onSearchPage) return
    const own = sent.current.indexOf(urlQuery)
    if (own >= 0) {
      sent.current.splice(0, own + 1)
      return
    }
    sent.current = []
    setValue(urlQuery)
  }, [onSearchPage, urlQuery])
  useEffect(() => () => clearTimeout(timer.current), [])

  function go(q: string, replace: boolean) {
    clearTimeout(timer.current)
    if (!onSearchPage || q.trim() !== urlQuery) sent.current.push(q.trim())
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
