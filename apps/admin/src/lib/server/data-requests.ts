import type { DataSubjectQuery } from '@termin/contracts';

/**
 * What the admin typed, as the API's query: an address has an @, anything else is taken as a
 * booking code (the API says if it cannot be one).
 */
export function subjectOf(typed: string): DataSubjectQuery {
  const value = typed.trim();
  return value.includes('@') ? { by: 'email', email: value } : { by: 'bookingCode', bookingCode: value };
}
