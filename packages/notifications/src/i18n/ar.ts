import { locales } from '@termin/contracts';
import type { Messages } from './types';

export const ar: Messages = {
  // Western digits, as on the portal: clock times and codes match what the office's screens show.
  locale: locales.ar,
  formatTime: (clock) => clock,
  greeting: 'مرحبًا،',
  quote: (text) => `«${text}»`,
  detailsHeading: 'موعدك',
  labels: {
    bookedFor: 'محجوز باسم',
    service: 'الخدمة',
    date: 'التاريخ',
    time: 'الوقت',
    location: 'المكان',
    bookingCode: 'رمز الحجز',
    documents: 'يرجى إحضار',
  },
  checkinHeading: 'تسجيل الحضور في المكان',
  checkinHint: 'اعرض رمز QR هذا عند المدخل أو في كشك التسجيل. يصلح رمز الحجز أيضًا.',
  qrAlt: (code) => `رمز QR لتسجيل الحضور برمز الحجز ${code}`,
  actionsHeading: 'إدارة موعدك',
  manageLink: 'عرض موعدك أو تغييره',
  cancelLink: 'إلغاء موعدك',
  bringCode: 'يرجى إحضار رمز الحجز والمستندات المطلوبة.',
  signOff: 'مع أطيب التحيات',
  calendarSummary: (service) => `موعد: ${service}`,
  calendarDescription: (code, url) => `رمز الحجز: ${code}\nعرض أو تغيير أو إلغاء: ${url}`,
  icsFilename: 'appointment.ics',
  qrFilename: 'check-in-qr-code.png',
  sender: 'إدارة مدينتك',
  automatedNotice: 'أُرسلت هذه الرسالة تلقائيًا. يرجى عدم الرد عليها.',
  kinds: {
    confirmation: {
      subject: (a) => `تأكيد الموعد: ${a.serviceName} في ${a.date}`,
      heading: 'تم تأكيد موعدك',
      intro: (a) => `شكرًا على حجزك. نتطلع إلى رؤيتك في ${a.date} الساعة ${a.time}.`,
      sms: (a) => `تأكيد الموعد: ${a.date}، ${a.time}، ${a.place}. رمز الحجز: ${a.bookingCode}`,
    },
    cancellation: {
      subject: (a) => `إلغاء الموعد: ${a.serviceName} في ${a.date}`,
      heading: 'تم إلغاء موعدك',
      intro: (a) => `لن يُعقد موعدك في ${a.date} الساعة ${a.time}. يمكنك حجز موعد جديد في أي وقت.`,
      sms: (a) => `إلغاء الموعد: ${a.date}، ${a.time}، ${a.place}. رمز الحجز: ${a.bookingCode}`,
    },
    reschedule: {
      subject: (a) => `تأجيل الموعد: ${a.serviceName} الآن في ${a.date}`,
      heading: 'تم تأجيل موعدك',
      intro: (a) =>
        a.previous ? `نُقل موعدك من ${a.previous.date} الساعة ${a.previous.time} إلى ${a.date} الساعة ${a.time}.` : `موعدك الآن في ${a.date} الساعة ${a.time}.`,
      sms: (a) => `نُقل الموعد إلى ${a.date}، ${a.time}، ${a.place}. رمز الحجز: ${a.bookingCode}`,
    },
    reminder: {
      subject: (a) => `تذكير: ${a.serviceName} في ${a.date} الساعة ${a.time}`,
      heading: 'تذكير بموعدك',
      intro: (a) => `نذكّرك بموعدك في ${a.date} الساعة ${a.time}.`,
      sms: (a) => `تذكير: موعد ${a.date}، ${a.time}، ${a.place}. رمز الحجز: ${a.bookingCode}`,
    },
  },
};
