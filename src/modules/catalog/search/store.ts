/**
 * Storefront listing and search SQL for both dialects behind one interface. Full-text matching is the
 * only part that differs: FTS5 MATCH ranked by bm25 on SQLite, a GIN-indexed tsvector ranked by
 * ts_rank on PostgreSQL. Filters, facets and pagination are the same SQL on both.
 */
import { setImmediate } from 'node:timers/promises'
import { type RawBuilder, sql } from 'kysely'
import type { Db, Dialect } from '../../../platform/db/types.ts'
import type { Status } from '../schemas.ts'
import { type ExpandedTerm, filterToken, toFts5, toTsquery } from './text.ts'
import type { TextRow } from './text-index.ts'

export interface Filter {
  currency: string
  categoryId?: string
  minPrice?: number
  maxPrice?: number
  inStock?: boolean
  tags: string[]
  /** Option name -> accepted values (any of them). */
  options: Map<string, string[]>
  /** The text query: each term's words (as typed first, then its typo alternatives). */
  terms?: ExpandedTerm[]
}

export type Order = 'relevance' | 'newest' | 'name' | 'price' | '-price'

export interface CardRow {
  id: string
  handle: string
  title: string
  description: string
  images: string
  created_at: number
  min_amount: number | null
  in_stock: number | boolean
  rank: number
}

/**
 * 1 when a product has a variant in stock. A scalar subquery with LIMIT, not EXISTS: PostgreSQL turns
 * an EXISTS in a select list into a hash over the whole variant table; this stays one index probe per row.
 */
const IN_STOCK = sql`select 1 from variant v where v.product_id = p.id and v.stock > 0 limit 1`

/** Upper bounds (exclusive, minor units) of the price facet buckets; the last bucket is open. */
export const PRICE_BUCKETS = [1000, 2500, 5000, 10000, 25000, 50000] as const

/**
 * Statuses kept out of storefront search, as index tokens. Excluding the few unpublished products is
 * cheap; requiring a "published" token would intersect a posting list as long as the catalog.
 */
export const UNPUBLISHED = (['draft', 'archived'] as const satisfies readonly Exclude<Status, 'published'>[]).map(
  (status) => filterToken('s', status),
)

/** Field weights: title, SKUs and tags, description, filter tokens (never text), category names and option values. */
const WEIGHTS = { a: 10, b: 4, c: 1, e: 0.5 } as const

/**
 * The full-text condition and the ranking signals. Category, tag and option filters ride along as
 * index tokens (an AND of OR-groups over `search_d`), so the engine intersects them before a single
 * product row is read.
 *
 * Ranking on this SQL path (used until the node's text index is built, which ranks the same tiers with
 * its own text score: text-index.ts), the same on both databases (`bestFirst`): first the products whose title holds every query
 * word as typed (`exact`), shorter titles first (`words`, kept with each node's facet data); then those that hold every word as typed in
 * any field (`typed`, only computed when typo alternatives widened the query); then the text score. The
 * score is bm25 with per-column weights on SQLite; on PostgreSQL each term scores by the best field it
 * occurs in (title, SKUs and tags, description, category and option names), plus a small share of
 * ts_rank, rather than ts_rank's proximity across the concatenated fields.
 */
