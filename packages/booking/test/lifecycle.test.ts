import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppointmentStatus as PrismaAppointmentStatus, TX_OPTIONS } from '@termin/db';
import { APPOINTMENT_STATUSES, canTransition, InvalidTransitionError, type AppointmentStatus } from '@termin/domain';
import { cancelBooking, confirmAppointment, STEP_FROM_STATES, transition } from '../src';
import { bookDirectly, createSlots, slotBookkeeping } from '../src/testing/booked-appointment';
import { manageFixtures, NOW, SECRET, type ManageFixtures } from './manage-fixtures';

let fx: ManageFixtures;
beforeAll(async () => {
  fx = await manageFixtures();
});
afterAll(async () => fx?.close());

const email = 'lifecycle@example.org';
let day = 0;
async function appointmentIn(status: AppointmentStatus) {
  const slots = await createSlots(fx.db, { locationId: fx.mitteId, startsAt: new Date(Date.UTC(2031, 2, 10 + day++, 8)), count: 1 });
  const appointment = await bookDirectly(fx.db, {
    tenantId: fx.tenantId,
    locationId: fx.mitteId,
    serviceId: fx.services.personalausweis!,
    slots,
    email,
    contactHashSecret: SECRET,
    status,
  });
  return { appointment, slotIds: slots.map((s) => s.id) };
}

describe('appointment lifecycle', () => {
  it('knows the statuses the database knows', () => {
    expect(Object.values(PrismaAppointmentStatus)).toEqual([...APPOINTMENT_STATUSES]);
  });

  it('lets each step start only where the transition table leads to its status', () => {
    for (const [step, from] of Object.entries(STEP_FROM_STATES)) {
      expect(from.length, step).toBeGreaterThan(0);
    }
    for (const step of ['confirm', 'cancel', 'check_in', 'complete', 'no_show'] as const) {
      const to = { confirm: 'CONFIRMED', cancel: 'CANCELLED', check_in: 'CHECKED_IN', complete: 'DONE', no_show: 'NOSHOW' }[step] as AppointmentStatus;
      for (const from of STEP_FROM_STATES[step]) expect(canTransition(from, to), `${step}: ${from} -> ${to}`).toBe(true);
    }
    expect(STEP_FROM_STATES.confirm).toEqual(['PENDING']);
    expect(STEP_FROM_STATES.cancel).toEqual(['PENDING', 'CONFIRMED']);
    expect(STEP_FROM_STATES.complete).toEqual(['CHECKED_IN']);
  });

  it('refuses every step from every status outside its from-states in the UPDATE, changing nothing', async () => {
    for (const [step, from] of Object.entries(STEP_FROM_STATES) as [keyof typeof STEP_FROM_STATES, readonly AppointmentStatus[]][]) {
      for (const status of APPOINTMENT_STATUSES.filter((s) => !from.includes(s))) {
        const { appointment } = await appointmentIn(status);
        const error = await fx.db
          .$transaction((tx) => transition(tx, { appointmentId: appointment.id, step, data: { sequence: { increment: 1 } } }), TX_OPTIONS)
          .catch((e: unknown) => e);
        expect(error, `${step} from ${status}`).toBeInstanceOf(InvalidTransitionError);
        expect((error as InvalidTransitionError).from).toBe(status);
        const row = await fx.db.appointment.findUniqueOrThrow({ where: { id: appointment.id } });
        expect([row.status, row.sequence], `${step} from ${status}`).toEqual([status, 0]);
      }
    }
  });

  it("refuses CANCELLED → CONFIRMED on the worker's confirm path; confirms a PENDING booking once", async () => {
    const { appointment: cancelled } = await appointmentIn('CANCELLED');
    const refused = await confirmAppointment({ db: fx.db, now: NOW }, cancelled.id).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(InvalidTransitionError);
    expect(refused).toMatchObject({ status: 'conflict', params: { from: 'CANCELLED', to: 'CONFIRMED' } });
    expect(await fx.db.appointment.findUniqueOrThrow({ where: { id: cancelled.id } })).toMatchObject({ status: 'CANCELLED', confirmedAt: cancelled.confirmedAt });

    const { appointment: pending } = await appointmentIn('PENDING');
    const outcomes = await Promise.allSettled([1, 2, 3].map(() => confirmAppointment({ db: fx.db, now: NOW }, pending.id)));
    expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(1);
    expect(await fx.db.appointment.findUniqueOrThrow({ where: { id: pending.id } })).toMatchObject({ status: 'CONFIRMED', confirmedAt: NOW });
  });

  it('refuses to cancel a DONE appointment through the manage service, keeping its slots and writing no event', async () => {
    const { appointment, slotIds } = await appointmentIn('CHECKED_IN');
    await fx.db.appointment.update({ where: { id: appointment.id }, data: { status: 'DONE' } });
    const error = await cancelBooking(fx.deps(), { code: appointment.bookingCode, email }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidTransitionError);
    expect(error).toMatchObject({ code: 'booking_not_cancellable', params: { from: 'DONE', to: 'CANCELLED' } });
    expect(await fx.db.appointment.findUniqueOrThrow({ where: { id: appointment.id } })).toMatchObject({ status: 'DONE', sequence: 0, cancelledAt: null });
    expect(await slotBookkeeping(fx.db, slotIds)).toEqual(slotIds.map((id) => ({ id, booked: 1, held: 1 })));
    const events = await fx.db.outboxEvent.findMany({ where: { type: 'appointment.cancelled' } });
    expect(events.filter((e) => (e.payload as { appointmentId: string }).appointmentId === appointment.id)).toHaveLength(0);
  });
});
