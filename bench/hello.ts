/** The ceiling: a bare Fastify hello-world, measured in the same run as the catalog (bench/run.ts). */
import Fastify from 'fastify'

const app = Fastify({ logger: false })
app.get('/hello', async () => ({ hello: 'world' }))
await app.listen({ host: '127.0.0.1', port: Number(process.env.PORT ?? 3999) })