function matchSql(dialect: Dialect, terms: readonly ExpandedTerm[], filters: string[][]) {
  const widened = terms.some((t) => t.words.length > 1)
  if (dialect === 'sqlite') {
    const keys = filters.map((group) => ` AND search_d : (${group.map((t) => `"${t}"`).join(' OR ')})`).join('')
    const hidden = ` NOT search_d : (${UNPUBLISHED.map((t) => `"${t}"`).join(' OR ')})`
    const match = `{search_a search_b search_c search_e} : (${toFts5(terms)})${keys}${hidden}`
    const exact = sql<number>`(product_fts.rowid in (select rowid from product_fts where product_fts match ${`{search_a} : (${toFts5(terms, true)})`}))`
    return {
      // CROSS JOIN fixes the loop order: FTS first, then products by primary key (never an FTS probe per product).
      from: sql`product_fts cross join product p on p.seq = product_fts.rowid`,
      indexFrom: sql`product_fts`,
      seq: sql`product_fts.rowid`,
      where: sql`product_fts match ${match}`,
      // bm25 is lower-is-better; negate so that both dialects sort by rank descending.
      rank: sql<number>`-bm25(product_fts, ${sql.lit(WEIGHTS.a)}, ${sql.lit(WEIGHTS.b)}, ${sql.lit(WEIGHTS.c)}, 0.0, ${sql.lit(WEIGHTS.e)})`,
      exact,
      typed: widened
        ? sql<number>`(product_fts.rowid in (select rowid from product_fts where product_fts match ${`{search_a search_b search_c search_e} : (${toFts5(terms, true)})`}))`
        : sql<number>`1`,
    }
  }
  const keys = filters.map((group) => (group.length === 1 ? group[0] : `(${group.join(' | ')})`)).join(' & ')
  // Checked on the rows the text index found (a negation does not use the index, and need not).
  const hidden = sql`not (s.filter_vector @@ to_tsquery('simple', ${UNPUBLISHED.join(' | ')}))`
  const words = toTsquery(terms)
  const text = sql`s.search_vector @@ to_tsquery('simple', ${words})`
  const has = (query: string) => sql`s.search_vector @@ to_tsquery('simple', ${query})`
  const perTerm = terms.map(
    (t) => sql`case when ${has(toTsquery([t], false, 'A'))} then ${sql.lit(WEIGHTS.a)}
      when ${has(toTsquery([t], false, 'B'))} then ${sql.lit(WEIGHTS.b)}
      when ${has(toTsquery([t], false, 'C'))} then ${sql.lit(WEIGHTS.c)} else ${sql.lit(WEIGHTS.e)} end`,
  )
  const exact = has(toTsquery(terms, true, 'A'))
  return {
    from: sql`product_search s join product p on p.seq = s.seq`,
    indexFrom: sql`product_search s`,
    seq: sql`s.seq`,
    where:
      keys === ''
        ? sql`${text} and ${hidden}`
        : sql`${text} and s.filter_vector @@ to_tsquery('simple', ${keys}) and ${hidden}`,
    rank: sql<number>`(${sql.join(perTerm, sql` + `)} + ts_rank(s.search_vector, to_tsquery('simple', ${words}), 1) / 10)`,
    exact: sql<number>`(case when ${exact} then 1 else 0 end)`,
    typed: widened ? sql<number>`(case when ${has(toTsquery(terms, true))} then 1 else 0 end)` : sql<number>`1`,
  }
}

/** A text query's category, tag and option filters as groups of index tokens (each group needs one). */
export function filterGroups(f: Filter): string[][] {
  const tokens: string[][] = []
  if (f.categoryId) tokens.push([filterToken('c', f.categoryId)])
  for (const tag of f.tags) tokens.push([filterToken('t', tag)])
  for (const [name, values] of f.options) tokens.push(values.map((v) => filterToken('o', `${name}=${v}`)))
  return tokens
}

/** `walked`: the query already walks the category's own index (category_listing, category_price). */
function whereOf(dialect: Dialect, f: Filter, walked = false) {
  const tokens = f.terms === undefined ? [] : filterGroups(f)
  const m = f.terms === undefined ? undefined : matchSql(dialect, f.terms, tokens)
  // With a text query, status, category, tags and options are index tokens (see matchSql).
  const where: RawBuilder<unknown>[] = m ? [m.where] : [sql`p.status = 'published'`]
  if (f.categoryId && !m && !walked) {
    // EXISTS probes a primary key per candidate row, so an ordered walk stops after one page.
    where.push(
      sql`exists (select 1 from product_category pc where pc.product_id = p.id and pc.category_id = ${f.categoryId})`,
    )
  }
  if (f.minPrice !== undefined) where.push(sql`pp.min_amount >= ${f.minPrice}`)
  if (f.maxPrice !== undefined) where.push(sql`pp.min_amount <= ${f.maxPrice}`)
  if (f.inStock) where.push(sql`(${IN_STOCK}) is not null`)
  for (const tag of m ? [] : f.tags) {
    where.push(sql`exists (select 1 from product_tag pt where pt.product_id = p.id and pt.tag = ${tag})`)
  }
  for (const [name, values] of m ? [] : f.options) {
    where.push(
      sql`exists (select 1 from product_option po where po.product_id = p.id and po.name = ${name} and po.value in (${sql.join(values)}))`,
    )
  }
  const priced = f.minPrice !== undefined || f.maxPrice !== undefined
  const priceJoin = priced
    ? sql`join product_price pp on pp.product_id = p.id and pp.currency = ${f.currency}`
    : sql`left join product_price pp on pp.product_id = p.id and pp.currency = ${f.currency}`
  return {
    from: m ? m.from : sql`product p`,
    priceJoin,
    where: sql.join(where, sql` and `),
    rank: m ? m.rank : sql<number>`0`,
    match: m,
    /** The full-text index alone answers the filter: no product row needs reading. */
    indexOnly: m && !priced && !f.inStock ? m : undefined,
    priced,
  }
}

