// Each feature file exports its services here.
