/**
 * Catalog tables. Products keep their rendered storefront document (`doc`, `etag`) so a product GET is
 * one indexed read. Search text lives in `search_a/b/c` (title; SKUs and tags; description), already
 * normalized; SQLite indexes it with an FTS5 table kept in step by triggers, PostgreSQL with a stored,
 * GIN-indexed tsvector. Either way the index changes in the same transaction as the product.
 */
import { type Kysely, sql } from 'kysely'
import { dialectOf, type Migrations } from '../../platform/db/migrate.ts'
import { searchFieldsText } from './documents.ts'
import { changeLogMigrations } from './search/change-log.ts'
import { vocabularyRow, words } from './search/text.ts'

export const catalogMigrations: Migrations = {
  '0200_catalog_init': {
    async up(db: Kysely<any>) {
      const postgres = dialectOf(db) === 'postgres'
      await db.schema
        .createTable('category')
        .addColumn('id', 'varchar(60)', (c) => c.primaryKey())
        .addColumn('parent_id', 'varchar(60)', (c) => c.references('category.id'))
        .addColumn('handle', 'varchar(120)', (c) => c.notNull().unique())
        .addColumn('name', 'varchar(200)', (c) => c.notNull())
        .addColumn('path', 'text', (c) => c.notNull())
        .addColumn('position', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .addColumn('updated_at', 'bigint', (c) => c.notNull())
        .execute()
      await db.schema.createIndex('category_parent').on('category').columns(['parent_id', 'position']).execute()

      let product = db.schema.createTable('product')
      product = postgres
        ? product
            .addColumn('id', 'varchar(60)', (c) => c.primaryKey())
            .addColumn('seq', 'bigint', (c) => c.notNull().unique().generatedByDefaultAsIdentity())
        : product
            .addColumn('seq', 'integer', (c) => c.primaryKey())
            .addColumn('id', 'varchar(60)', (c) => c.notNull().unique())
      product = product
        .addColumn('handle', 'varchar(120)', (c) => c.notNull().unique())
        .addColumn('title', 'varchar(200)', (c) => c.notNull())
        .addColumn('description', 'text', (c) => c.notNull())
        .addColumn('status', 'varchar(16)', (c) => c.notNull())
        .addColumn('attributes', 'text', (c) => c.notNull())
        .addColumn('tags', 'text', (c) => c.notNull())
        .addColumn('images', 'text', (c) => c.notNull())
        .addColumn('category_ids', 'text', (c) => c.notNull())
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .addColumn('updated_at', 'bigint', (c) => c.notNull())
        .addColumn('published_at', 'bigint')
        .addColumn('doc', 'text', (c) => c.notNull())
        .addColumn('etag', 'varchar(64)', (c) => c.notNull())
        .addColumn('search_a', 'text', (c) => c.notNull())
        .addColumn('search_b', 'text', (c) => c.notNull())
        .addColumn('search_c', 'text', (c) => c.notNull())
      if (postgres) {
        product = product.addColumn('search_vector', sql`tsvector`, (c) =>
          c
            .generatedAlwaysAs(
              sql`setweight(to_tsvector('simple', search_a), 'A') || setweight(to_tsvector('simple', search_b), 'B') || setweight(to_tsvector('simple', search_c), 'C')`,
            )
            .stored()
            .notNull(),
        )
      }
      await product.execute()
      await db.schema.createIndex('product_newest').on('product').columns(['status', 'created_at', 'id']).execute()
      await db.schema.createIndex('product_name').on('product').columns(['status', 'title', 'id']).execute()

      await db.schema
        .createTable('variant')
        .addColumn('id', 'varchar(60)', (c) => c.primaryKey())
        .addColumn('product_id', 'varchar(60)', (c) => c.notNull().references('product.id').onDelete('cascade'))
        .addColumn('sku', 'varchar(64)', (c) => c.notNull().unique())
        .addColumn('options', 'text', (c) => c.notNull())
        .addColumn('position', 'integer', (c) => c.notNull())
        .addColumn('stock', 'integer', (c) => c.notNull())
        .addColumn('weight_grams', 'integer', (c) => c.notNull())
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .addColumn('updated_at', 'bigint', (c) => c.notNull())
        .execute()
      await db.schema.createIndex('variant_product').on('variant').columns(['product_id', 'stock']).execute()

      await db.schema
        .createTable('variant_price')
        .addColumn('variant_id', 'varchar(60)', (c) => c.notNull().references('variant.id').onDelete('cascade'))
        .addColumn('currency', 'char(3)', (c) => c.notNull())
        .addColumn('amount', 'bigint', (c) => c.notNull())
        .addColumn('compare_at', 'bigint')
        .addPrimaryKeyConstraint('variant_price_pk', ['variant_id', 'currency'])
        .execute()

      await db.schema
        .createTable('variant_option')
        .addColumn('variant_id', 'varchar(60)', (c) => c.notNull().references('variant.id').onDelete('cascade'))
        .addColumn('product_id', 'varchar(60)', (c) => c.notNull())
        .addColumn('name', 'varchar(40)', (c) => c.notNull())
        .addColumn('value', 'varchar(100)', (c) => c.notNull())
        .addPrimaryKeyConstraint('variant_option_pk', ['variant_id', 'name'])
        .execute()
      await db.schema
        .createIndex('variant_option_value')
        .on('variant_option')
        .columns(['name', 'value', 'product_id'])
        .execute()
      await db.schema.createIndex('variant_option_product').on('variant_option').column('product_id').execute()

      await db.schema
        .createTable('product_price')
        .addColumn('product_id', 'varchar(60)', (c) => c.notNull().references('product.id').onDelete('cascade'))
        .addColumn('currency', 'char(3)', (c) => c.notNull())
        .addColumn('min_amount', 'bigint', (c) => c.notNull())
        .addColumn('max_amount', 'bigint', (c) => c.notNull())
        .addPrimaryKeyConstraint('product_price_pk', ['product_id', 'currency'])
        .execute()
      await db.schema
        .createIndex('product_price_amount')
        .on('product_price')
        .columns(['currency', 'min_amount', 'product_id'])
        .execute()

      // Every category a product is in, its ancestors included (direct = 0), so a filter by category
      // covers the descendants with one index lookup.
      await db.schema
        .createTable('product_category')
        .addColumn('product_id', 'varchar(60)', (c) => c.notNull().references('product.id').onDelete('cascade'))
        .addColumn('category_id', 'varchar(60)', (c) => c.notNull().references('category.id'))
        .addColumn('direct', 'integer', (c) => c.notNull())
        .addPrimaryKeyConstraint('product_category_pk', ['product_id', 'category_id'])
        .execute()
      await db.schema
        .createIndex('product_category_category')
        .on('product_category')
        .columns(['category_id', 'product_id'])
        .execute()

      await db.schema
        .createTable('product_tag')
        .addColumn('product_id', 'varchar(60)', (c) => c.notNull().references('product.id').onDelete('cascade'))
        .addColumn('tag', 'varchar(60)', (c) => c.notNull())
        .addPrimaryKeyConstraint('product_tag_pk', ['product_id', 'tag'])
        .execute()
      await db.schema.createIndex('product_tag_tag').on('product_tag').columns(['tag', 'product_id']).execute()

      // Vocabulary for typo tolerance: a one-edit neighbour shares the head or the tail (search/text.ts).
      await db.schema
        .createTable('search_word')
        .addColumn('word', 'varchar(40)', (c) => c.primaryKey())
        .addColumn('head', 'varchar(2)', (c) => c.notNull())
        .addColumn('tail', 'varchar(2)', (c) => c.notNull())
        .addColumn('len', 'integer', (c) => c.notNull())
        .execute()
      await db.schema.createIndex('search_word_head').on('search_word').columns(['head', 'len']).execute()
      await db.schema.createIndex('search_word_tail').on('search_word').columns(['tail', 'len']).execute()

      if (postgres) {
        await sql`create index product_search on product using gin (search_vector)`.execute(db)
      } else {
        await sql`create virtual table product_fts using fts5(search_a, search_b, search_c, content='product', content_rowid='seq', prefix='2 3 4', tokenize='unicode61 remove_diacritics 2')`.execute(
          db,
        )
        await sql`create trigger product_fts_insert after insert on product begin
          insert into product_fts(rowid, search_a, search_b, search_c) values (new.seq, new.search_a, new.search_b, new.search_c);
        end`.execute(db)
        await sql`create trigger product_fts_delete after delete on product begin
          insert into product_fts(product_fts, rowid, search_a, search_b, search_c) values ('delete', old.seq, old.search_a, old.search_b, old.search_c);
        end`.execute(db)
        await sql`create trigger product_fts_update after update of search_a, search_b, search_c on product begin
          insert into product_fts(product_fts, rowid, search_a, search_b, search_c) values ('delete', old.seq, old.search_a, old.search_b, old.search_c);
          insert into product_fts(rowid, search_a, search_b, search_c) values (new.seq, new.search_a, new.search_b, new.search_c);
        end`.execute(db)
      }
    },
    async down(db: Kysely<any>) {
      if (dialectOf(db) === 'sqlite') await sql`drop table if exists product_fts`.execute(db)
      for (const table of [
        'category_price',
        'product_option',
        'product_search',
        'product_doc',
        'search_word',
        'product_tag',
        'product_category',
        'product_price',
        'variant_option',
        'variant_price',
        'variant',
        'product',
        'category',
      ]) {
        await db.schema.dropTable(table).ifExists().execute()
      }
    },
  },
  /**
   * Keeps the product row small, so that walking thousands of search hits and probing their filters
   * stays in cache: the rendered document moves to product_doc, the search text to product_search (the
   * FTS5 content table, or the tsvector's home), and option values become one row per product and value.
   */
  '0201_catalog_split_documents': {
    async up(db: Kysely<any>) {
      const postgres = dialectOf(db) === 'postgres'
      await db.schema
        .createTable('product_doc')
        .addColumn('product_id', 'varchar(60)', (c) => c.primaryKey().references('product.id').onDelete('cascade'))
        .addColumn('doc', 'text', (c) => c.notNull())
        .addColumn('etag', 'varchar(64)', (c) => c.notNull())
        .execute()
      await sql`insert into product_doc (product_id, doc, etag) select id, doc, etag from product`.execute(db)
      if (postgres) {
        await sql`drop index product_search`.execute(db)
        await db.schema.alterTable('product').dropColumn('search_vector').execute()
      } else {
        for (const name of ['product_fts_insert', 'product_fts_delete', 'product_fts_update']) {
          await sql`drop trigger ${sql.id(name)}`.execute(db)
        }
        await sql`drop table product_fts`.execute(db)
      }
      let search = db.schema
        .createTable('product_search')
        .addColumn('seq', postgres ? 'bigint' : 'integer', (c) => c.primaryKey())
        .addColumn('product_id', 'varchar(60)', (c) =>
          c.notNull().unique().references('product.id').onDelete('cascade'),
        )
        .addColumn('search_a', 'text', (c) => c.notNull())
        .addColumn('search_b', 'text', (c) => c.notNull())
        .addColumn('search_c', 'text', (c) => c.notNull())
      if (postgres) {
        search = search.addColumn('search_vector', sql`tsvector`, (c) =>
          c
            .generatedAlwaysAs(
              sql`setweight(to_tsvector('simple', search_a), 'A') || setweight(to_tsvector('simple', search_b), 'B') || setweight(to_tsvector('simple', search_c), 'C')`,
            )
            .stored()
            .notNull(),
        )
      }
      await search.execute()
      await sql`insert into product_search (seq, product_id, search_a, search_b, search_c)
        select seq, id, search_a, search_b, search_c from product`.execute(db)
      if (postgres) {
        await sql`create index product_search_vector on product_search using gin (search_vector)`.execute(db)
      } else {
        await sql`create virtual table product_fts using fts5(search_a, search_b, search_c, content='product_search', content_rowid='seq', prefix='2 3 4', tokenize='unicode61 remove_diacritics 2')`.execute(
          db,
        )
        await sql`insert into product_fts(product_fts) values ('rebuild')`.execute(db)
        await sql`create trigger product_fts_insert after insert on product_search begin
          insert into product_fts(rowid, search_a, search_b, search_c) values (new.seq, new.search_a, new.search_b, new.search_c);
        end`.execute(db)
        await sql`create trigger product_fts_delete after delete on product_search begin
          insert into product_fts(product_fts, rowid, search_a, search_b, search_c) values ('delete', old.seq, old.search_a, old.search_b, old.search_c);
        end`.execute(db)
        await sql`create trigger product_fts_update after update on product_search begin
          insert into product_fts(product_fts, rowid, search_a, search_b, search_c) values ('delete', old.seq, old.search_a, old.search_b, old.search_c);
          insert into product_fts(rowid, search_a, search_b, search_c) values (new.seq, new.search_a, new.search_b, new.search_c);
        end`.execute(db)
      }
      for (const column of ['doc', 'etag', 'search_a', 'search_b', 'search_c']) {
        await db.schema.alterTable('product').dropColumn(column).execute()
      }

      await db.schema
        .createTable('product_option')
        .addColumn('product_id', 'varchar(60)', (c) => c.notNull().references('product.id').onDelete('cascade'))
        .addColumn('name', 'varchar(40)', (c) => c.notNull())
        .addColumn('value', 'varchar(100)', (c) => c.notNull())
        .addPrimaryKeyConstraint('product_option_pk', ['product_id', 'name', 'value'])
        .execute()
      await db.schema
        .createIndex('product_option_value')
        .on('product_option')
        .columns(['name', 'value', 'product_id'])
        .execute()
      await sql`insert into product_option (product_id, name, value)
        select distinct product_id, name, value from variant_option`.execute(db)
      await db.schema.dropTable('variant_option').execute()
    },
  },
  /**
   * Filter keys in the index: `search_d` holds one token per category (ancestors included), tag and
   * option value of a product (`zzc`/`zzt`/`zzo` + hex of the key), so a search intersects its words and
   * its filters inside the full-text index instead of probing every hit. User words never reach it.
   */
  '0202_catalog_filter_tokens': {
    async up(db: Kysely<any>) {
      const postgres = dialectOf(db) === 'postgres'
      await db.schema
        .alterTable('product_search')
        .addColumn('search_d', 'text', (c) => c.notNull().defaultTo(''))
        .execute()
      const hex = (value: string) => (postgres ? `encode(convert_to(${value}, 'UTF8'), 'hex')` : `lower(hex(${value}))`)
      const agg = (value: string) => (postgres ? `string_agg(${value}, ' ')` : `group_concat(${value}, ' ')`)
      await sql
        .raw(`update product_search set search_d = trim(
          coalesce((select ${agg(`'zzc' || ${hex('category_id')}`)} from product_category pc where pc.product_id = product_search.product_id), '') || ' ' ||
          coalesce((select ${agg(`'zzt' || ${hex('tag')}`)} from product_tag pt where pt.product_id = product_search.product_id), '') || ' ' ||
          coalesce((select ${agg(`'zzo' || ${hex(`name || '=' || value`)}`)} from product_option po where po.product_id = product_search.product_id), ''))`)
        .execute(db)
      if (postgres) {
        await sql`alter table product_search add column filter_vector tsvector generated always as (to_tsvector('simple', search_d)) stored`.execute(
          db,
        )
        await sql`create index product_search_filters on product_search using gin (filter_vector)`.execute(db)
        return
      }
      for (const name of ['product_fts_insert', 'product_fts_delete', 'product_fts_update']) {
        await sql`drop trigger ${sql.id(name)}`.execute(db)
      }
      await sql`drop table product_fts`.execute(db)
      await sql`create virtual table product_fts using fts5(search_a, search_b, search_c, search_d, content='product_search', content_rowid='seq', prefix='2 3 4', tokenize='unicode61 remove_diacritics 2')`.execute(
        db,
      )
      await sql`insert into product_fts(product_fts) values ('rebuild')`.execute(db)
      await sql`create trigger product_fts_insert after insert on product_search begin
        insert into product_fts(rowid, search_a, search_b, search_c, search_d) values (new.seq, new.search_a, new.search_b, new.search_c, new.search_d);
      end`.execute(db)
      await sql`create trigger product_fts_delete after delete on product_search begin
        insert into product_fts(product_fts, rowid, search_a, search_b, search_c, search_d) values ('delete', old.seq, old.search_a, old.search_b, old.search_c, old.search_d);
      end`.execute(db)
      await sql`create trigger product_fts_update after update on product_search begin
        insert into product_fts(product_fts, rowid, search_a, search_b, search_c, search_d) values ('delete', old.seq, old.search_a, old.search_b, old.search_c, old.search_d);
        insert into product_fts(rowid, search_a, search_b, search_c, search_d) values (new.seq, new.search_a, new.search_b, new.search_c, new.search_d);
      end`.execute(db)
    },
  },
  /** Category pages sorted by price walk their own index: (category, currency, price, product). */
  '0203_catalog_category_price': {
    async up(db: Kysely<any>) {
      await db.schema
        .createTable('category_price')
        .addColumn('category_id', 'varchar(60)', (c) => c.notNull())
        .addColumn('currency', 'char(3)', (c) => c.notNull())
        .addColumn('min_amount', 'bigint', (c) => c.notNull())
        .addColumn('product_id', 'varchar(60)', (c) => c.notNull().references('product.id').onDelete('cascade'))
        .addPrimaryKeyConstraint('category_price_pk', ['category_id', 'currency', 'min_amount', 'product_id'])
        .execute()
      await db.schema.createIndex('category_price_product').on('category_price').column('product_id').execute()
      await sql`insert into category_price (category_id, currency, min_amount, product_id)
        select pc.category_id, pp.currency, pp.min_amount, pc.product_id
        from product_category pc join product_price pp on pp.product_id = pc.product_id`.execute(db)
    },
  },
  /**
   * Search facets are counted in JavaScript from one compact column per product, read with the hits
   * (categories with their ancestors, option values, lowest price per currency), instead of three
   * joins and GROUP BYs over every hit: `{"c":[ids],"o":[[name,value]],"p":{"EUR":1299}}`.
   */
  '0204_catalog_facets': {
    async up(db: Kysely<any>) {
      await db.schema
        .alterTable('product')
        .addColumn('facets', 'text', (c) => c.notNull().defaultTo('{"c":[],"o":[],"p":{}}'))
        .execute()
      if (dialectOf(db) === 'postgres') {
        await sql`update product set facets = json_build_object(
          'c', coalesce((select json_agg(pc.category_id) from product_category pc where pc.product_id = product.id), '[]'),
          'o', coalesce((select json_agg(json_build_array(po.name, po.value)) from product_option po where po.product_id = product.id), '[]'),
          'p', coalesce((select json_object_agg(pp.currency, pp.min_amount) from product_price pp where pp.product_id = product.id), '{}')
        )::text`.execute(db)
      } else {
        await sql`update product set facets = json_object(
          'c', (select json_group_array(pc.category_id) from product_category pc where pc.product_id = product.id),
          'o', (select json_group_array(json_array(po.name, po.value)) from product_option po where po.product_id = product.id),
          'p', (select json_group_object(pp.currency, pp.min_amount) from product_price pp where pp.product_id = product.id)
        )`.execute(db)
      }
    },
  },
  /**
   * The product's status rides along as a filter token too, so a storefront search that filters only
   * by text, category, tags and options is answered by the full-text index alone, without reading a
   * product row per match.
   */
  '0205_catalog_status_token': {
    async up(db: Kysely<any>) {
      const hex =
        dialectOf(db) === 'postgres' ? sql`encode(convert_to(p.status, 'UTF8'), 'hex')` : sql`lower(hex(p.status))`
      await sql`update product_search set search_d = trim(search_d || ' zzs' || (
        select ${hex} from product p where p.id = product_search.product_id))`.execute(db)
      // Every row was deleted and re-inserted in the FTS5 index: merge its segments again.
      if (dialectOf(db) === 'sqlite') await sql`insert into product_fts(product_fts) values ('optimize')`.execute(db)
    },
  },
  /**
   * Category names (ancestors included) and option values become searchable at low weight: a new
   * column `search_e`, filled in JavaScript (the same normalization as every write), in the FTS5 table
   * (rebuilt with the column) and in the tsvector at weight D. Their words join the typo vocabulary.
   * The facet data gains the title's word count (`w`), a relevance signal.
   */
  '0210_catalog_search_fields': {
    async up(db: Kysely<any>) {
      const postgres = dialectOf(db) === 'postgres'
      await db.schema
        .alterTable('product_search')
        .addColumn('search_e', 'text', (c) => c.notNull().defaultTo(''))
        .execute()
      if (postgres) {
        await sql`drop index if exists product_search_vector`.execute(db)
        await sql`alter table product_search drop column search_vector`.execute(db)
      } else {
        for (const name of ['product_fts_insert', 'product_fts_delete', 'product_fts_update']) {
          await sql`drop trigger ${sql.id(name)}`.execute(db)
        }
        await sql`drop table product_fts`.execute(db)
      }
      const names = new Map(
        (await db.selectFrom('category').select(['id', 'name']).execute()).map((c) => [c.id as string, String(c.name)]),
      )
      let after = -1
      for (;;) {
        const batch = (
          await db
            .selectFrom('product_search')
            .select(['seq', 'product_id'])
            .where('seq', '>', after)
            .orderBy('seq')
            .limit(500)
            .execute()
        ).map((r) => ({ seq: Number(r.seq), productId: String(r.product_id) }))
        if (batch.length === 0) break
        after = batch[batch.length - 1].seq
        const ids = batch.map((r) => r.productId)
        const categories = await db
          .selectFrom('product_category')
          .select(['product_id', 'category_id'])
          .where('product_id', 'in', ids)
          .execute()
        const options = await db
          .selectFrom('product_option')
          .select(['product_id', 'value'])
          .where('product_id', 'in', ids)
          .execute()
        const rows = batch.map((r) => ({
          seq: r.seq,
          text: searchFieldsText(
            categories.filter((c) => c.product_id === r.productId).map((c) => names.get(c.category_id) ?? ''),
            options.filter((o) => o.product_id === r.productId).map((o) => String(o.value)),
          ),
        }))
        const values = sql.join(rows.map((r) => sql`(${r.seq}, ${r.text})`))
        await sql`update product_search set search_e = v.column2 from (values ${values}) as v
          where product_search.seq = cast(v.column1 as bigint)`.execute(db)
        const vocabulary = [...new Set(rows.flatMap((r) => words(r.text)))].filter((w) => w.length <= 40)
        if (vocabulary.length > 0) {
          await db
            .insertInto('search_word')
            .values(vocabulary.map(vocabularyRow))
            .onConflict((oc) => oc.column('word').doNothing())
            .execute()
        }
      }
      // Title word counts join the facet data each node keeps (relevance: shorter exact titles first).
      const titleWords = sql`(select case when s.search_a = '' then 0
        else length(s.search_a) - length(replace(s.search_a, ' ', '')) + 1 end
        from product_search s where s.product_id = product.id)`
      if (postgres) {
        await sql`update product set facets = (facets::jsonb || jsonb_build_object('w', coalesce(${titleWords}, 0)))::text`.execute(
          db,
        )
      } else {
        await sql`update product set facets = json_set(facets, '$.w', coalesce(${titleWords}, 0))`.execute(db)
      }
      if (postgres) {
        await sql`alter table product_search add column search_vector tsvector generated always as (
          setweight(to_tsvector('simple', search_a), 'A') || setweight(to_tsvector('simple', search_b), 'B') ||
          setweight(to_tsvector('simple', search_c), 'C') || setweight(to_tsvector('simple', search_e), 'D')) stored not null`.execute(
          db,
        )
        await sql`create index product_search_vector on product_search using gin (search_vector)`.execute(db)
        return
      }
      await sql`create virtual table product_fts using fts5(search_a, search_b, search_c, search_d, search_e, content='product_search', content_rowid='seq', prefix='2 3 4', tokenize='unicode61 remove_diacritics 2')`.execute(
        db,
      )
      await sql`insert into product_fts(product_fts) values ('rebuild')`.execute(db)
      await sql`create trigger product_fts_insert after insert on product_search begin
        insert into product_fts(rowid, search_a, search_b, search_c, search_d, search_e) values (new.seq, new.search_a, new.search_b, new.search_c, new.search_d, new.search_e);
      end`.execute(db)
      await sql`create trigger product_fts_delete after delete on product_search begin
        insert into product_fts(product_fts, rowid, search_a, search_b, search_c, search_d, search_e) values ('delete', old.seq, old.search_a, old.search_b, old.search_c, old.search_d, old.search_e);
      end`.execute(db)
      await sql`create trigger product_fts_update after update on product_search begin
        insert into product_fts(product_fts, rowid, search_a, search_b, search_c, search_d, search_e) values ('delete', old.seq, old.search_a, old.search_b, old.search_c, old.search_d, old.search_e);
        insert into product_fts(rowid, search_a, search_b, search_c, search_d, search_e) values (new.seq, new.search_a, new.search_b, new.search_c, new.search_d, new.search_e);
      end`.execute(db)
      await sql`insert into product_fts(product_fts) values ('optimize')`.execute(db)
    },
  },
  /**
   * Category pages sorted by newest or by name walk their own index (issue 14): one row per published
   * product and category (ancestors included), so a page reads its 20 entries in order instead of
   * walking the whole catalog's index and probing `product_category` for every product on the way.
   * Newest first is the key itself (on SQLite the table is stored in key order); by name is a second
   * index. Price-sorted pages walk `category_price` (0203).
   */
  '0605_catalog_category_listing': {
    async up(db: Kysely<any>) {
      await db.schema
        .createTable('category_listing')
        .addColumn('category_id', 'varchar(60)', (c) => c.notNull())
        .addColumn('product_id', 'varchar(60)', (c) => c.notNull().references('product.id').onDelete('cascade'))
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .addColumn('title', 'varchar(200)', (c) => c.notNull())
        .addPrimaryKeyConstraint('category_listing_pk', ['category_id', 'created_at', 'product_id'])
        .$call((t) => (dialectOf(db) === 'sqlite' ? t.modifyEnd(sql`without rowid`) : t))
        .execute()
      await db.schema
        .createIndex('category_listing_name')
        .on('category_listing')
        .columns(['category_id', 'title', 'product_id'])
        .execute()
      await db.schema.createIndex('category_listing_product').on('category_listing').column('product_id').execute()
      await sql`insert into category_listing (category_id, product_id, created_at, title)
        select pc.category_id, p.id, p.created_at, p.title
        from product_category pc join product p on p.id = pc.product_id
        where p.status = 'published'`.execute(db)
    },
  },
  /**
   * Import jobs (issue 13): the state of each `POST /admin/catalog/imports`, so any node answers its
   * GET. The file itself is not stored (it stays in the memory of the node that runs the job).
   */
  '0606_catalog_import_jobs': {
    async up(db: Kysely<any>) {
      await db.schema
        .createTable('catalog_import_job')
        .addColumn('id', 'varchar(60)', (c) => c.primaryKey())
        .addColumn('status', 'varchar(16)', (c) => c.notNull())
        .addColumn('format', 'varchar(8)', (c) => c.notNull())
        .addColumn('dry_run', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('done', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('total', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('products_created', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('products_updated', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('variants', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('error_count', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('errors', 'text')
        .addColumn('failure_reason', 'varchar(32)')
        .addColumn('failure_detail', 'text')
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .addColumn('started_at', 'bigint')
        .addColumn('updated_at', 'bigint', (c) => c.notNull())
        .addColumn('finished_at', 'bigint')
        .execute()
      await db.schema.createIndex('catalog_import_job_created').on('catalog_import_job').column('created_at').execute()
    },
    async down(db: Kysely<any>) {
      await db.schema.dropTable('catalog_import_job').execute()
    },
  },
  /**
   * Import jobs keep the uploaded file's name (sanitised, at most 255 characters; null when none was
   * given). Numbered after 0606, which creates the table: names sort in run order.
   */
  '0607_catalog_import_file_name': {
    async up(db: Kysely<any>) {
      await db.schema.alterTable('catalog_import_job').addColumn('file_name', 'varchar(255)').execute()
    },
    async down(db: Kysely<any>) {
      await db.schema.alterTable('catalog_import_job').dropColumn('file_name').execute()
    },
  },
  ...changeLogMigrations,
}
