/**
 * Whether an SMS may go to this number: its country calling code is one the municipality serves.
 * `phone` is normalised (`+4915…`); country codes are prefix-free (E.164), so a prefix test is exact.
 */
export function smsCountryAllowed(phone: string, countryCodes: readonly string[]): boolean {
  return /^\+[1-9]\d{5,14}$/.test(phone) && countryCodes.some((code) => phone.startsWith(code));
}
