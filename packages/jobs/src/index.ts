export * from './queues';
export * from './outbox-events';
