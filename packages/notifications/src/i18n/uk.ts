import { locales } from '@termin/contracts';
import type { Messages } from './types';

export const uk: Messages = {
  locale: locales.uk,
  formatTime: (clock) => clock,
  greeting: 'Добрий день,',
  quote: (text) => `«${text}»`,
  detailsHeading: 'Ваш запис',
  labels: {
    bookedFor: 'Записано на ім’я',
    service: 'Послуга',
    date: 'Дата',
    time: 'Час',
    location: 'Місце',
    bookingCode: 'Код запису',
    documents: 'Будь ласка, візьміть із собою',
  },
  checkinHeading: 'Реєстрація на місці',
  checkinHint: 'Покажіть цей QR-код біля входу або в кіоску реєстрації. Код запису також підходить.',
  qrAlt: (code) => `QR-код для реєстрації з кодом запису ${code}`,
  actionsHeading: 'Керування записом',
  manageLink: 'Переглянути або змінити запис',
  cancelLink: 'Скасувати запис',
  bringCode: 'Будь ласка, візьміть із собою код запису та потрібні документи.',
  signOff: 'З повагою',
  calendarSummary: (service) => `Прийом: ${service}`,
  calendarDescription: (code, url) => `Код запису: ${code}\nПереглянути, змінити або скасувати: ${url}`,
  icsFilename: 'appointment.ics',
  qrFilename: 'check-in-qr-code.png',
  sender: 'Ваша міська адміністрація',
  automatedNotice: 'Це повідомлення надіслано автоматично. Будь ласка, не відповідайте на нього.',
  kinds: {
    confirmation: {
      subject: (a) => `Запис підтверджено: ${a.serviceName}, ${a.date}`,
      heading: 'Ваш запис підтверджено',
      intro: (a) => `Дякуємо за запис. Чекаємо на вас ${a.date} о ${a.time}.`,
      sms: (a) => `Запис підтверджено: ${a.date}, ${a.time}, ${a.place}. Код: ${a.bookingCode}`,
    },
    cancellation: {
      subject: (a) => `Запис скасовано: ${a.serviceName}, ${a.date}`,
      heading: 'Ваш запис скасовано',
      intro: (a) => `Ваш прийом ${a.date} о ${a.time} не відбудеться. Ви можете будь-коли записатися знову.`,
      sms: (a) => `Запис скасовано: ${a.date}, ${a.time}, ${a.place}. Код: ${a.bookingCode}`,
    },
    reschedule: {
      subject: (a) => `Запис перенесено: ${a.serviceName}, тепер ${a.date}`,
      heading: 'Ваш запис перенесено',
      intro: (a) => (a.previous ? `Ваш запис перенесено з ${a.previous.date} о ${a.previous.time} на ${a.date} о ${a.time}.` : `Ваш прийом тепер ${a.date} о ${a.time}.`),
      sms: (a) => `Запис перенесено: ${a.date}, ${a.time}, ${a.place}. Код: ${a.bookingCode}`,
    },
    reminder: {
      subject: (a) => `Нагадування: ${a.serviceName}, ${a.date} о ${a.time}`,
      heading: 'Нагадування про прийом',
      intro: (a) => `Нагадуємо про ваш прийом ${a.date} о ${a.time}.`,
      sms: (a) => `Нагадування: прийом ${a.date}, ${a.time}, ${a.place}. Код: ${a.bookingCode}`,
    },
  },
};
