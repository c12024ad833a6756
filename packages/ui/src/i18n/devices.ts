/**
 * The office devices' texts that visitors read (kiosk camera, display wait), in every language.
 * German first: its keys are the catalogue's.
 */
export const devicesDe = {
  'kiosk.cameraHeading': 'Halten Sie Ihren QR-Code vor die Kamera',
  'kiosk.cameraLabel': 'Kamerabild zum Scannen des QR-Codes',
  'kiosk.cameraStarting': 'Die Kamera startet …',
  'kiosk.cameraUnavailable': 'Die Kamera ist nicht verfügbar. Bitte geben Sie Ihren Code unten ein.',
  'kiosk.cameraScanned': 'QR-Code erkannt. Sie werden angemeldet …',
  'kiosk.resetIn': 'Diese Anzeige beginnt in {seconds} Sekunden von vorn.',
  'display.estimatedWait': 'Geschätzte Wartezeit: etwa {minutes} Min.',
  'display.noEstimate': 'Zurzeit ist kein Schalter geöffnet.',
  'display.reconnecting': 'Verbindung wird wiederhergestellt …',
} as const;
type DeviceKey = keyof typeof devicesDe;

export const devicesEn: Record<DeviceKey, string> = {
  'kiosk.cameraHeading': 'Hold your QR code up to the camera',
  'kiosk.cameraLabel': 'Camera view for scanning the QR code',
  'kiosk.cameraStarting': 'Starting the camera …',
  'kiosk.cameraUnavailable': 'The camera is not available. Please type your code below.',
  'kiosk.cameraScanned': 'QR code read. Checking you in …',
  'kiosk.resetIn': 'This screen starts over in {seconds} seconds.',
  'display.estimatedWait': 'Estimated wait: about {minutes} min',
  'display.noEstimate': 'No counter is open at the moment.',
  'display.reconnecting': 'Reconnecting …',
};

export const devicesTr: Record<DeviceKey, string> = {
  'kiosk.cameraHeading': 'QR kodunuzu kameraya tutun',
  'kiosk.cameraLabel': 'QR kodunu okutmak için kamera görüntüsü',
  'kiosk.cameraStarting': 'Kamera başlatılıyor …',
  'kiosk.cameraUnavailable': 'Kamera kullanılamıyor. Lütfen kodunuzu aşağıya yazın.',
  'kiosk.cameraScanned': 'QR kodu okundu. Kaydınız yapılıyor …',
  'kiosk.resetIn': 'Bu ekran {seconds} saniye sonra baştan başlar.',
  'display.estimatedWait': 'Tahmini bekleme süresi: yaklaşık {minutes} dk.',
  'display.noEstimate': 'Şu anda açık gişe yok.',
  'display.reconnecting': 'Bağlantı yeniden kuruluyor …',
};

export const devicesAr: Record<DeviceKey, string> = {
  'kiosk.cameraHeading': 'ضع رمز QR الخاص بك أمام الكاميرا',
  'kiosk.cameraLabel': 'صورة الكاميرا لمسح رمز QR',
  'kiosk.cameraStarting': 'جارٍ تشغيل الكاميرا …',
  'kiosk.cameraUnavailable': 'الكاميرا غير متاحة. يرجى إدخال الرمز أدناه.',
  'kiosk.cameraScanned': 'تمت قراءة رمز QR. جارٍ تسجيل حضورك …',
  'kiosk.resetIn': 'ستبدأ هذه الشاشة من جديد بعد {seconds} ثوانٍ.',
  'display.estimatedWait': 'مدة الانتظار المتوقعة: حوالي {minutes} دقيقة',
  'display.noEstimate': 'لا يوجد شباك مفتوح حاليًا.',
  'display.reconnecting': 'جارٍ إعادة الاتصال …',
};

export const devicesUk: Record<DeviceKey, string> = {
  'kiosk.cameraHeading': 'Піднесіть свій QR-код до камери',
  'kiosk.cameraLabel': 'Зображення камери для сканування QR-коду',
  'kiosk.cameraStarting': 'Камера запускається …',
  'kiosk.cameraUnavailable': 'Камера недоступна. Будь ласка, введіть код нижче.',
  'kiosk.cameraScanned': 'QR-код зчитано. Вас реєструють …',
  'kiosk.resetIn': 'Цей екран почнеться спочатку через {seconds} секунд.',
  'display.estimatedWait': 'Орієнтовний час очікування: близько {minutes} хв',
  'display.noEstimate': 'Наразі жодне віконце не відкрите.',
  'display.reconnecting': 'Відновлення з’єднання …',
};
