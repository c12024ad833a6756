// The queue's events are the deployment's live events (declared with the other cross-process contracts).
export { liveEvent as queueEvent, type LiveEvent as QueueEvent } from '@termin/jobs';
