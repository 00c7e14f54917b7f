/**
 * The reports route. Its page (and Recharts with it) is a separate chunk, loaded when the route is
 * first visited, so the dashboard's initial JavaScript does not carry the charts.
 */
import { createRoute, lazyRouteComponent } from '@tanstack/react-router'
import { guarded } from '../../routes/guard.tsx'
import { appRoute } from '../../routes/root.tsx'

export interface ReportSearch {
  /** First and last UTC day, inclusive (YYYY-MM-DD). */
  from: string
  to: string
  granularity: 'day' | 'week'
}

const DAY_MS = 86_400_000
const isDay = (value: unknown): value is string =>
  typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value) && !Number.isNaN(Date.parse(value))
const day = (ms: number) => new Date(ms).toISOString().slice(0, 10)

/** The last 30 days up to today (UTC) unless the URL says otherwise. */
export function defaultRange(now = Date.now()): { from: string; to: string } {
  return { from: day(now - 29 * DAY_MS), to: day(now) }
}

export const reportsRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/reports',
  ...guarded('reports:read'),
  validateSearch: (search: Record<string, unknown>): ReportSearch => {
    const fallback = defaultRange()
    return {
      from: isDay(search.from) ? search.from : fallback.from,
      to: isDay(search.to) ? search.to : fallback.to,
      granularity: search.granularity === 'week' ? 'week' : 'day',
    }
  },
  component: lazyRouteComponent(() => import('./Reports.tsx'), 'Reports'),
})
