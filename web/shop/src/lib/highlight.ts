/**
 * Search highlights. The API sends each highlight as HTML-escaped text in which matched words are
 * wrapped in <mark>…</mark> (catalog/search/text.ts). Rather than trust that string as HTML, it is
 * parsed into segments and rendered as React text and <mark> elements: whatever else the string holds
 * is shown as text, never interpreted.
 */

export interface Segment {
  text: string
  mark: boolean
}

const ENTITIES: Record<string, string> = { '&amp;': '&', '&lt;': '<', '&gt;': '>', '&quot;': '"', '&#39;': "'" }

function decodeEntities(text: string): string {
  return text.replace(/&(?:amp|lt|gt|quot|#39);/g, (entity) => ENTITIES[entity])
}

/** `a <mark>b</mark> c` → [{ text: 'a ', mark: false }, { text: 'b', mark: true }, { text: ' c', mark: false }]. */
export function parseHighlight(html: string): Segment[] {
  const segments: Segment[] = []
  // split with a capture group: odd indices are the marked words
  const pieces = html.split(/<mark>(.*?)<\/mark>/s)
  for (const [i, piece] of pieces.entries()) {
    if (piece !== '') segments.push({ text: decodeEntities(piece), mark: i % 2 === 1 })
  }
  return segments
}
