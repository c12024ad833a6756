type Params = Record<string, string | number | boolean>;
type Catalogue = Record<string, (p: Params) => string>;

// Messages of the data-protection requests (DSGVO Art. 15 and 17) the admin handles.
export const privacyDe: Catalogue = {
  data_subject_not_found: () => 'Zu dieser Angabe sind in Ihrer Kommune keine Daten gespeichert. Bitte prüfen Sie Buchungscode oder E-Mail-Adresse.',
  data_subject_has_open_appointments: (p) =>
    `Diese Person hat noch ${p.count} offene(n) Termin(e). Bitte lassen Sie diese zuerst absagen; danach können die Daten gelöscht werden.`,
};

export const privacyEn: Catalogue = {
  data_subject_not_found: () => 'Your municipality stores no data for this entry. Please check the booking code or e-mail address.',
  data_subject_has_open_appointments: (p) => `This person still has ${p.count} upcoming appointment(s). Please have them cancelled first; then the data can be erased.`,
};
