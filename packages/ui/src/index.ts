export { default as PageShell } from './components/PageShell.svelte';
export { default as LanguageSwitcher } from './components/LanguageSwitcher.svelte';
export { default as SkipLink } from './components/SkipLink.svelte';
export * from './i18n';
export { default as SignedInAs } from './components/SignedInAs.svelte';
export { default as ForbiddenPage } from './components/ForbiddenPage.svelte';
export { default as AppLayout } from './components/AppLayout.svelte';
export { default as ErrorPage } from './components/ErrorPage.svelte';
export { default as SignInFailedPage } from './components/SignInFailedPage.svelte';
