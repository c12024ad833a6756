import type { AppointmentMessageData } from '../src';

// 08:00 in Berlin: 07:00 UTC in winter (CET), 06:00 UTC in summer (CEST).
export const winterStart = new Date('2025-01-15T07:00:00Z');
export const summerStart = new Date('2025-07-16T06:00:00Z');

export function appointment(overrides: Partial<AppointmentMessageData> = {}): AppointmentMessageData {
  return {
    citizenName: 'Erika Mustermann',
    serviceName: 'Personalausweis beantragen',
    locationName: 'Bürgeramt Mitte',
    locationAddress: 'Rathausplatz 1, 12345 Musterstadt',
    startsAt: winterStart,
    timezone: 'Europe/Berlin',
    bookingCode: 'K7M-4QX',
    manageUrl: 'https://termine.example.org/buchung/K7M-4QX?token=abc&lang=de',
    cancelUrl: 'https://termine.example.org/buchung/K7M-4QX/absagen?token=abc',
    ...overrides,
  };
}
