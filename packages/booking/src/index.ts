// Each feature file exports its services here.
export * from './slots-service';
export * from './availability';
