type Params = Record<string, string | number | boolean>;
type Catalogue = Record<string, (p: Params) => string>;

// Messages of the clerk's workstation and the office's devices; they say what to do instead.
export const workstationDe: Catalogue = {
  counter_paused: () => 'Ihr Schalter ist in Pause. Setzen Sie ihn fort, bevor Sie jemanden aufrufen.',
  counter_closed: () => 'Ihr Schalter ist für heute geschlossen. Öffnen Sie ihn wieder, bevor Sie jemanden aufrufen.',
  display_counter_unknown: () => 'Einer der gewählten Schalter gehört nicht zu diesem Standort.',
};

export const workstationEn: Catalogue = {
  counter_paused: () => 'Your counter is paused. Resume it before calling anyone.',
  counter_closed: () => 'Your counter is closed for today. Open it again before calling anyone.',
  display_counter_unknown: () => 'One of the chosen counters does not belong to this location.',
};
