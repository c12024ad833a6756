import { checked, euroCents, integer, optionalInteger, optionalText, text } from './forms';

/** The location form as the contracts want it (slug only when creating). */
export function locationInput(form: FormData) {
  return {
    name: text(form, 'name'),
    address: text(form, 'address'),
    timezone: text(form, 'timezone'),
    slotMinutes: integer(form, 'slotMinutes'),
    checkinEarlyMinutes: optionalInteger(form, 'checkinEarlyMinutes'),
    checkinLateMinutes: optionalInteger(form, 'checkinLateMinutes'),
    contactDe: optionalText(form, 'contactDe'),
    contactEn: optionalText(form, 'contactEn'),
    directionsDe: optionalText(form, 'directionsDe'),
    directionsEn: optionalText(form, 'directionsEn'),
    active: checked(form, 'active'),
    serviceIds: form.getAll('serviceIds').map(String),
  };
}

export function serviceInput(form: FormData) {
  return {
    nameDe: text(form, 'nameDe'),
    nameEn: text(form, 'nameEn'),
    descriptionDe: optionalText(form, 'descriptionDe'),
    descriptionEn: optionalText(form, 'descriptionEn'),
    durationMinutes: integer(form, 'durationMinutes'),
    ticketPrefix: text(form, 'ticketPrefix').toUpperCase(),
    documentsDe: optionalText(form, 'documentsDe'),
    documentsEn: optionalText(form, 'documentsEn'),
    documentsEasy: optionalText(form, 'documentsEasy'),
    feeCents: euroCents(form, 'feeCents'),
    slotCapacity: integer(form, 'slotCapacity'),
    internalPlaces: integer(form, 'internalPlaces'),
    active: checked(form, 'active'),
  };
}

export function counterInput(form: FormData) {
  return { name: text(form, 'name'), serviceIds: form.getAll('serviceIds').map(String), active: checked(form, 'active') };
}

/** The version the form was loaded with, so a stale save is refused rather than overwriting. */
export const versionOf = (form: FormData) => integer(form, 'version');
