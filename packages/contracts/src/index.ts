export * from './errors';
export * from './health';
export * from './staff';
export * from './queue';
