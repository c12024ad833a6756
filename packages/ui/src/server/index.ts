export { languageHandle } from './language-handle';
export { forwardClientAddress } from './forward-client-address';
