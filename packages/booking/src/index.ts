// Each feature file exports its services here.
export * from './slots-service';
export * from './availability';
export * from './no-show-inputs';
export * from './book';