/** Cards of these products, by seq (in no particular order). */
export async function cardsBySeqs(
  db: Db,
  seqs: readonly number[],
  currency: string,
): Promise<(CardRow & { seq: number })[]> {
  if (seqs.length === 0) return []
  const result = await sql<CardRow & { seq: number }>`select p.seq, p.id, p.handle, p.title, p.description,
      p.images, p.created_at, pp.min_amount, coalesce((${IN_STOCK}), 0) as in_stock, 0 as rank
    from product p left join product_price pp on pp.product_id = p.id and pp.currency = ${currency}
    where p.seq in (${sql.join(seqs)})`.execute(db)
  return result.rows
}

/**
 * One page of cards. `after` is the keyset of the last row seen for the order (or an offset for
 * relevance, whose score is not a stable key).
 */
export async function listCards(
  db: Db,
  dialect: Dialect,
  f: Filter,
  order: Order,
  after: readonly (string | number)[] | undefined,
  limit: number,
): Promise<CardRow[]> {
  return (await listCardsQuery(dialect, f, order, after, limit).execute(db)).rows
}

/** The SQL of `listCards` (tests pin its plan with EXPLAIN). */
export function listCardsQuery(
  dialect: Dialect,
  f: Filter,
  order: Order,
  after: readonly (string | number)[] | undefined,
  limit: number,
) {
  // A category page (no text query) walks that category's own index for every sort: category_listing
  // by newest or name, category_price by price; the order is the index's, 20 entries are read.
  const categoryPage = f.categoryId !== undefined && f.terms === undefined
  const w = whereOf(dialect, f, categoryPage)
  let orderBy: RawBuilder<unknown>
  let keyset: RawBuilder<unknown> | undefined
  let priceJoin = w.priceJoin
  let from = w.from
  // CROSS JOIN (SQLite) fixes the loop order: the category's index first, then products by id.
  const walk = dialect === 'sqlite' ? sql`cross join` : sql`join`
  const listing = sql`category_listing cl ${walk} product p on p.id = cl.product_id and cl.category_id = ${f.categoryId ?? ''}`
  switch (order) {
    case 'relevance': // ranked through searchHits and bestFirst; here only without a text query
    case 'newest':
      if (categoryPage) {
        from = listing
        orderBy = sql`cl.created_at desc, cl.product_id desc`
        if (after) keyset = sql`(cl.created_at, cl.product_id) < (${after[0]}, ${after[1]})`
        break
      }
      orderBy = sql`p.created_at desc, p.id desc`
      if (after) keyset = sql`(p.created_at, p.id) < (${after[0]}, ${after[1]})`
      break
    case 'name':
      if (categoryPage) {
        from = listing
        orderBy = sql`cl.title asc, cl.product_id asc`
        if (after) keyset = sql`(cl.title, cl.product_id) > (${after[0]}, ${after[1]})`
        break
      }
      orderBy = sql`p.title asc, p.id asc`
      if (after) keyset = sql`(p.title, p.id) > (${after[0]}, ${after[1]})`
      break
    case 'price':
    case '-price':
      priceJoin = sql`join product_price pp on pp.product_id = p.id and pp.currency = ${f.currency}`
      if (categoryPage) {
        // A category page by price walks that category's own price index, not the whole catalog's.
        from = sql`category_price cp ${walk} product p on p.id = cp.product_id`
        priceJoin = sql`${priceJoin} and cp.category_id = ${f.categoryId} and cp.currency = ${f.currency}`
        orderBy =
          order === 'price' ? sql`cp.min_amount asc, cp.product_id asc` : sql`cp.min_amount desc, cp.product_id desc`
        if (after) {
          keyset =
            order === 'price'
              ? sql`(cp.min_amount, cp.product_id) > (${after[0]}, ${after[1]})`
              : sql`(cp.min_amount, cp.product_id) < (${after[0]}, ${after[1]})`
        }
        break
      }
      orderBy = order === 'price' ? sql`pp.min_amount asc, p.id asc` : sql`pp.min_amount desc, p.id desc`
      if (after) {
        keyset =
          order === 'price'
            ? sql`(pp.min_amount, p.id) > (${after[0]}, ${after[1]})`
            : sql`(pp.min_amount, p.id) < (${after[0]}, ${after[1]})`
      }
      break
  }
  const where = keyset ? sql`${w.where} and ${keyset}` : w.where
  // A card shows no description; only a text query's highlights need it.
  const description = f.terms ? sql`p.description` : sql`'' as description`
  return sql<CardRow>`select p.id, p.handle, p.title, ${description}, p.images, p.created_at,
      pp.min_amount, coalesce((${IN_STOCK}), 0) as in_stock,
      0 as rank
    from ${from} ${priceJoin}
    where ${where}
    order by ${orderBy}
    limit ${limit}`
}

