import { DatabaseSync } from 'node:sqlite'
const db = new DatabaseSync('bench/out/catalog-100000.db')
db.exec('PRAGMA cache_size = -65536')
function t(name: string, q: string, ...p: any[]) {
  const s = db.prepare(q); s.all(...p)
  const n = 10, t0 = performance.now(); let r: any
  for (let i = 0; i < n; i++) r = s.all(...p)
  console.log(((performance.now() - t0) / n).toFixed(2).padStart(7), 'ms', name, r.length)
}
const hex = (s: string) => Buffer.from(s).toString('hex')
const clothing = 'zzc' + hex('cat_democlothing')
for (const w of ['sh*', 'shirt', 'cotton']) {
  const m = `{search_a search_b search_c} : (${w})`
  t(`${w} rowid bm25`, `select rowid, -bm25(product_fts, 10.0, 4.0, 1.0, 0.0) from product_fts where product_fts match ?`, m)
  t(`${w} AND big token`, `select rowid, -bm25(product_fts, 10.0, 4.0, 1.0, 0.0) from product_fts where product_fts match ?`, `${m} AND search_d : ${clothing}`)
  t(`${w} NOT small token`, `select rowid, -bm25(product_fts, 10.0, 4.0, 1.0, 0.0) from product_fts where product_fts match ?`, `${m} NOT search_d : zzsdeadbeef`)
  t(`${w} current`, `select p.id, -bm25(product_fts, 10.0, 4.0, 1.0, 0.0), p.facets from product_fts cross join product p on p.seq = product_fts.rowid where product_fts match ? and p.status = 'published'`, m)
}
