// Whatever the double accepts from this corpus must also pass OpenMetadata's own 1.4 JSON Schemas, and whatever those
// schemas refuse the double must refuse too. Runs only where the reference copy exists (../shared/reference, from the
// repository root; see its README): a fresh clone without it skips.
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import type { ValidateFunction } from 'ajv';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startOpenMetadataDouble, type OpenMetadataDouble } from '../support/openmetadata-double/index.js';
import { apiClient, type ApiClient } from '../support/openmetadata-double/test-client.js';
import type { Case, Ids } from './upstream-schemas/corpus-case.js';
import { CONTAINER_CASES } from './upstream-schemas/corpus-containers.js';
import { PIPELINE_CASES } from './upstream-schemas/corpus-pipelines.js';
import { TABLE_CASES } from './upstream-schemas/corpus-tables.js';
import { loadUpstream, specDir } from './upstream-schemas/upstream-validators.js';

// In this order: later cases refer to what earlier ones created (the service, its database and schema, the pipeline).
const CORPUS: Case[] = [...CONTAINER_CASES, ...TABLE_CASES, ...PIPELINE_CASES];

describe.skipIf(!existsSync(specDir))('the double against OpenMetadata 1.4 schemas', () => {
  let om: OpenMetadataDouble;
  let api: ApiClient;
  let upstream: (ref: string) => ValidateFunction;
  const ids: Ids = { user: '', team: '', service: '' };

  beforeAll(async () => {
    upstream = loadUpstream();
    om = await startOpenMetadataDouble({ version: '1.4.0' }); // the 1.4 shapes these tests exercise
    api = apiClient(om.baseUrl);
    ids.user = String(om.addUser('alice').id);
    ids.team = String(om.addTeam('data-platform').id);
  });
  afterAll(() => om.stop());

  it.each(CORPUS.map((c) => [c.label, c] as const))('%s', async (_label, corpusCase) => {
    if (corpusCase.path !== 'services/databaseServices' && ids.service === '') {
      ids.service = String(om.get('databaseService', 'corpus_svc')?.id ?? randomUUID());
    }
    const body = corpusCase.body(ids);
    const validate = upstream(corpusCase.schema);
    const upstreamValid = validate(structuredClone(body));
    const answer = await api.put(corpusCase.path, body);
    const accepted = answer.status >= 200 && answer.status < 300;
    const detail = JSON.stringify({ double: answer.body, upstream: validate.errors?.slice(0, 3) });

    if (accepted) expect(upstreamValid, `the double accepted what OpenMetadata's schema refuses: ${detail}`).toBe(true);
    if (!upstreamValid) expect(answer.status, `the double must refuse what OpenMetadata's schema refuses: ${detail}`).toBe(400);
    expect({ accepted, upstreamValid }, detail).toEqual({
      accepted: corpusCase.verdict === 'both',
      upstreamValid: corpusCase.verdict !== 'neither',
    });
  });
});
