import { beforeAll, describe, expect, it } from 'vitest';
import { bookAppointment } from '@termin/booking';
import type { Db } from '@termin/db';
import type { SmtpSink } from '@termin/notifications/testing/smtp-sink';
import { waitFor } from '@termin/testkit/wait';
import { book, slotAt, type DemoPlace } from './support/bookings';
import { useWorkerTestBed } from './support/test-bed';

const bed = useWorkerTestBed({
  prepare: ({ db, place }) =>
    db.service
      .update({
        where: { id: place.serviceId },
        data: { documentsDe: 'Personalausweis\nBiometrisches Passfoto', documentsEn: 'Identity card\nBiometric passport photo' },
      })
      .then(() => undefined),
});
let db: Db;
let sink: SmtpSink;
let place: DemoPlace;
beforeAll(() => void ({ db, sink, place } = bed));

const mailTo = (address: string) =>
  waitFor(`the confirmation to ${address}`, () => sink.messages.find((m) => (Array.isArray(m.to) ? m.to : [m.to]).some((to) => to?.text.includes(address))) ?? null);
const inDays = (days: number, minute: number) => new Date(Math.ceil(Date.now() / 900_000) * 900_000 + days * 86_400_000 + minute * 900_000);

describe('documents to bring in the confirmation e-mail', () => {
  it('lists them in the booking language, English for Turkish, and the German text where no English one is written', async () => {
    await book(db, place, { startsAt: inDays(3, 0), email: 'de@example.org', language: 'de' });
    await book(db, place, { startsAt: inDays(3, 1), email: 'en@example.org', language: 'en' });
    const german = await mailTo('de@example.org');
    expect(german.text).toContain('Bitte mitbringen:\nPersonalausweis\nBiometrisches Passfoto');
    expect(german.html).toContain('Bitte mitbringen');
    expect(german.html).toContain('Biometrisches Passfoto');
    const english = await mailTo('en@example.org');
    expect(english.text).toContain('Please bring:\nIdentity card\nBiometric passport photo');
    expect(english.text).not.toContain('Passfoto');

    // Booked for a Turkish reader by a clerk on the phone: the same confirmation, English documents under a Turkish label.
    await slotAt(db, place, inDays(3, 2));
    await bookAppointment(
      { db, now: new Date(), contactSecret: 'worker-test-contact-secret-worker-test' },
      {
        tenant: place.tenantSlug,
        locationId: place.locationId,
        serviceId: place.serviceId,
        startsAt: inDays(3, 2),
        citizen: { name: 'Ayşe Yılmaz', email: 'tr@example.org' },
        smsOptIn: false,
        language: 'tr',
        channel: 'phone',
      },
    );
    const turkish = await mailTo('tr@example.org');
    expect(turkish.text).toContain('Lütfen yanınızda getirin:\nIdentity card');

    await db.service.update({ where: { id: place.serviceId }, data: { documentsEn: null } });
    await book(db, place, { startsAt: inDays(3, 3), email: 'fallback@example.org', language: 'en' });
    expect((await mailTo('fallback@example.org')).text).toContain('Please bring:\nPersonalausweis');

    await db.service.update({ where: { id: place.serviceId }, data: { documentsDe: null } });
    await book(db, place, { startsAt: inDays(3, 4), email: 'none@example.org', language: 'de' });
    expect((await mailTo('none@example.org')).text).not.toContain('Bitte mitbringen');
  }, 60_000);
});
