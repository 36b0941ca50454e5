// The hooks most tests against the double share: one double per test file, reset and reseeded before every test so
// each test starts from the same svc / svc.db / svc.db.public hierarchy.
import { afterAll, beforeAll, beforeEach } from 'vitest';
import { startOpenMetadataDouble, type OpenMetadataDouble } from '../support/openmetadata-double/index.js';
import { seedHierarchy } from '../support/openmetadata-double/seed.js';
import { apiClient, type ApiClient } from '../support/openmetadata-double/test-client.js';

export interface StartedDouble {
  om: OpenMetadataDouble;
  api: ApiClient;
}

export interface SeededDoubleOptions {
  /** Forget the seeding requests, for tests that assert on `om.requests`. */
  clearRequests?: boolean;
}

/**
 * Registers the hooks. The double only exists once `beforeAll` has run, so `use` hands it over then; callers keep it
 * in their own module variables (`useSeededDouble((d) => ({ om, api } = d))`).
 */
export function useSeededDouble(use: (started: StartedDouble) => void, options: SeededDoubleOptions = {}): void {
  let started: StartedDouble | undefined;
  beforeAll(async () => {
    const om = await startOpenMetadataDouble({ version: '1.4.0' }); // the 1.4 shapes these tests exercise
    started = { om, api: apiClient(om.baseUrl) };
    use(started);
  });
  afterAll(() => started?.om.stop());
  beforeEach(async () => {
    if (!started) throw new Error('the OpenMetadata double did not start');
    started.om.reset();
    await seedHierarchy(started.api);
    if (options.clearRequests) started.om.clearRequests();
  });
}
