// Each feature file exports its services here.
export * from './manage';
export * from './lifecycle';
export * from './confirm';
export * from './lookup';
export * from './cancel';
export * from './reschedule';
export * from './slots-service';
export * from './availability';
export * from './no-show-inputs';
export * from './book';
export { createBookingBatches, type BookingBatches, type BookingWrite, type WriteOutcome } from './booking-batches';
export { tenantPortal, tenantLogo, logoPath } from './tenant-logo';
export { createDataRequests, type DataRequests, type DataRequestDeps } from './data-requests';
export * from './statistics';
export * from './backoffice';
