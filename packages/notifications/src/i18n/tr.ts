import { locales } from '@termin/contracts';
import type { Messages } from './types';

export const tr: Messages = {
  locale: locales.tr,
  formatTime: (clock) => clock,
  greeting: 'Merhaba,',
  quote: (text) => `“${text}”`,
  detailsHeading: 'Randevunuz',
  labels: {
    bookedFor: 'Randevu sahibi',
    service: 'İşlem',
    date: 'Tarih',
    time: 'Saat',
    location: 'Yer',
    bookingCode: 'Randevu kodu',
    documents: 'Lütfen yanınızda getirin',
  },
  checkinHeading: 'Yerinde kayıt',
  checkinHint: 'Bu QR kodunu girişte veya kayıt kioskunda gösterin. Randevu kodunuz da geçerlidir.',
  qrAlt: (code) => `${code} randevu koduyla kayıt için QR kodu`,
  actionsHeading: 'Randevunuzu yönetin',
  manageLink: 'Randevunuzu görüntüleyin veya değiştirin',
  cancelLink: 'Randevunuzu iptal edin',
  bringCode: 'Lütfen randevu kodunuzu ve gerekli belgeleri yanınızda getirin.',
  signOff: 'Saygılarımızla',
  calendarSummary: (service) => `Randevu: ${service}`,
  calendarDescription: (code, url) => `Randevu kodu: ${code}\nGörüntüle, değiştir veya iptal et: ${url}`,
  icsFilename: 'randevu.ics',
  qrFilename: 'kayit-qr-kodu.png',
  sender: 'Belediyeniz',
  automatedNotice: 'Bu mesaj otomatik olarak gönderildi. Lütfen yanıtlamayın.',
  kinds: {
    confirmation: {
      subject: (a) => `Randevu onaylandı: ${a.serviceName}, ${a.date}`,
      heading: 'Randevunuz onaylandı',
      intro: (a) => `Randevunuz için teşekkür ederiz. ${a.date} günü saat ${a.time} sizi bekliyoruz.`,
      sms: (a) => `Randevu onaylandi: ${a.date}, ${a.time}, ${a.place}. Randevu kodu: ${a.bookingCode}`,
    },
    cancellation: {
      subject: (a) => `Randevu iptal edildi: ${a.serviceName}, ${a.date}`,
      heading: 'Randevunuz iptal edildi',
      intro: (a) => `${a.date} günü saat ${a.time} randevunuz gerçekleşmeyecek. İstediğiniz zaman yeni bir randevu alabilirsiniz.`,
      sms: (a) => `Randevu iptal edildi: ${a.date}, ${a.time}, ${a.place}. Randevu kodu: ${a.bookingCode}`,
    },
    reschedule: {
      subject: (a) => `Randevu ertelendi: ${a.serviceName}, yeni tarih ${a.date}`,
      heading: 'Randevunuz ertelendi',
      intro: (a) =>
        a.previous
          ? `Randevunuz ${a.previous.date} saat ${a.previous.time} yerine ${a.date} saat ${a.time} olarak değiştirildi.`
          : `Randevunuz artık ${a.date} günü saat ${a.time}.`,
      sms: (a) => `Randevu ertelendi: ${a.date}, ${a.time}, ${a.place}. Randevu kodu: ${a.bookingCode}`,
    },
    reminder: {
      subject: (a) => `Hatırlatma: ${a.serviceName}, ${a.date} saat ${a.time}`,
      heading: 'Randevu hatırlatması',
      intro: (a) => `${a.date} günü saat ${a.time} randevunuzu hatırlatırız.`,
      sms: (a) => `Hatirlatma: randevu ${a.date}, ${a.time}, ${a.place}. Randevu kodu: ${a.bookingCode}`,
    },
  },
};