export interface HitRow {
  seq: number
  /** Text score, higher is better; 0 without a text query. */
  rank: number
  /** 1 when the title holds every query word as typed (only when `ranked`). */
  exact?: number | boolean
  /** Words in the title: not read here, but from the facet data (FacetCounter.count sets it). */
  words?: number
  /** 1 when every query word matched as typed, not only through a typo alternative (only when `ranked`). */
  typed?: number | boolean
}

/**
 * Every published product the filter matches, with its rank (`signals`: 'ranked' adds the other
 * relevance signals, see matchSql; 'tiers' gives those signals without the text score, which
 * ranksBySeqs then computes for the few hits that can reach the page): one pass over the matches
 * gives the total, the facets and (by relevance) the page. With a text query and no price or stock
 * filter the full-text index answers alone; otherwise product rows (and prices) are joined.
 * `exactInJs`: the caller sets `exact` itself (from the titles each node keeps, engine.ts), so the
 * query leaves out the title-only match (a second index walk and a probe per hit).
 */
export async function searchHits(
  db: Db,
  dialect: Dialect,
  f: Filter,
  signals: 'plain' | 'ranked' | 'tiers' = 'plain',
  exactInJs = false,
): Promise<HitRow[]> {
  const w = whereOf(dialect, f)
  const m = w.match
  const exact = exactInJs ? sql`0` : m?.exact
  const select =
    signals === 'plain' || !m
      ? sql`${w.rank} as rank`
      : sql`${signals === 'ranked' ? m.rank : sql`0`} as rank, ${exact} as exact, ${m.typed} as typed`
  const query = w.indexOnly
    ? sql<HitRow>`select ${w.indexOnly.seq} as seq, ${select} from ${w.indexOnly.indexFrom} where ${w.where}`
    : sql<HitRow>`select p.seq, ${select} from ${w.from} ${w.priced ? w.priceJoin : sql``} where ${w.where}`
  return (await query.execute(db)).rows
}

/**
 * PostgreSQL: the text score of these products for the filter's query, by seq. The score is a function
 * of the row alone (unlike bm25, which needs the FTS5 cursor of the whole match), so it can be
 * computed for the hits that can reach the page only.
 */
export async function ranksBySeqs(db: Db, f: Filter, seqs: readonly number[]): Promise<Map<number, number>> {
  const out = new Map<number, number>()
  if (!f.terms || seqs.length === 0) return out
  const { rank } = matchSql('postgres', f.terms, [])
  const result = await sql<{ seq: number; rank: number }>`select s.seq, ${rank} as rank from product_search s
    where s.seq = any(${[...seqs]}::bigint[])`.execute(db)
  for (const row of result.rows) out.set(Number(row.seq), Number(row.rank))
  return out
}

/** Facet data (`product.facets`) of these products, by seq. */
export async function facetsBySeqs(db: Db, seqs: readonly number[]): Promise<Map<number, string>> {
  const out = new Map<number, string>()
  for (let i = 0; i < seqs.length; i += 1000) {
    const rows = await db
      .selectFrom('product')
      .select(['seq', 'facets'])
      .where('seq', 'in', seqs.slice(i, i + 1000))
      .execute()
    for (const row of rows) out.set(Number(row.seq), row.facets)
  }
  return out
}

/**
 * Facet data, search text (`search_a` .. `search_e`, normalized: the title is `search_a`), id, creation
 * time and whether a variant is in stock, of up to `limit` products in seq order after `afterSeq` (a walk of the primary
 * key / seq index, and one variant probe per product).
 */
export async function facetsAfter(
  db: Db,
  afterSeq: number,
  limit: number,
): Promise<{ seq: number; facets: string; title: string; text: TextRow }[]> {
  return indexRows(indexRowsQuery(db).where('p.seq', '>', afterSeq).orderBy('p.seq').limit(limit))
}

