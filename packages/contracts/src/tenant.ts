import Color from 'colorjs.io';
import { z } from 'zod';

/*
 * A municipality's own settings (/api/v1/admin/tenant), the platform's list of municipalities
 * (/api/v1/platform/tenants) and what the citizen portal shows of them (/api/v1/tenants/:tenant/portal).
 */

/** WCAG 2.1 AA for normal text. */
export const MIN_CONTRAST = 4.5;
/** The largest logo accepted, in bytes (the database refuses more too). */
export const MAX_LOGO_BYTES = 256 * 1024;
/** Raster images only: an SVG can carry script. */
export const LOGO_CONTENT_TYPES = ['image/png', 'image/jpeg', 'image/webp'] as const;

/** Contrast ratio of a #rrggbb colour with white (the same either way round: white text on it, or it on white). */
export function contrastWithWhite(hex: string): number {
  return Math.round(new Color(hex).contrastWCAG21('#ffffff') * 100) / 100;
}

const hexColor = z
  .string()
  .trim()
  .regex(/^#[0-9a-fA-F]{6}$/)
  .transform((c) => c.toLowerCase())
  // Header text is white on this colour and links are this colour on white: both need 4.5:1.
  .refine((c) => contrastWithWhite(c) >= MIN_CONTRAST, { params: { fieldCode: 'color_contrast_too_low' } });

const slug = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/);
const legalText = z.string().trim().max(50_000).nullable().default(null);
const version = z.number().int().min(1);
const email = z.string().trim().max(254).pipe(z.email()).nullable().default(null);

/** Bundesländer (ISO 3166-2:DE without the prefix): their public holidays close every office. */
export const BUNDESLAENDER = ['BB', 'BE', 'BW', 'BY', 'HB', 'HE', 'HH', 'MV', 'NI', 'NW', 'RP', 'SH', 'SL', 'SN', 'ST', 'TH'] as const;

const bookingRules = {
  /** How many days ahead citizens can book. */
  bookingHorizonDays: z.number().int().min(1).max(365),
  /** The earliest appointment is this many minutes from now. */
  minLeadMinutes: z.number().int().min(0).max(10_080),
  /** Citizens can cancel online until this many minutes before. */
  cancellationDeadlineMinutes: z.number().int().min(0).max(10_080),
  /** Bookings one e-mail address or phone number may hold per day. */
  maxBookingsPerContactPerDay: z.number().int().min(1).max(20),
  /** The reminder goes out this many minutes before the appointment. */
  reminderOffsetMinutes: z.number().int().min(0).max(10_080),
  /** Contact data is erased this many days after the appointment. */
  dataRetentionDays: z.number().int().min(1).max(3650),
};

/** A country calling code such as +49 (E.164: one to three digits, not starting with 0). */
export const countryCallingCode = z
  .string()
  .trim()
  .regex(/^\+[1-9]\d{0,2}$/);

/** Against SMS pumping: where SMS may go, and how many a day at most. */
const smsRules = {
  /** SMS reminders go only to numbers with these codes; a booking asking for SMS to another is refused. Empty: no SMS. */
  smsCountryCodes: z.array(countryCallingCode).max(20),
  /** SMS per local day; once reached the day's further SMS are not sent (recorded, and an alert in the audit log). */
  smsDailyBudget: z.number().int().min(0).max(1_000_000),
};

/** Against bots on rush days: a booking needs a solved proof-of-work challenge, or without JavaScript a short wait. */
const bookingChallenge = z.boolean();

const legalTexts = {
  imprintDe: legalText,
  imprintEn: legalText,
  privacyDe: legalText,
  privacyEn: legalText,
  accessibilityDe: legalText,
  accessibilityEn: legalText,
  /** Where citizens report barriers (the statement names it). */
  accessibilityContactEmail: email,
  accessibilityContactAddress: z.string().trim().max(500).nullable().default(null),
};

/** A new logo: the image's bytes in base64 and the type the browser said it is (checked against the bytes). */
export const tenantLogoUpload = z.strictObject({
  contentType: z.enum(LOGO_CONTENT_TYPES),
  // base64 of at most MAX_LOGO_BYTES.
  base64: z
    .string()
    .min(1)
    .max(Math.ceil(MAX_LOGO_BYTES / 3) * 4)
    .regex(/^[A-Za-z0-9+/]+={0,2}$/),
});
export type TenantLogoUpload = z.infer<typeof tenantLogoUpload>;

