/** Cursor paging for the admin lists (`nextCursor` in the answer): a stack of cursors, reset when the filters change. */
import { useEffect, useState } from 'react'

export function useCursorPages(filters: unknown[]) {
  const [stack, setStack] = useState<string[]>([])
  const key = JSON.stringify(filters)
  // biome-ignore lint/correctness/useExhaustiveDependencies: the serialised filters are the dependency
  useEffect(() => setStack([]), [key])
  const cursor = stack.at(-1)
  return {
    cursor,
    controls(nextCursor: string | null) {
      if (stack.length === 0 && !nextCursor) return null
      return (
        <nav className="row" aria-label="Pages">
          <button
            type="button"
            className="secondary"
            disabled={stack.length === 0}
            onClick={() => setStack((s) => s.slice(0, -1))}
          >
            Previous page
          </button>
          <button
            type="button"
            className="secondary"
            disabled={!nextCursor}
            onClick={() => nextCursor && setStack((s) => [...s, nextCursor])}
          >
            Next page
          </button>
        </nav>
      )
    },
  }
}
