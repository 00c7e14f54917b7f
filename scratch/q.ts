import { DatabaseSync } from 'node:sqlite'
const db = new DatabaseSync('bench/out/catalog-100000.db')
db.exec('PRAGMA cache_size = -65536')
const cat = (db.prepare(`select id from category where handle='clothing'`).get() as any).id
const m = `{search_a search_b search_c} : (linen AND (shirt*))`
function t(name: string, q: string, ...p: any[]) {
  const s = db.prepare(q); s.all(...p); s.all(...p)
  const n = 20, t0 = performance.now(); let r: any
  for (let i = 0; i < n; i++) r = s.all(...p)
  console.log(((performance.now() - t0) / n).toFixed(2).padStart(7), 'ms', name, r.length, JSON.stringify(r[0]).slice(0, 80))
}
console.log(db.prepare(`select search_d from product_search limit 1`).get())
t('fts count', `select count(*) from product_fts where product_fts match ?`, m)
t('fts rowids', `select rowid from product_fts where product_fts match ?`, m)
t('fts bm25', `select rowid, bm25(product_fts, 10.0, 4.0, 1.0, 0.0) from product_fts where product_fts match ?`, m)
t('fts+product', `select p.id from product_fts cross join product p on p.seq = product_fts.rowid where product_fts match ? and p.status='published'`, m)
t('fts+product+price', `select p.id from product_fts cross join product p on p.seq = product_fts.rowid join product_price pp on pp.product_id = p.id and pp.currency='EUR' where product_fts match ? and p.status='published' and pp.min_amount <= 10000`, m)
t('+instock', `select p.id from product_fts cross join product p on p.seq = product_fts.rowid join product_price pp on pp.product_id = p.id and pp.currency='EUR' where product_fts match ? and p.status='published' and pp.min_amount <= 10000 and (select 1 from variant v where v.product_id = p.id and v.stock > 0 limit 1) is not null`, m)
const hits = `with hits as materialized (select p.id, -bm25(product_fts, 10.0, 4.0, 1.0, 0.0) as rank from product_fts cross join product p on p.seq = product_fts.rowid join product_price pp on pp.product_id = p.id and pp.currency='EUR' where product_fts match ? and p.status='published' and pp.min_amount <= 10000 and (select 1 from variant v where v.product_id = p.id and v.stock > 0 limit 1) is not null)`
t('hits count', `${hits} select count(*) from hits`, m)
t('cat facet', `${hits} select c.id, count(*) from hits cross join product_category pc on pc.product_id = hits.id join category c on c.id = pc.category_id group by c.id`, m)
t('price facet', `${hits} select pp.min_amount / 1000, count(*) from hits cross join product_price pp on pp.product_id = hits.id and pp.currency = 'EUR' group by 1`, m)
t('opt facet', `${hits} select po.name, po.value, count(*) from hits cross join product_option po on po.product_id = hits.id group by po.name, po.value`, m)
t('opt rows', `${hits} select po.name, po.value from hits cross join product_option po on po.product_id = hits.id`, m)
t('page', `${hits} select * from hits order by rank desc limit 21`, m)
t('search_d', `${hits} select s.search_d from hits join product_search s on s.product_id = hits.id`, m)
