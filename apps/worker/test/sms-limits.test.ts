import { beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '@termin/db';
import type { SipgateStub } from '@termin/notifications/testing/sipgate-stub';
import type { SmtpSink } from '@termin/notifications/testing/smtp-sink';
import { waitFor } from '@termin/testkit/wait';
import { book, type DemoPlace, type TestBooking } from './support/bookings';
import { useWorkerTestBed } from './support/test-bed';

/**
 * Against SMS pumping: the worker sends SMS only to the municipality's country codes and at most its
 * daily SMS budget; a message not sent is recorded with its reason, and the used-up budget is
 * reported once a day in the audit log.
 */
const bed = useWorkerTestBed({ sipgate: true, worker: false });
let db: Db;
let sink: SmtpSink;
let sipgate: SipgateStub;
let place: DemoPlace;
beforeAll(() => void ({ db, sink, sipgate, place } = bed));
/** The worker starts only once the first test has narrowed the codes after its booking. */
const startWorker = () => bed.startWorker();

let minutes = 0;
/** A start three days ahead, a fresh one for every booking. */
const nextStart = () => new Date(Math.ceil((Date.now() + 3 * 24 * 3600_000) / 3_600_000) * 3_600_000 + 15 * 60_000 * minutes++);

const smsLog = (appointmentId: string) =>
  waitFor('the SMS outcome', () => db.notificationLog.findFirst({ where: { appointmentId, channel: 'SMS', status: { in: ['SENT', 'FAILED'] } } }));
const sentTo = (recipient: string) => sipgate.requests.filter((r) => (r.body as { recipient: string }).recipient === recipient).length;

describe('SMS limits in the worker', () => {
  it('does not send an SMS to a country code the municipality no longer serves, and records why', async () => {
    await db.tenant.update({ where: { id: place.tenantId }, data: { smsCountryCodes: ['+49', '+43'], smsDailyBudget: 2 } });
    const austrian = await book(db, place, { startsAt: nextStart(), phone: '+436641234567', smsOptIn: true });
    // Between the booking and the sending the municipality narrows its codes again.
    await db.tenant.update({ where: { id: place.tenantId }, data: { smsCountryCodes: ['+49'] } });
    await startWorker();
    expect(await smsLog(austrian.id)).toMatchObject({ status: 'FAILED', reason: 'sms_country_not_allowed' });
    expect(sentTo('+436641234567')).toBe(0);
  });

  it('sends no more SMS than the daily budget, records the others, and alerts once in the audit log', async () => {
    const phones = ['+4915100000001', '+4915100000002', '+4915100000003'];
    const bookings: TestBooking[] = [];
    for (const phone of phones) bookings.push(await book(db, place, { startsAt: nextStart(), phone, smsOptIn: true }));
    const outcomes = await Promise.all(bookings.map((b) => smsLog(b.id)));
    expect(outcomes.map((o) => o.status).sort()).toEqual(['FAILED', 'SENT', 'SENT']);
    expect(outcomes.find((o) => o.status === 'FAILED')!.reason).toBe('sms_daily_budget_exhausted');
    expect(phones.reduce((sum, phone) => sum + sentTo(phone), 0)).toBe(2);

    const late = await book(db, place, { startsAt: nextStart(), phone: '+4915100000004', smsOptIn: true });
    expect(await smsLog(late.id)).toMatchObject({ status: 'FAILED', reason: 'sms_daily_budget_exhausted' });
    const alerts = await db.auditLog.findMany({ where: { tenantId: place.tenantId, action: 'sms.daily_budget_exhausted' } });
    expect(alerts).toEqual([expect.objectContaining({ actorRole: 'system', entityType: 'Tenant', details: { day: expect.any(String), budget: 2 } })]);
    // The e-mails went out all the same.
    await waitFor('four confirmation e-mails', () => sink.messages.filter((m) => [late, ...bookings].some((b) => m.text?.includes(b.bookingCode))).length === 4);
  });
});
