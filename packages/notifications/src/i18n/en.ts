import { locales } from '@termin/contracts';
import type { Messages } from './types';

export const en: Messages = {
  locale: locales.en,
  formatTime: (clock) => clock,
  greeting: 'Hello,',
  quote: (text) => `“${text}”`,
  detailsHeading: 'Your appointment',
  labels: {
    bookedFor: 'Booked in the name of',
    service: 'Service',
    date: 'Date',
    time: 'Time',
    location: 'Location',
    bookingCode: 'Booking code',
    documents: 'Please bring',
  },
  checkinHeading: 'Checking in on site',
  checkinHint: 'Show this QR code at the entrance or at the check-in kiosk. Your booking code works as well.',
  qrAlt: (code) => `QR code for checking in with booking code ${code}`,
  actionsHeading: 'Manage your appointment',
  manageLink: 'View or change your appointment',
  cancelLink: 'Cancel your appointment',
  bringCode: 'Please bring your booking code and the required documents.',
  signOff: 'Kind regards',
  calendarSummary: (service) => `Appointment: ${service}`,
  calendarDescription: (code, url) => `Booking code: ${code}\nView, change or cancel: ${url}`,
  icsFilename: 'appointment.ics',
  qrFilename: 'check-in-qr-code.png',
  sender: 'Your city administration',
  automatedNotice: 'This message was sent automatically. Please do not reply.',
  kinds: {
    confirmation: {
      subject: (a) => `Appointment confirmed: ${a.serviceName} on ${a.date}`,
      heading: 'Your appointment is confirmed',
      intro: (a) => `Thank you for your booking. We look forward to seeing you on ${a.date} at ${a.time}.`,
      sms: (a) => `Appointment confirmed: ${a.date}, ${a.time}, ${a.place}. Booking code: ${a.bookingCode}`,
    },
    cancellation: {
      subject: (a) => `Appointment cancelled: ${a.serviceName} on ${a.date}`,
      heading: 'Your appointment has been cancelled',
      intro: (a) => `Your appointment on ${a.date} at ${a.time} will not take place. You are welcome to book a new appointment at any time.`,
      sms: (a) => `Appointment cancelled: ${a.date}, ${a.time}, ${a.place}. Booking code: ${a.bookingCode}`,
    },
    reschedule: {
      subject: (a) => `Appointment rescheduled: ${a.serviceName} now on ${a.date}`,
      heading: 'Your appointment has been rescheduled',
      intro: (a) =>
        a.previous
          ? `Your appointment has been moved from ${a.previous.date} at ${a.previous.time} to ${a.date} at ${a.time}.`
          : `Your appointment now takes place on ${a.date} at ${a.time}.`,
      sms: (a) => `Appointment moved to ${a.date}, ${a.time}, ${a.place}. Booking code: ${a.bookingCode}`,
    },
    reminder: {
      subject: (a) => `Reminder: ${a.serviceName} on ${a.date} at ${a.time}`,
      heading: 'Reminder of your appointment',
      intro: (a) => `This is a reminder of your appointment on ${a.date} at ${a.time}.`,
      sms: (a) => `Reminder: appointment ${a.date}, ${a.time}, ${a.place}. Booking code: ${a.bookingCode}`,
    },
  },
};
