/**
 * How pg parses PostgreSQL values, for the app's pool and the heavy-read workers' own connections
 * (read-worker-thread.ts), so a row reads the same on both: counts and sums come back as int8/numeric,
 * and our integers (minor units, epoch ms) fit in a double.
 */
import pg from 'pg'

const INT8_OID = 20
const NUMERIC_OID = 1700

export const pgTypes = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') => {
    if (oid === INT8_OID || oid === NUMERIC_OID) return (value: string) => Number(value)
    return pg.types.getTypeParser(oid, format as 'text')
  }) as typeof pg.types.getTypeParser,
}
