/**
 * The citizen portal's addresses for one booking: the one place they are spelled, for the booking
 * answer, the e-mails, the calendar file and the check-in QR code (which encodes `checkin`).
 */
export interface CitizenLinks {
  /** Look up, reschedule or cancel the booking (asks for the booking's e-mail address). */
  manage: string;
  /** Straight to the cancellation step of `manage`. */
  cancel: string;
  /** Public check-in page of the booking; what a staff scanner or kiosk opens. */
  checkin: string;
}

export function citizenLinks(citizenBaseUrl: string, bookingCode: string): CitizenLinks {
  const base = citizenBaseUrl.replace(/\/+$/, '');
  const code = encodeURIComponent(bookingCode);
  return {
    manage: `${base}/manage/${code}`,
    cancel: `${base}/manage/${code}/cancel`,
    checkin: `${base}/checkin/${code}`,
  };
}
