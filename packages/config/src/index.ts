export { ConfigError, parseEnv, type Env } from './env';
export { loadApiConfig, type ApiConfig } from './api-config';
export { DEVELOPMENT_SECRETS, productionProblems } from './production-guards';
export { loadWorkerConfig, type WorkerConfig } from './worker-config';
export { loadWebConfig, type WebConfig } from './web-config';
export { metricsScrapeAllowed } from './metrics-token';
