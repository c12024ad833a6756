/**
 * One API process for the benchmarks: builds the app from the environment it is given, listens on
 * a free loopback port and tells its parent the URL. The load comes from the parent process.
 */
import { Writable } from 'node:stream';
import { loadApiConfig } from '@termin/config';
import { buildApp } from '../src/app';

const app = await buildApp({ config: loadApiConfig(), logStream: new Writable({ write: (_c, _e, done) => done() }) });
const url = await app.listen({ port: 0, host: '127.0.0.1' });
process.send!({ url });
process.once('message', async () => {
  await app.close();
  process.exit(0);
});
