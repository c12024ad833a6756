export { rootLayoutLoad as load } from '@termin/web-kit';
