// Each feature file exports its services here.
export * from './manage';
export * from './lookup';
export * from './cancel';
export * from './reschedule';
