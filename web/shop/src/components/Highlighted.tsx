/** Renders a search highlight from the API as text and <mark> elements (never as HTML). */
import { parseHighlight } from '../lib/highlight.ts'

/** A highlight string from the API, with its matches as <mark> elements. */
export function Highlighted({ html }: { html: string }) {
  return (
    <>
      {parseHighlight(html).map((segment, i) =>
        // biome-ignore lint/suspicious/noArrayIndexKey: segments are positional and never reordered
        segment.mark ? <mark key={i}>{segment.text}</mark> : <span key={i}>{segment.text}</span>,
      )}
    </>
  )
}
