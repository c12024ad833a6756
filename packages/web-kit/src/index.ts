export { createWebKit, rootLayoutLoad, type WebKit, type WebKitOptions } from './web-kit';
export { createApiClient, ApiError, type ApiClient, type ApiClientOptions, type ApiResult, type CallOptions, type FieldProblem } from './api-client';
export { dataOrError, formFailure } from './page-answers';
export { createSealedCookie, type SealedCookieSpec } from './sealed-cookie';
export { languageHandle } from './language-handle';
export type { WebLocals } from './locals';
