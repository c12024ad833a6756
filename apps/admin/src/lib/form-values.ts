/** What a form shows: what was typed when the server sent it back, else the saved state. */
export interface Submitted {
  values?: Record<string, string | string[]>;
  fields?: Record<string, string>;
  message?: string;
  conflict?: boolean;
  action?: string;
}

export function formView(form: Submitted | null | undefined, action = 'default') {
  const mine = form && (form.action ?? 'default') === action && form.values ? form : null;
  const values = mine?.values;
  return {
    submitted: mine,
    errors: (mine?.fields ?? {}) as Record<string, string>,
    text: (name: string, saved: string | number | null | undefined) => (values ? String(values[name] ?? '') : saved == null ? '' : String(saved)),
    checked: (name: string, saved: boolean) => (values ? values[name] === 'on' : saved),
    chosen: (id: string, saved: readonly string[]) => {
      if (!values) return saved.includes(id);
      const list = values.serviceIds;
      return Array.isArray(list) ? list.includes(id) : list === id;
    },
  };
}

/** use:enhance that keeps what was typed on the page (the server's answer replaces it when saved). */
export const keepInput =
  () =>
  async ({ update }: { update: (options?: { reset?: boolean }) => Promise<void> }) =>
    update({ reset: false });
