import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { CONFIRM_BATCH_MAX, parsePayload } from '../src/queues';

describe('the confirm job payload', () => {
  it('takes a run of up to CONFIRM_BATCH_MAX bookings and refuses an empty or longer one', () => {
    const ids = Array.from({ length: CONFIRM_BATCH_MAX }, () => randomUUID());
    expect(parsePayload('confirm-appointment', { appointmentIds: ids })).toEqual({ appointmentIds: ids });
    expect(() => parsePayload('confirm-appointment', { appointmentIds: [] })).toThrow();
    expect(() => parsePayload('confirm-appointment', { appointmentIds: [...ids, randomUUID()] })).toThrow();
    expect(() => parsePayload('confirm-appointment', { appointmentIds: ['not-a-uuid'] })).toThrow();
  });

  it('still reads the one-booking payload of earlier releases, as a run of one', () => {
    // Jobs queued and dead letters parked before an upgrade carry this shape.
    const id = randomUUID();
    expect(parsePayload('confirm-appointment', { appointmentId: id })).toEqual({ appointmentIds: [id] });
  });
});
