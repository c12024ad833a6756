export { languageHandle } from './language-handle';
