import ICAL from 'ical.js';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '@termin/db';
import { decodeLiveEvent, liveEventsChannel } from '@termin/jobs';
import { QR_CONTENT_ID } from '@termin/notifications';
import type { SipgateStub } from '@termin/notifications/testing/sipgate-stub';
import type { SmtpSink } from '@termin/notifications/testing/smtp-sink';
import { waitFor } from '@termin/testkit/wait';
import type { WorkerApp } from '../src/worker-app';
import { book, type DemoPlace } from './support/bookings';
import { decodeQrPng } from './support/decode-qr';
import { useWorkerTestBed } from './support/test-bed';

const METRICS_TOKEN = 'worker-scrape-token-0123456789abcdef';
let db: Db;
let sink: SmtpSink;
let sipgate: SipgateStub;
let worker: WorkerApp;
let place: DemoPlace;
let subscriber: Redis;
const liveMessages: string[] = [];

const bed = useWorkerTestBed({
  sipgate: true,
  extra: { METRICS_TOKEN },
  // Listening before the worker starts, so no live event of the worker is missed.
  prepare: async ({ redis }) => {
    subscriber = new Redis(redis.url);
    await subscriber.subscribe(liveEventsChannel(redis.prefix));
    subscriber.on('message', (_channel, message: string) => liveMessages.push(message));
  },
});
beforeAll(() => void ({ db, sink, sipgate, worker, place } = bed));
afterAll(() => subscriber?.disconnect());

const inThreeDays = () => new Date(Math.ceil((Date.now() + 3 * 24 * 3600_000) / 60_000) * 60_000);

