import fp from 'fastify-plugin';
import { liveEventsChannel } from '@termin/jobs';
import { queueEvent, type QueueEvent } from '@termin/queue';

type Listener = (event: QueueEvent) => void;

declare module 'fastify' {
  interface FastifyInstance {
    /** Queue changes, fanned out to every API instance through Redis PubSub. */
    queueEvents: {
      /** Announces a committed change to all instances (this one included). Never throws. */
      publish(event: QueueEvent): Promise<void>;
      /** Called for every change any instance announced; returns the unsubscribe function. */
      listen(listener: Listener): () => void;
    };
  }
}

/**
 * A subscribed ioredis connection cannot send other commands, so PubSub gets its own connection
 * next to `app.redis`. ioredis re-subscribes by itself after a reconnect.
 */
export default fp(
  async (app) => {
    // Shared with the worker, which announces appointment changes (confirmed, cancelled, rescheduled) here.
    const channel = liveEventsChannel(app.config.REDIS_PREFIX);
    const subscriber = app.redis.duplicate({ lazyConnect: true, enableAutoPipelining: false });
    const listeners = new Set<Listener>();
    subscriber.on('error', (error) => app.log.warn({ err: { message: error.message } }, 'redis subscriber connection problem'));
    subscriber.on('message', (from, raw) => {
      if (from !== channel) return;
      let event: QueueEvent;
      try {
        event = queueEvent.parse(JSON.parse(raw));
      } catch {
        app.log.warn('ignored a malformed queue event');
        return;
      }
      for (const listener of listeners) listener(event);
    });
    try {
      await subscriber.connect();
      await subscriber.subscribe(channel);
    } catch (error) {
      app.log.warn({ err: { message: (error as Error).message } }, 'queue events not subscribed at start; live screens update after Redis is back');
    }

    app.decorate('queueEvents', {
      async publish(event: QueueEvent) {
        try {
          await app.redis.publish(channel, JSON.stringify(event));
        } catch (error) {
          // The change is committed; screens catch up with the next event or on reconnect.
          app.log.warn({ err: { message: (error as Error).message }, eventType: event.type }, 'queue event not published');
        }
      },
      listen(listener: Listener) {
        listeners.add(listener);
        return () => listeners.delete(listener);
      },
    });
    app.addHook('onClose', async () => {
      listeners.clear();
      await subscriber.quit().catch(() => subscriber.disconnect());
    });
  },
  { name: 'queue-events', dependencies: ['redis'] },
);
