import { env as privateEnv } from '$env/dynamic/private';
import { env as publicEnv } from '$env/dynamic/public';

export const defaultApiUrl = 'http://localhost:4000';

/**
 * Base URL of the API for calls made by this server. API_URL may point to an internal address;
 * PUBLIC_API_URL is the one browsers use and serves as the fallback.
 */
export function apiBaseUrl(): string {
  return privateEnv.API_URL || publicEnv.PUBLIC_API_URL || defaultApiUrl;
}