describe('a booking', () => {
  it('is confirmed and gets exactly one e-mail with a calendar invite and the check-in QR code', async () => {
    const appointment = await book(db, place, { startsAt: inThreeDays(), email: 'erika@example.org', language: 'en' });

    const confirmed = await waitFor('confirmation', async () => {
      const row = await db.appointment.findUniqueOrThrow({ where: { id: appointment.id } });
      return row.status === 'CONFIRMED' ? row : null;
    });
    expect(confirmed.confirmedAt).not.toBeNull();
    const mail = await waitFor('the e-mail', () => sink.messages.find((m) => m.text?.includes(appointment.bookingCode)));

    expect(mail.to && 'text' in mail.to ? mail.to.text : '').toBe('erika@example.org');
    expect(mail.subject).toMatch(/confirm/i);
    expect(mail.text).toContain(`https://termine.demo.example/manage/${appointment.bookingCode}`);
    expect(mail.messageId).toMatch(/@demo\.example>$/);

    const ics = mail.attachments.find((a) => a.contentType === 'text/calendar');
    expect(ics, 'calendar attachment').toBeDefined();
    const calendar = new ICAL.Component(ICAL.parse(ics!.content.toString('utf8')));
    expect(calendar.getFirstPropertyValue('method')).toBe('REQUEST');
    const event = new ICAL.Event(calendar.getFirstSubcomponent('vevent')!);
    expect(event.uid).toBe(`${appointment.id}@termin`);
    expect(event.startDate.toJSDate().getTime()).toBe(appointment.startsAt.getTime());

    const qr = mail.attachments.find((a) => a.contentType === 'image/png');
    expect(qr?.contentDisposition).toBe('inline');
    // The HTML refers to the image by content id (the parser inlines it as a data URL).
    expect(qr!.cid).toBe(QR_CONTENT_ID);
    expect(mail.html).toContain('data:image/png;base64,');
    expect(decodeQrPng(qr!.content)).toBe(`https://termine.demo.example/checkin/${appointment.bookingCode}`);

    // SENT is committed just after the SMTP server accepts the message, so the row may still be catching up.
    await waitFor('the log row to say SENT', () => db.notificationLog.findFirst({ where: { appointmentId: appointment.id, status: 'SENT' } }));
    const log = await db.notificationLog.findMany({ where: { appointmentId: appointment.id } });
    expect(log).toMatchObject([{ channel: 'EMAIL', kind: 'confirmation', status: 'SENT', attempts: 1, dedupeKey: `email:confirmation:${appointment.id}:0` }]);

    // Re-running the confirmation (as after a crash) sends nothing new.
    await worker.context.queues['confirm-appointment'].add('confirm', { appointmentIds: [appointment.id] }, { jobId: 'rerun-1' });
    await waitFor('re-run to finish', async () => (await worker.context.queues['confirm-appointment'].getJobState('rerun-1')) === 'completed');
    await worker.context.queues.email.add('confirmation', { appointmentId: appointment.id, kind: 'confirmation', sequence: 0 }, { jobId: 'rerun-2' });
    await waitFor('e-mail re-run to finish', async () => (await worker.context.queues.email.getJobState('rerun-2')) === 'completed');
    expect(sink.messages.filter((m) => m.text?.includes(appointment.bookingCode))).toHaveLength(1);
  });

  it('with SMS opt-in also sends one SMS through Sipgate, with the account credentials', async () => {
    const before = sipgate.requests.length;
    const appointment = await book(db, place, { startsAt: inThreeDays(), phone: '+4915112345678', smsOptIn: true });
    await waitFor('the SMS', () => sipgate.requests.length > before);
    await waitFor('SMS logged as sent', () => db.notificationLog.findFirst({ where: { appointmentId: appointment.id, channel: 'SMS', status: 'SENT' } }));

    const requests = sipgate.requests.slice(before);
    expect(requests).toHaveLength(1);
    expect(requests[0]!.auth).toEqual({ tokenId: 'token-ABC123', token: 'secret-token' });
    const body = requests[0]!.body as { smsId: string; recipient: string; message: string };
    expect(body.smsId).toBe('s0');
    expect(body.recipient).toBe('+4915112345678');
    expect(body.message).toContain(appointment.bookingCode);
  });

  it('without opt-in sends no SMS even when a phone number is known', async () => {
    const before = sipgate.requests.length;
    const appointment = await book(db, place, { startsAt: inThreeDays(), phone: '+4915199999999', smsOptIn: false });
    await waitFor('the e-mail', () => db.notificationLog.findFirst({ where: { appointmentId: appointment.id, status: 'SENT' } }));
    expect(sipgate.requests.length).toBe(before);
  });

  it('announces the confirmation to the location screens, without citizen data', async () => {
    const appointment = await book(db, place, { startsAt: inThreeDays(), name: 'Max Geheim' });
    const message = await waitFor('live event', () =>
      liveMessages.map(decodeLiveEvent).find((e) => e?.type === 'appointment_changed' && e.change === 'confirmed' && e.appointmentId === appointment.id),
    );
    expect(message.locationId).toBe(place.locationId);
    expect(JSON.stringify(message)).not.toMatch(/Max Geheim|@example\.org/);
  });

  it('reports Redis and queue depths on /health', async () => {
    const res = await fetch(`http://127.0.0.1:${worker.healthPort()}/health`);
    expect(res.status).toBe(200);
    const body = (await res.json()) as { status: string; redis: string; queues: Record<string, Record<string, number>> };
    expect(body.status).toBe('ok');
    expect(body.redis).toBe('ready');
    expect(Object.keys(body.queues)).toEqual(expect.arrayContaining(['confirm-appointment', 'email', 'sms', 'reminder', 'dead-letter']));
    expect(body.queues.reminder).toEqual({ waiting: expect.any(Number), active: expect.any(Number), delayed: expect.any(Number), failed: expect.any(Number) });
    // Every confirmed booking above waits for its reminder three days ahead.
    expect(body.queues.reminder!.delayed).toBeGreaterThanOrEqual(3);
  });

  it('serves Prometheus metrics of the queues, dead letters and outbox on the health port, only with the token', async () => {
    const url = `http://127.0.0.1:${worker.healthPort()}/metrics`;
    expect((await fetch(url)).status).toBe(404);
    expect((await fetch(url, { headers: { authorization: 'Bearer wrong' } })).status).toBe(404);

    const scrape = async () => {
      const res = await fetch(url, { headers: { authorization: `Bearer ${METRICS_TOKEN}` } });
      expect(res.status).toBe(200);
      const text = await res.text();
      return {
        text,
        value: (series: string) =>
          Number(
            text
              .split('\n')
              .find((line) => line.startsWith(`${series} `))
              ?.split(' ')[1],
          ),
      };
    };
    // Nothing of the earlier tests still in flight, so the difference is this booking's alone.
    const idle = async () => {
      if ((await db.outboxEvent.count({ where: { publishedAt: null } })) > 0) return false;
      for (const name of ['confirm-appointment', 'email'] as const) {
        const counts = await worker.context.queues[name].getJobCounts('waiting', 'active', 'delayed', 'prioritized');
        if (Object.values(counts).some((n) => n > 0)) return false;
      }
      return true;
    };
    await waitFor("the earlier tests' jobs done", idle);
    const before = await scrape();
    const booking = await book(db, place, { startsAt: inThreeDays(), name: 'Metrik Test' });
    await waitFor(
      'the confirmation e-mail sent and every queue idle',
      async () => (await db.notificationLog.count({ where: { appointmentId: booking.id, status: 'SENT', channel: 'EMAIL' } })) === 1 && (await idle()),
    );
    const { text, value } = await scrape();
    // The booking is one more completed confirm job (its e-mail is sent within it).
    const completed = 'termin_queue_jobs{queue="confirm-appointment",state="completed"}';
    expect(value(completed) - before.value(completed)).toBe(1);
    expect(value('termin_queue_jobs{queue="email",state="waiting"}')).toBe(0);
    expect(value('termin_queue_jobs{queue="reminder",state="delayed"}')).toBeGreaterThanOrEqual(1);
    expect(value('termin_dead_letters')).toBe(0);
    expect(value('termin_outbox_pending')).toBe(0);
    expect(value('termin_outbox_lag_seconds')).toBe(0);
    expect(text).toContain('termin_jobs_failed_total');
    expect(text).toContain('termin_worker_process_cpu_seconds_total');
    expect(text).not.toMatch(/Metrik Test|@example\.org/);
  });
});
