// Keycloak resolves `${NAME}` placeholders from the environment when importing a realm at startup
// and leaves a placeholder untouched when the variable is not set. These helpers follow that rule so
// the development provider reads the realm file the same way.

const placeholder = /\$\{([A-Za-z_][A-Za-z0-9_]*)\}/g;
const wholePlaceholder = /^\$\{([A-Za-z_][A-Za-z0-9_]*)\}$/;

/** Replaces every `${NAME}` whose variable is set; returns undefined if any stays unresolved. */
export function resolvePlaceholders(value: string, env: Record<string, string | undefined>): string | undefined {
  let unresolved = false;
  const resolved = value.replace(placeholder, (_match, name: string) => {
    const replacement = env[name];
    if (replacement === undefined || replacement === '') {
      unresolved = true;
      return '';
    }
    return replacement;
  });
  return unresolved ? undefined : resolved;
}

/** Name of the variable when the whole value is one placeholder, e.g. `${TERMIN_DEMO_ADMIN_PASSWORD}`. */
export function placeholderName(value: string): string | undefined {
  return wholePlaceholder.exec(value)?.[1];
}
