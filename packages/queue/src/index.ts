export { checkIn, checkedInAppointment, selfCheckIn, type CheckInInput, type CheckInResult, type SelfCheckInInput } from './checkin';
export { createWalkIn, type WalkInInput } from './walk-in';
export { callNext, callTicket, recall, complete, markNoShow, requeue, type CallNextInput, type EntryActionInput } from './calling';
export { queueSnapshot, positionOf } from './snapshot';
export { queueEvent, type QueueEvent } from './events';
export { DEFAULT_DUE_WINDOW_MINUTES, type QueueActor, type QueueDeps } from './types';
export { activeCounters, type CounterView } from './counters';
export { todayAppointments, noShowReasons } from './today';
