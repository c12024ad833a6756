import { getContext, setContext } from 'svelte';

/** What the citizen portal puts around every page: the municipality's name and logo, and the legal links in the footer. */
export interface PortalChrome {
  name: string;
  /** Same-origin address of the logo, null without one. */
  logoUrl: string | null;
  /** The visitor reads Leichte Sprache (easy German); the portal's language menu offers it next to German. */
  easy: boolean;
}

const key = Symbol('portal-chrome');

/** Called by the citizen layout; the staff and admin apps set nothing and keep the plain shell. */
export function setPortalChrome(chrome: () => PortalChrome | null): void {
  setContext(key, chrome);
}

export function getPortalChrome(): () => PortalChrome | null {
  return getContext<(() => PortalChrome | null) | undefined>(key) ?? (() => null);
}
