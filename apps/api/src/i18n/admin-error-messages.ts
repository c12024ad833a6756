type Params = Record<string, string | number | boolean>;
type Catalogue = Record<string, (p: Params) => string>;

// Messages of the administration routes; they say what to change.
export const adminDe: Catalogue = {
  version_conflict: () => 'Jemand anderes hat diesen Eintrag inzwischen geändert. Bitte laden Sie die Seite neu und übernehmen Sie Ihre Änderungen erneut.',
  rule_change_hits_bookings: (p) =>
    `Die Änderung betrifft ${p.count} gebuchte Termine. Bitte sehen Sie sich die Vorschau an und bestätigen Sie, dass diese Termine bestehen bleiben.`,
  closure_not_found: () => 'Diese Schließung wurde nicht gefunden.',
  holiday_not_found: () => 'Dieser Feiertag wurde nicht gefunden.',
  invalid_timezone: () => 'Unbekannte Zeitzone (z. B. Europe/Berlin)',
  invalid_date: () => 'Bitte ein gültiges Datum angeben',
  invalid_time: () => 'Bitte eine Uhrzeit wie 08:30 angeben',
  end_before_start: () => 'Das Ende muss nach dem Anfang liegen',
  intervals_overlap: (p) => `Überschneidet sich mit Zeitraum ${p.other} desselben Wochentags`,
  duplicate_valid_from: () => 'Ab diesem Datum gibt es schon einen Plan',
  slot_length_not_dividing: (p) => `Die Taktung von ${p.slotMinutes} Minuten passt nicht zu einer Dienstleistung von ${p.durationMinutes} Minuten`,
  duration_not_multiple_of_slot: (p) => `Die Dauer muss ein Vielfaches der Taktung von ${p.slotMinutes} Minuten sein`,
  unknown_service: () => 'Enthält eine unbekannte Dienstleistung',
  service_not_offered_here: () => 'Enthält eine Dienstleistung, die dieser Standort nicht anbietet',
  ticket_prefix_taken: () => 'Dieser Buchstabe gehört schon zu einer anderen Dienstleistung',
  slug_taken: () => 'Diese Kennung ist schon vergeben',
  counter_name_taken: () => 'Ein Schalter mit diesem Namen existiert hier schon',
  closure_exists: () => 'An diesem Tag beginnt schon eine Schließung',
  holiday_exists: () => 'An diesem Tag gibt es schon einen Feiertag',
  internal_places_exceed_capacity: (p) => `Höchstens ${p.capacity} (die Plätze je Termin)`,
};

export const adminEn: Catalogue = {
  version_conflict: () => 'Someone else has changed this entry in the meantime. Please reload the page and make your changes again.',
  rule_change_hits_bookings: (p) => `This change affects ${p.count} booked appointments. Please look at the preview and confirm that these appointments are kept.`,
  closure_not_found: () => 'This closure was not found.',
  holiday_not_found: () => 'This holiday was not found.',
  invalid_timezone: () => 'Unknown time zone (e.g. Europe/Berlin)',
  invalid_date: () => 'Please enter a valid date',
  invalid_time: () => 'Please enter a time like 08:30',
  end_before_start: () => 'The end must be after the start',
  intervals_overlap: (p) => `Overlaps interval ${p.other} of the same weekday`,
  duplicate_valid_from: () => 'There is already a schedule from this date',
  slot_length_not_dividing: (p) => `A slot length of ${p.slotMinutes} minutes does not fit a service of ${p.durationMinutes} minutes`,
  duration_not_multiple_of_slot: (p) => `The duration must be a multiple of the slot length of ${p.slotMinutes} minutes`,
  unknown_service: () => 'Contains an unknown service',
  service_not_offered_here: () => 'Contains a service this location does not offer',
  ticket_prefix_taken: () => 'This letter already belongs to another service',
  slug_taken: () => 'This identifier is already taken',
  counter_name_taken: () => 'A counter with this name already exists here',
  closure_exists: () => 'A closure already starts on this day',
  holiday_exists: () => 'There is already a holiday on this day',
  internal_places_exceed_capacity: (p) => `At most ${p.capacity} (the places per slot)`,
};
