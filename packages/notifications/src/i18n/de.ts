import { locales } from '@termin/contracts';
import type { Messages } from './types';

export const de: Messages = {
  locale: locales.de,
  formatTime: (clock) => `${clock} Uhr`,
  greeting: 'Guten Tag,',
  quote: (text) => `„${text}“`,
  detailsHeading: 'Ihr Termin',
  labels: {
    bookedFor: 'Gebucht auf den Namen',
    service: 'Anliegen',
    date: 'Datum',
    time: 'Uhrzeit',
    location: 'Ort',
    bookingCode: 'Buchungscode',
    documents: 'Bitte mitbringen',
  },
  checkinHeading: 'Check-in vor Ort',
  checkinHint: 'Zeigen Sie diesen QR-Code am Eingang oder am Check-in-Terminal vor. Alternativ genügt Ihr Buchungscode.',
  qrAlt: (code) => `QR-Code zum Einchecken für Buchungscode ${code}`,
  actionsHeading: 'Termin verwalten',
  manageLink: 'Termin ansehen oder ändern',
  cancelLink: 'Termin absagen',
  bringCode: 'Bitte bringen Sie Ihren Buchungscode und die nötigen Unterlagen mit.',
  signOff: 'Mit freundlichen Grüßen',
  calendarSummary: (service) => `Termin: ${service}`,
  calendarDescription: (code, url) => `Buchungscode: ${code}\nTermin ansehen, ändern oder absagen: ${url}`,
  icsFilename: 'termin.ics',
  qrFilename: 'checkin-qr-code.png',
  sender: 'Ihre Stadtverwaltung',
  automatedNotice: 'Diese Nachricht wurde automatisch erstellt. Bitte antworten Sie nicht darauf.',
  kinds: {
    confirmation: {
      subject: (a) => `Terminbestätigung: ${a.serviceName} am ${a.date}`,
      heading: 'Ihr Termin ist bestätigt',
      intro: (a) => `vielen Dank für Ihre Buchung. Wir erwarten Sie am ${a.date} um ${a.time}.`,
      sms: (a) => `Termin bestätigt: ${a.date}, ${a.time}, ${a.place}. Buchungscode: ${a.bookingCode}`,
    },
    cancellation: {
      subject: (a) => `Termin abgesagt: ${a.serviceName} am ${a.date}`,
      heading: 'Ihr Termin wurde abgesagt',
      intro: (a) => `Ihr Termin am ${a.date} um ${a.time} findet nicht statt. Sie können jederzeit einen neuen Termin buchen.`,
      sms: (a) => `Termin abgesagt: ${a.date}, ${a.time}, ${a.place}. Buchungscode: ${a.bookingCode}`,
    },
    reschedule: {
      subject: (a) => `Termin verschoben: ${a.serviceName} jetzt am ${a.date}`,
      heading: 'Ihr Termin wurde verschoben',
      intro: (a) =>
        a.previous
          ? `Ihr Termin wurde vom ${a.previous.date} um ${a.previous.time} auf den ${a.date} um ${a.time} verschoben.`
          : `Ihr Termin findet jetzt am ${a.date} um ${a.time} statt.`,
      sms: (a) => `Termin verschoben auf ${a.date}, ${a.time}, ${a.place}. Buchungscode: ${a.bookingCode}`,
    },
    reminder: {
      subject: (a) => `Erinnerung: ${a.serviceName} am ${a.date} um ${a.time}`,
      heading: 'Erinnerung an Ihren Termin',
      intro: (a) => `wir erinnern Sie an Ihren Termin am ${a.date} um ${a.time}.`,
      sms: (a) => `Erinnerung: Termin ${a.date}, ${a.time}, ${a.place}. Buchungscode: ${a.bookingCode}`,
    },
  },
};
