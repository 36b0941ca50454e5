// With a token configured, the double answers like OpenMetadata's JWT filter: 401 without or with a wrong token.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startOpenMetadataDouble, type OpenMetadataDouble } from '../support/openmetadata-double/index.js';
import { seedHierarchy } from '../support/openmetadata-double/seed.js';
import { apiClient } from '../support/openmetadata-double/test-client.js';

let om: OpenMetadataDouble;

beforeAll(async () => {
  om = await startOpenMetadataDouble({ token: 'bot-secret', readOnlyToken: 'viewer-secret', version: '1.4.8' });
});
afterAll(() => om.stop());

describe('authentication', () => {
  it('answers 401 without a token or with a wrong one, and changes nothing', async () => {
    const anonymous = await apiClient(om.baseUrl).put('services/databaseServices', { name: 'svc', serviceType: 'Postgres' });
    expect(anonymous.status).toBe(401);
    expect(anonymous.body).toEqual({ code: 401, message: 'Not Authorized! Token not present' });
    const wrong = await apiClient(om.baseUrl, 'guess').get('tables');
    expect(wrong.status).toBe(401);
    expect(wrong.body).toMatchObject({ code: 401 });
    const notBearer = await fetch(`${om.baseUrl}/v1/tables`, { headers: { Authorization: 'Basic Ym90OnNlY3JldA==' } });
    expect(notBearer.status).toBe(401);
    expect(om.entities('databaseService')).toEqual([]);
  });

  it('lets the right token through, and anyone read the version', async () => {
    const api = apiClient(om.baseUrl, 'bot-secret');
    await seedHierarchy(api);
    expect((await api.get('databases/name/svc.db')).status).toBe(200);
    const version = await fetch(`${om.baseUrl}/v1/system/version`);
    expect(version.status).toBe(200);
    expect(await version.json()).toMatchObject({ version: '1.4.8', revision: expect.any(String), timestamp: expect.any(Number) });
  });

  it('lets the read-only token read but answers 403 to its writes', async () => {
    const viewer = apiClient(om.baseUrl, 'viewer-secret');
    expect((await viewer.get('databaseSchemas?database=svc.db')).status).toBe(200);
    const write = await viewer.put('databases', { name: 'other', service: 'svc' });
    expect(write.status).toBe(403);
    expect((write.body as { message: string }).message).toContain('not allowed');
    expect(om.get('database', 'svc.other')).toBeUndefined();
  });
});
