import { loadWorkerConfig } from '@termin/config';
import { createWorker } from './worker-app';

const config = loadWorkerConfig();
const worker = createWorker({ config });

let stopping = false;
async function shutdown(signal: string) {
  if (stopping) return;
  stopping = true;
  worker.context.log.info({ signal }, 'shutting down');
  try {
    await worker.close();
    process.exit(0);
  } catch (error) {
    worker.context.log.error({ reason: error instanceof Error ? error.message : 'unknown' }, 'shutdown failed');
    process.exit(1);
  }
}

process.on('SIGTERM', () => void shutdown('SIGTERM'));
process.on('SIGINT', () => void shutdown('SIGINT'));

await worker.start();
