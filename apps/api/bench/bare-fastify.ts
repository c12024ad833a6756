/** A Fastify app with one route and nothing else, for calibrate.ts: how fast this machine serves HTTP at all. */
import Fastify from 'fastify';

const app = Fastify();
app.get('/', async () => ({ hello: 'world' }));
process.send!({ url: await app.listen({ port: 0, host: '127.0.0.1' }) });
process.on('message', async () => {
  await app.close();
  process.exit(0);
});
