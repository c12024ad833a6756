export * from './queues';
export * from './outbox-events';
export * from './job-ids';
export * from './live-events';
export * from './dead-letters';
export * from './producers';
export * from './dead-letter-admin';