export const adminTenantSettingsUpdate = z.strictObject({
  version,
  name: z.string().trim().min(1).max(200),
  /** Null: the portal's own blue. */
  primaryColor: hexColor.nullable().default(null),
  /** Leave out to keep the logo, null to remove it, an upload to replace it. */
  logo: tenantLogoUpload.nullable().optional(),
  ...bookingRules,
  // Left out: kept as they are (clients older than these settings).
  smsCountryCodes: smsRules.smsCountryCodes.optional(),
  smsDailyBudget: smsRules.smsDailyBudget.optional(),
  bookingChallenge: bookingChallenge.optional(),
  ...legalTexts,
});
export type AdminTenantSettingsUpdate = z.infer<typeof adminTenantSettingsUpdate>;

export const adminTenantSettings = z.object({
  slug: z.string(),
  name: z.string(),
  timezone: z.string(),
  holidayState: z.string().nullable(),
  primaryColor: z.string().nullable(),
  /** Path of the logo on the API (changes with every save), null without one. */
  logoUrl: z.string().nullable(),
  bookingHorizonDays: z.number().int(),
  minLeadMinutes: z.number().int(),
  cancellationDeadlineMinutes: z.number().int(),
  maxBookingsPerContactPerDay: z.number().int(),
  reminderOffsetMinutes: z.number().int(),
  dataRetentionDays: z.number().int(),
  smsCountryCodes: z.array(z.string()),
  smsDailyBudget: z.number().int(),
  bookingChallenge: z.boolean(),
  imprintDe: z.string().nullable(),
  imprintEn: z.string().nullable(),
  privacyDe: z.string().nullable(),
  privacyEn: z.string().nullable(),
  accessibilityDe: z.string().nullable(),
  accessibilityEn: z.string().nullable(),
  accessibilityContactEmail: z.string().nullable(),
  accessibilityContactAddress: z.string().nullable(),
  version: z.number().int(),
});
export type AdminTenantSettings = z.infer<typeof adminTenantSettings>;

// ── Platform: the municipalities of this installation ──────────────────────────────────────
export const platformTenantCreate = z.strictObject({
  slug,
  name: z.string().trim().min(1).max(200),
  holidayState: z.enum(BUNDESLAENDER),
  /** IANA zone, e.g. Europe/Berlin (checked to exist). */
  timezone: z.string().trim().min(1).max(64),
});
export type PlatformTenantCreate = z.infer<typeof platformTenantCreate>;
export const platformTenant = z.object({
  id: z.uuid(),
  slug: z.string(),
  name: z.string(),
  holidayState: z.string().nullable(),
  timezone: z.string(),
  locations: z.number().int(),
  createdAt: z.iso.datetime(),
});
export type PlatformTenant = z.infer<typeof platformTenant>;
export const platformTenantList = z.object({ tenants: z.array(platformTenant) });

// ── What the citizen portal shows ──────────────────────────────────────────────────────────
/** A legal text in the language the tenant wrote it in (the page marks it with `lang`). */
export const portalText = z.object({ lang: z.enum(['de', 'en']), text: z.string() }).nullable();
export type PortalText = z.infer<typeof portalText>;
export const tenantPortal = z.object({
  name: z.string(),
  primaryColor: z.string().nullable(),
  logoUrl: z.string().nullable(),
  /** German and English where the tenant wrote both; the portal picks by the visitor's language. */
  legal: z.object({
    imprint: z.object({ de: z.string().nullable(), en: z.string().nullable() }),
    privacy: z.object({ de: z.string().nullable(), en: z.string().nullable() }),
    accessibility: z.object({ de: z.string().nullable(), en: z.string().nullable() }),
    accessibilityContactEmail: z.string().nullable(),
    accessibilityContactAddress: z.string().nullable(),
  }),
});
export type TenantPortal = z.infer<typeof tenantPortal>;

// ── Admin home: how each office is doing today ──────────────────────────────────────────────
export const adminLocationOverview = z.object({
  id: z.uuid(),
  name: z.string(),
  timezone: z.string(),
  active: z.boolean(),
  /** Today and the last day of the booking horizon, in the office's time zone. */
  today: z.string(),
  horizonEnd: z.string(),
  /** Open appointments today (local day of the office) and bookable places today. */
  appointmentsToday: z.number().int(),
  capacityToday: z.number().int(),
  /** The next slot with a free place, as UTC and as the office's local date and time. */
  nextFree: z.object({ startsAt: z.iso.datetime(), localDate: z.string(), localTime: z.string() }).nullable(),
  /** The last local day with a published slot (null: none). */
  lastPublishedDay: z.string().nullable(),
  /** Days within the booking horizon with opening hours but not one published slot. */
  daysWithoutSlots: z.array(z.string()),
  /** True when the horizon is not filled with published slots. */
  horizonGap: z.boolean(),
});
export type AdminLocationOverview = z.infer<typeof adminLocationOverview>;
export const adminOverview = z.object({
  bookingHorizonDays: z.number().int(),
  locations: z.array(adminLocationOverview),
});
export type AdminOverview = z.infer<typeof adminOverview>;
