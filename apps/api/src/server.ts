import closeWithGrace from 'close-with-grace';
import { ConfigError, loadApiConfig } from '@termin/config';
import { buildApp } from './app';

let config;
try {
  config = loadApiConfig();
} catch (error) {
  if (error instanceof ConfigError) {
    console.error(error.message);
    process.exit(1);
  }
  throw error;
}

const app = await buildApp({ config });

// SIGTERM/SIGINT: stop accepting, finish in-flight requests, close plugins (db, redis, queues).
closeWithGrace({ delay: 10_000 }, async ({ signal, err }) => {
  if (err) app.log.error({ err }, 'shutting down after an error');
  else app.log.info({ signal }, 'shutting down');
  await app.close();
});

await app.listen({ host: config.API_HOST, port: config.API_PORT });
