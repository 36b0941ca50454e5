/**
 * Bearer-token checks as OpenMetadata's JwtFilter answers them: no token → 401 `Not Authorized! Token not present`,
 * an unknown token → 401, a read-only principal writing → 403. `/v1/system/version` is open, as upstream.
 */
import { ApiError } from './types.js';

export interface AuthSettings {
  /** Token of the (bot) principal allowed everything; no token configured means no authentication. */
  token?: string;
  /** Token of a principal that may only read. */
  readOnlyToken?: string;
  readOnlyPrincipal: string;
}

const OPEN_PATHS = new Set(['/api/v1/system/version']);

export function authorize(settings: AuthSettings, method: string, path: string, header: string | undefined): ApiError | undefined {
  if (settings.token === undefined && settings.readOnlyToken === undefined) return undefined;
  if (OPEN_PATHS.has(path)) return undefined;
  if (!header || !header.startsWith('Bearer ')) return new ApiError(401, 'Not Authorized! Token not present');
  const token = header.slice('Bearer '.length).trim();
  if (token !== '' && token === settings.token) return undefined;
  if (token !== '' && token === settings.readOnlyToken) {
    if (method === 'GET' || method === 'HEAD') return undefined;
    return new ApiError(403, `Principal: CatalogPrincipal{name='${settings.readOnlyPrincipal}'} operations [EditAll] not allowed`);
  }
  return new ApiError(401, 'Not Authorized! Invalid token');
}