/** The same rows as facetsAfter for these products (by seq; a deleted one is absent), 500 per statement. */
export async function indexRowsOf(
  db: Db,
  seqs: readonly number[],
): Promise<{ seq: number; facets: string; title: string; text: TextRow }[]> {
  const out: { seq: number; facets: string; title: string; text: TextRow }[] = []
  for (let i = 0; i < seqs.length; i += 500) {
    out.push(...(await indexRows(indexRowsQuery(db).where('p.seq', 'in', seqs.slice(i, i + 500)))))
  }
  return out
}

function indexRowsQuery(db: Db) {
  return db
    .selectFrom('product as p')
    .leftJoin('product_search as s', 's.seq', 'p.seq')
    .select(['p.seq', 'p.id', 'p.created_at', 'p.facets', 's.search_a', 's.search_b', 's.search_c', 's.search_d'])
    .select('s.search_e')
    .select(sql<number | null>`(${IN_STOCK})`.as('in_stock'))
}

async function indexRows(
  query: ReturnType<typeof indexRowsQuery>,
): Promise<{ seq: number; facets: string; title: string; text: TextRow }[]> {
  const rows = await query.execute()
  return rows.map((r) => ({
    seq: Number(r.seq),
    facets: r.facets,
    title: r.search_a ?? '',
    text: {
      a: r.search_a ?? '',
      b: r.search_b ?? '',
      c: r.search_c ?? '',
      d: r.search_d ?? '',
      e: r.search_e ?? '',
      inStock: Number(r.in_stock ?? 0) === 1,
      id: r.id,
      createdAt: Number(r.created_at),
    },
  }))
}

/**
 * Merges the full-text index into one segment after a bulk write. FTS5 adds a segment per write
 * transaction and merges only some of them as it goes; after seeding or importing a large catalog the
 * leftover segments made every search ~40 % slower (100k products: ~3 s of merging, done in small steps). PostgreSQL's GIN index needs nothing like it (autovacuum cleans its pending list).
 */
export async function optimizeIndex(db: Db, dialect: Dialect): Promise<void> {
  if (dialect !== 'sqlite') return
  // 'optimize' is one statement: ~3 s at 100k products with the event loop held (node:sqlite is
  // synchronous). A negative 'merge' does the same work a page budget at a time, yielding between
  // steps; a step that changes fewer than 2 rows found nothing left to merge (FTS5 docs, "The 'merge'
  // command").
  for (let step = 0; step < MAX_MERGE_STEPS; step++) {
    const before = await totalChanges(db)
    await sql`insert into product_fts(product_fts, rank) values ('merge', ${-MERGE_PAGES})`.execute(db)
    if ((await totalChanges(db)) - before < 2) return
    await setImmediate()
  }
}

/** Pages one merge step writes (a few ms each); the step count only bounds a runaway loop. */
const MERGE_PAGES = 200
const MAX_MERGE_STEPS = 100_000

async function totalChanges(db: Db): Promise<number> {
  const { rows } = await sql<{ n: number }>`select total_changes() as n`.execute(db)
  return Number(rows[0]?.n ?? 0)
}

export interface CategoryName {
  id: string
  handle: string
  name: string
}

/** Every category's id, handle and name (each node keeps them per catalog version). */
export function allCategoryNames(db: Db): Promise<CategoryName[]> {
  return db.selectFrom('category').select(['id', 'handle', 'name']).execute()
}

/** Names of these categories, for the facets. */
export function categoriesByIds(db: Db, ids: readonly string[]) {
  if (ids.length === 0) return Promise.resolve([])
  return db.selectFrom('category').select(['id', 'handle', 'name']).where('id', 'in', ids).execute()
}

// ---------------------------------------------------------------------------------------------
// Vocabulary (typo tolerance)

/** Words sharing the head or the tail of a word, within the length bounds: the typo candidates. */
export async function candidateWords(
  db: Db,
  keys: { head: string; tail?: string; minLength: number; maxLength: number },
): Promise<string[]> {
  let query = db
    .selectFrom('search_word')
    .select('word')
    .where('head', '=', keys.head)
    .where('len', '>=', keys.minLength)
    .where('len', '<=', keys.maxLength)
  if (keys.tail !== undefined) {
    query = query.union(
      db
        .selectFrom('search_word')
        .select('word')
        .where('tail', '=', keys.tail)
        .where('len', '>=', keys.minLength)
        .where('len', '<=', keys.maxLength),
    )
  }
  return (await query.limit(2000).execute()).map((r) => r.word)
}
