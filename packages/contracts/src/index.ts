export * from './errors';
export * from './health';
export * from './staff';
export * from './dead-letters';
