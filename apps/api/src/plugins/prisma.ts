import fp from 'fastify-plugin';
import { createPrismaClient, type Db } from '@termin/db';

declare module 'fastify' {
  interface FastifyInstance {
    db: Db;
  }
}

export default fp(
  async (app) => {
    const db = createPrismaClient({ databaseUrl: app.config.DATABASE_URL, poolMax: app.config.DATABASE_POOL_MAX });
    app.decorate('db', db);
    app.addHook('onClose', async () => {
      await db.$disconnect();
    });
  },
  { name: 'prisma', dependencies: ['config'] },
);
