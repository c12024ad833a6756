type Params = Record<string, string | number | boolean>;
type Catalogue = Record<string, (p: Params) => string>;

// Messages of the clerk's back office (booking on a citizen's behalf, search, cancel, move).
export const backofficeDe: Catalogue = {
  field_consent_required: () => 'Bitte bestätigen Sie, dass die Person mit der Speicherung ihrer Kontaktdaten einverstanden ist',
  backoffice_appointment_not_found: () => 'Dieser Termin wurde an diesem Standort nicht gefunden.',
};

export const backofficeEn: Catalogue = {
  field_consent_required: () => 'Please confirm that the person agrees to their contact details being kept',
  backoffice_appointment_not_found: () => 'This appointment was not found at this location.',
};
