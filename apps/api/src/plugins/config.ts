import fp from 'fastify-plugin';
import type { ApiConfig } from '@termin/config';

declare module 'fastify' {
  interface FastifyInstance {
    config: ApiConfig;
  }
}

/** Config is validated once, before the app is built (see server.ts); this only makes it reachable. */
export default fp<{ config: ApiConfig }>(
  async (app, { config }) => {
    app.decorate('config', config);
  },
  { name: 'config' },
);
