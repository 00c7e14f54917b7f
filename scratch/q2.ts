import { DatabaseSync } from 'node:sqlite'
const db = new DatabaseSync('bench/out/catalog-100000.db')
db.exec('PRAGMA cache_size = -65536')
function t(name: string, q: string, ...p: any[]) {
  const s = db.prepare(q); s.all(...p)
  const n = 5, t0 = performance.now(); let r: any
  for (let i = 0; i < n; i++) r = s.all(...p)
  console.log(((performance.now() - t0) / n).toFixed(2).padStart(7), 'ms', name, r.length)
}
for (const m of ['{search_a search_b search_c} : (shirt)', '{search_a search_b search_c} : (sh*)']) {
  console.log(m)
  t('fts rowids', `select rowid from product_fts where product_fts match ?`, m)
  t('fts bm25', `select rowid, bm25(product_fts, 10.0, 4.0, 1.0, 0.0) from product_fts where product_fts match ?`, m)
  t('fts bm25 top21', `select rowid, bm25(product_fts, 10.0, 4.0, 1.0, 0.0) r from product_fts where product_fts match ? order by r limit 21`, m)
  t('fts rank top21', `select rowid from product_fts where product_fts match ? order by rank limit 21`, m)
  t('+product', `select p.id, p.status from product_fts cross join product p on p.seq = product_fts.rowid where product_fts match ?`, m)
  t('+product+price', `select p.seq, pp.min_amount from product_fts cross join product p on p.seq = product_fts.rowid left join product_price pp on pp.product_id = p.id and pp.currency='EUR' where product_fts match ? and p.status='published'`, m)
}
t('browse all published seqs', `select seq from product where status='published'`)
t('browse seq+price', `select p.seq, pp.min_amount from product p left join product_price pp on pp.product_id = p.id and pp.currency='EUR' where p.status='published'`)
