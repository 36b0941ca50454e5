// Ingestion pipelines and their run statuses, as the workflow reports them at start and end of a run.
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { OpenMetadataDouble } from '../support/openmetadata-double/index.js';
import type { ApiClient } from '../support/openmetadata-double/test-client.js';
import { useSeededDouble } from './seeded-double.js';

type Body = Record<string, any>;

let om: OpenMetadataDouble;
let api: ApiClient;
useSeededDouble((d) => ({ om, api } = d));

function pipelineRequest(serviceId: string, extra: Body = {}): Body {
  return {
    name: 'metadata_ingest',
    pipelineType: 'metadata',
    service: { id: serviceId, type: 'databaseService' },
    sourceConfig: { config: { type: 'DatabaseMetadata', markDeletedTables: true, schemaFilterPattern: { includes: ['^public$'] } } },
    airflowConfig: { scheduleInterval: '0 * * * *' },
    ...extra,
  };
}

describe('ingestion pipelines', () => {
  it('creates a pipeline under its service with OpenMetadata defaults filled in', async () => {
    const service = om.get('databaseService', 'svc')!;
    const created = await api.put('services/ingestionPipelines', pipelineRequest(service.id as string));
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      fullyQualifiedName: 'svc.metadata_ingest',
      service: { id: service.id, type: 'databaseService', name: 'svc' },
      loggerLevel: 'INFO',
      deployed: false,
      enabled: true,
      airflowConfig: { scheduleInterval: '0 * * * *', pausePipeline: false, concurrency: 1, retries: 0, pipelineTimezone: 'UTC' },
    });
    expect((await api.get('services/ingestionPipelines/name/svc.metadata_ingest')).status).toBe(200);
    expect((await api.put('services/ingestionPipelines', pipelineRequest(service.id as string))).status).toBe(200);
  });

  it('refuses an unknown service, a bad pipelineType and unknown sourceConfig keys', async () => {
    const ghost = randomUUID();
    expect((await api.put('services/ingestionPipelines', pipelineRequest(ghost))).body).toEqual({
      code: 404,
      message: `databaseService instance for ${ghost} not found`,
    });
    const service = om.get('databaseService', 'svc')!.id as string;
    expect((await api.put('services/ingestionPipelines', pipelineRequest(service, { pipelineType: 'Metadata' }))).status).toBe(400);
    const typo = pipelineRequest(service, { sourceConfig: { config: { type: 'DatabaseMetadata', markDeletedTablez: true } } });
    const refused = await api.put('services/ingestionPipelines', typo);
    expect(refused.status).toBe(400);
    expect((refused.body as Body).message).toContain('markDeletedTablez');
    const noAirflow = pipelineRequest(service);
    delete noAirflow.airflowConfig;
    expect((await api.put('services/ingestionPipelines', noAirflow)).body).toEqual({ code: 400, message: '[airflowConfig must not be null]' });
  });

  it('round-trips a run status: running at start, success with step summaries at the end', async () => {
    const service = om.get('databaseService', 'svc')!.id as string;
    await api.put('services/ingestionPipelines', pipelineRequest(service));
    const runId = randomUUID();
    const path = `services/ingestionPipelines/svc.metadata_ingest/pipelineStatus`;

    expect((await api.get(`${path}/${runId}`)).status).toBe(204);
    const start = { runId, pipelineState: 'running', startDate: 1_700_000_000_000, timestamp: 1_700_000_000_000 };
    const started = await api.put(path, start);
    expect(started.status).toBe(201);
    expect(started.body).toMatchObject({ eventType: 'entityUpdated', entityFullyQualifiedName: 'svc.metadata_ingest' });
    expect((await api.get(`${path}/${runId}`)).body).toEqual(start);

    const steps = [
      { name: 'Postgres', records: 120, updated_records: 0, warnings: 1, errors: 0, filtered: 3, failures: [] },
      {
        name: 'OpenMetadata',
        records: 120,
        updated_records: 4,
        warnings: 0,
        errors: 1,
        filtered: 0,
        failures: [{ name: 'svc.db.public.t', error: 'boom' }],
      },
    ];
    const end = { ...start, pipelineState: 'partialSuccess', endDate: 1_700_000_060_000, status: steps };
    expect((await api.put(path, end)).status).toBe(201);
    expect((await api.get(`${path}/${runId}`)).body).toEqual(end);
    expect(om.pipelineStatuses('svc.metadata_ingest')).toEqual([end]);
    const listed = (await api.get(`${path}?startTs=1600000000000&endTs=1800000000000`)).body as Body;
    expect(listed.data).toEqual([end]);
    const withStatus = (await api.get('services/ingestionPipelines/name/svc.metadata_ingest?fields=pipelineStatuses')).body as Body;
    expect(withStatus.pipelineStatuses).toEqual(end);
  });

  it('refuses bad statuses and unknown pipelines', async () => {
    const service = om.get('databaseService', 'svc')!.id as string;
    await api.put('services/ingestionPipelines', pipelineRequest(service));
    const path = 'services/ingestionPipelines/svc.metadata_ingest/pipelineStatus';
    const runId = randomUUID();
    expect((await api.put(path, { runId, pipelineState: 'done', timestamp: 1 })).status).toBe(400);
    const badStep = { runId, pipelineState: 'failed', timestamp: 1, status: [{ name: 's', records: 1, skipped: 2 }] };
    expect(((await api.put(path, badStep)).body as Body).message).toContain('skipped');
    expect((await api.put('services/ingestionPipelines/svc.nope/pipelineStatus', { runId, pipelineState: 'failed', timestamp: 1 })).body).toEqual({
      code: 404,
      message: 'ingestionPipeline instance for svc.nope not found',
    });
    expect((await api.get(`${path}/not-a-uuid`)).status).toBe(404);
    expect(om.pipelineStatuses('svc.metadata_ingest')).toEqual([]);
  });
});
