export * from './errors';
export * from './health';
export * from './staff';
export * from './queue';
export * from './dead-letters';
export * from './manage-booking';
export * from './booking';
export * from './counters';
