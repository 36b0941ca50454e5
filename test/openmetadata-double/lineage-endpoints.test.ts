// The lineage endpoints, as OpenMetadata 1.4's LineageResource answers them: PUT an AddLineage (200, no body), read
// the edge back (getLineageEdge and the EntityLineage graph), replace it with a second PUT, delete it; 404s for
// unknown entities and missing edges, 400s for unknown columns and bodies the AddLineage schema refuses.
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startOpenMetadataDouble, type OpenMetadataDouble } from '../support/openmetadata-double/index.js';
import { seedHierarchy, tableRequest } from '../support/openmetadata-double/seed.js';
import { apiClient, encodeFqn, type ApiClient } from '../support/openmetadata-double/test-client.js';
import { useSeededDouble } from './seeded-double.js';
import { loadUpstream, specDir } from './upstream-schemas/upstream-validators.js';

type Body = Record<string, any>;

let om: OpenMetadataDouble;
let api: ApiClient;
useSeededDouble((d) => ({ om, api } = d));

const SCHEMA = 'svc.db.public';
const SRC = `${SCHEMA}.src`;
const DST = `${SCHEMA}.dst`;

async function table(name: string, extra: Record<string, unknown> = {}): Promise<Body> {
  const created = await api.put('tables', tableRequest(name, SCHEMA, extra));
  expect(created.status).toBe(201);
  return created.body as Body;
}

function edge(from: Body, to: Body, lineageDetails?: Body): Body {
  const body: Body = { edge: { fromEntity: { id: from.id, type: 'table' }, toEntity: { id: to.id, type: 'table' } } };
  if (lineageDetails) body.edge.lineageDetails = lineageDetails;
  return body;
}

/** The EntityReference the lineage graph answers for a stored table. */
function ref(entity: Body): Body {
  return {
    id: entity.id,
    type: 'table',
    name: entity.name,
    fullyQualifiedName: entity.fullyQualifiedName,
    deleted: false,
    href: `${om.baseUrl}/v1/tables/${entity.id}`,
  };
}

const queryDetails = {
  sqlQuery: 'insert into dst select id, label from src',
  source: 'QueryLineage',
  columnsLineage: [
    { fromColumns: [`${SRC}.id`], toColumn: `${DST}.id` },
    { fromColumns: [`${SRC}.label`, `${SRC}.id`], toColumn: `${DST}.label`, function: 'concat' },
  ],
};

describe('PUT /v1/lineage', () => {
  it('stores the edge and answers 200 with no body; every read shows it', async () => {
    const src = await table('src');
    const dst = await table('dst');
    const put = await api.put('lineage', edge(src, dst, queryDetails));
    expect(put.status).toBe(200);
    expect(put.body).toBeUndefined();

    const stored = {
      sqlQuery: queryDetails.sqlQuery,
      columnsLineage: queryDetails.columnsLineage,
      source: 'QueryLineage',
    };
    const byIds = await api.get(`lineage/getLineageEdge/${src.id}/${dst.id}`);
    expect(byIds.status).toBe(200);
    expect(byIds.body).toEqual({ edge: stored });

    const downstream = await api.get(`lineage/table/name/${encodeFqn(DST)}?upstreamDepth=1&downstreamDepth=1`);
    expect(downstream.status).toBe(200);
    expect(downstream.body).toEqual({
      entity: ref(dst),
      nodes: [ref(src)],
      upstreamEdges: [{ fromEntity: src.id, toEntity: dst.id, lineageDetails: stored }],
      downstreamEdges: [],
    });
    const upstream = (await api.get(`lineage/table/${src.id}`)).body as Body;
    expect(upstream.entity).toEqual(ref(src));
    expect(upstream.nodes).toEqual([ref(dst)]);
    expect(upstream.upstreamEdges).toEqual([]);
    expect(upstream.downstreamEdges).toEqual([{ fromEntity: src.id, toEntity: dst.id, lineageDetails: stored }]);
    const noDepth = (await api.get(`lineage/table/name/${DST}?upstreamDepth=0&downstreamDepth=0`)).body as Body;
    expect(noDepth).toMatchObject({ nodes: [], upstreamEdges: [], downstreamEdges: [] });

    expect(om.lineageEdges()).toEqual([
      {
        fromEntity: { id: src.id, type: 'table', fullyQualifiedName: SRC },
        toEntity: { id: dst.id, type: 'table', fullyQualifiedName: DST },
        lineageDetails: stored,
      },
    ]);
  });

  it("fills in the server's defaults and the pipeline's full reference, and drops the edge's own description", async () => {
    const src = await table('src');
    const dst = await table('dst');
    const procedure = await api.put('storedProcedures', {
      name: 'load_dst',
      databaseSchema: SCHEMA,
      storedProcedureCode: { language: 'SQL', code: 'insert into dst select * from src' },
    });
    expect(procedure.status).toBe(201);
    const body = edge(src, dst, {
      columnsLineage: [{ toColumn: `${DST}.id` }],
      pipeline: { id: (procedure.body as Body).id, type: 'storedProcedure' },
    });
    body.edge.description = 'not stored';
    expect((await api.put('lineage', body)).status).toBe(200);
    expect(om.lineageEdges()[0].lineageDetails).toEqual({
      columnsLineage: [{ fromColumns: [], toColumn: `${DST}.id` }],
      pipeline: {
        id: (procedure.body as Body).id,
        type: 'storedProcedure',
        name: 'load_dst',
        fullyQualifiedName: `${SCHEMA}.load_dst`,
        deleted: false,
      },
      source: 'Manual',
    });
    // A stored procedure's own lineage is the edges it runs.
    const viaProcedure = (await api.get(`lineage/storedProcedure/name/${SCHEMA}.load_dst`)).body as Body;
    expect(viaProcedure.upstreamEdges).toMatchObject([{ fromEntity: src.id, toEntity: (procedure.body as Body).id }]);
    expect(viaProcedure.downstreamEdges).toMatchObject([{ fromEntity: (procedure.body as Body).id, toEntity: dst.id }]);
  });

  it('replaces the details of an existing pair on a second PUT, keeping one edge', async () => {
    const src = await table('src');
    const dst = await table('dst');
    expect((await api.put('lineage', edge(src, dst, queryDetails))).status).toBe(200);
    const second = { sqlQuery: 'insert into dst (id) select id from src', source: 'ViewLineage' };
    expect((await api.put('lineage', edge(src, dst, second))).status).toBe(200);
    const replaced = { sqlQuery: second.sqlQuery, columnsLineage: [], source: 'ViewLineage' };
    expect((await api.get(`lineage/getLineageEdge/${src.id}/${dst.id}`)).body).toEqual({ edge: replaced });
    expect(om.lineageEdges()).toHaveLength(1);
    expect(om.lineageEdges()[0].lineageDetails).toEqual(replaced);

    // 1.4 stores no details for a PUT without lineageDetails: the pair stays in the graph, getLineageEdge finds nothing.
    expect((await api.put('lineage', edge(src, dst))).status).toBe(200);
    expect(om.lineageEdges()).toMatchObject([{ lineageDetails: null }]);
    expect((await api.get(`lineage/getLineageEdge/${src.id}/${dst.id}`)).body).toEqual({
      code: 404,
      message: `Lineage edge not found between ${src.id} and  ${dst.id}`,
    });
    const graph = (await api.get(`lineage/table/name/${DST}`)).body as Body;
    expect(graph.upstreamEdges).toEqual([{ fromEntity: src.id, toEntity: dst.id }]);
  });

  it('answers 404 for an unknown, soft-deleted or mistyped entity, and stores nothing', async () => {
    const src = await table('src');
    const dst = await table('dst');
    const ghost = randomUUID();
    const unknownFrom = await api.put('lineage', edge({ id: ghost }, dst));
    expect(unknownFrom.status).toBe(404);
    expect(unknownFrom.body).toEqual({ code: 404, message: `table instance for ${ghost} not found` });
    const unknownTo = await api.put('lineage', edge(src, { id: ghost }, queryDetails));
    expect(unknownTo.body).toEqual({ code: 404, message: `table instance for ${ghost} not found` });

    const schemaId = om.get('databaseSchema', SCHEMA)!.id;
    const mistyped = await api.put('lineage', { edge: { fromEntity: { id: schemaId, type: 'table' }, toEntity: { id: dst.id, type: 'table' } } });
    expect(mistyped.body).toEqual({ code: 404, message: `table instance for ${schemaId} not found` });
    const noSuchType = await api.put('lineage', { edge: { fromEntity: { id: src.id, type: 'tabel' }, toEntity: { id: dst.id, type: 'table' } } });
    expect(noSuchType.body).toEqual({ code: 404, message: 'Entity type tabel not found' });
    const pipeline = await api.put('lineage', edge(src, dst, { pipeline: { id: ghost, type: 'pipeline' } }));
    expect(pipeline.body).toEqual({ code: 404, message: `pipeline instance for ${ghost} not found` });

    expect((await api.delete(`tables/${src.id}`)).status).toBe(200); // soft delete
    expect((await api.put('lineage', edge(src, dst))).body).toEqual({ code: 404, message: `table instance for ${src.id} not found` });
    expect(om.lineageEdges()).toEqual([]);
  });

  it('answers 400 naming a column that is not on the from or to table', async () => {
    const src = await table('src');
    const dst = await table('dst');
    const wrongFrom = await api.put('lineage', edge(src, dst, { columnsLineage: [{ fromColumns: [`${SRC}.nope`], toColumn: `${DST}.id` }] }));
    expect(wrongFrom.status).toBe(400);
    expect(wrongFrom.body).toEqual({ code: 400, message: `Invalid fully qualified column name ${SRC}.nope` });
    // A real column, but of the other table.
    const wrongSide = await api.put('lineage', edge(src, dst, { columnsLineage: [{ fromColumns: [`${SRC}.id`], toColumn: `${SRC}.label` }] }));
    expect(wrongSide.body).toEqual({ code: 400, message: `Invalid fully qualified column name ${SRC}.label` });
    const noTarget = await api.put('lineage', edge(src, dst, { columnsLineage: [{ fromColumns: [`${SRC}.id`] }] }));
    expect(noTarget.body).toEqual({ code: 400, message: 'Invalid fully qualified column name null' });
    expect(om.lineageEdges()).toEqual([]);

    // Nested columns count (OpenMetadata searches a column's children).
    const nested = await table('nested', {
      columns: [{ name: 'payload', dataType: 'STRUCT', children: [{ name: 'amount', dataType: 'INT' }] }],
    });
    const ok = await api.put(
      'lineage',
      edge(src, nested, { columnsLineage: [{ fromColumns: [`${SRC}.id`], toColumn: `${SCHEMA}.nested.payload.amount` }] }),
    );
    expect(ok.status).toBe(200);
  });

  it('answers 400 for a body the AddLineage schema refuses, and stores nothing', async () => {
    const src = await table('src');
    const dst = await table('dst');
    const extraTop = await api.put('lineage', { ...edge(src, dst), extra: true });
    expect(extraTop.status).toBe(400);
    expect((extraTop.body as Body).message).toMatch(/^Unrecognized field "extra"/);
    const extraEdge = edge(src, dst);
    extraEdge.edge.columnsLineage = [];
    expect(((await api.put('lineage', extraEdge)).body as Body).message).toMatch(/^Unrecognized field "columnsLineage"/);
    const extraRef = await api.put('lineage', {
      edge: { fromEntity: { id: src.id, type: 'table', fqn: SRC }, toEntity: { id: dst.id, type: 'table' } },
    });
    expect((extraRef.body as Body).message).toMatch(/^Unrecognized field "fqn"/);
    const badSource = await api.put('lineage', edge(src, dst, { source: 'SqlLineage' }));
    expect(badSource.status).toBe(400);
    expect((badSource.body as Body).message).toContain('SqlLineage');
    const noTo = await api.put('lineage', { edge: { fromEntity: { id: src.id, type: 'table' } } });
    expect(noTo.body).toEqual({ code: 400, message: '[edge.toEntity must not be null]' });
    const fqnOnly = await api.put('lineage', {
      edge: { fromEntity: { type: 'table', fullyQualifiedName: SRC }, toEntity: { id: dst.id, type: 'table' } },
    });
    expect(fqnOnly.body).toEqual({ code: 400, message: '[edge.fromEntity.id must not be null]' });
    expect((await api.put('lineage', null)).body).toEqual({ code: 400, message: '[request body must not be null]' });
    expect(om.lineageEdges()).toEqual([]);
  });

  it.skipIf(!existsSync(specDir))("agrees with OpenMetadata 1.4's own AddLineage schema on what it accepts", async () => {
    const validate = loadUpstream()('api/lineage/addLineage.json');
    const src = await table('src');
    const dst = await table('dst');
    const bodies: Array<[Body, boolean]> = [
      [edge(src, dst, queryDetails), true],
      [edge(src, dst, { sqlQuery: 'q', description: 'd', source: 'ExternalTableLineage', custom: 1 }), true],
      [{ ...edge(src, dst), extra: true }, false],
      [edge(src, dst, { source: 'SqlLineage' }), false],
      [{ edge: { fromEntity: { id: src.id, type: 'table' } } }, false],
      [edge(src, dst, { columnsLineage: [{ fromColumns: [`${SRC}.id`], toColumn: '' }] }), false],
    ];
    for (const [body, valid] of bodies) {
      expect(validate(structuredClone(body)), JSON.stringify(body)).toBe(valid);
      const answer = await api.put('lineage', body);
      expect(answer.status === 200, JSON.stringify(answer.body)).toBe(valid);
    }
  });
});

describe('DELETE /v1/lineage/{fromType}/{fromId}/{toType}/{toId}', () => {
  it('removes the edge (200, no body), then answers 404 Lineage edge not found', async () => {
    const src = await table('src');
    const dst = await table('dst');
    await api.put('lineage', edge(src, dst, queryDetails));
    const removed = await api.delete(`lineage/table/${src.id}/table/${dst.id}`);
    expect(removed.status).toBe(200);
    expect(removed.body).toBeUndefined();
    expect(om.lineageEdges()).toEqual([]);
    expect((await api.get(`lineage/getLineageEdge/${src.id}/${dst.id}`)).status).toBe(404);
    expect(((await api.get(`lineage/table/name/${DST}`)).body as Body).upstreamEdges).toEqual([]);
    expect((await api.delete(`lineage/table/${src.id}/table/${dst.id}`)).body).toEqual({ code: 404, message: 'Lineage edge not found' });
  });

  it('answers 404 for an unknown entity and 400 for an id that is not a UUID', async () => {
    const src = await table('src');
    const dst = await table('dst');
    await api.put('lineage', edge(src, dst));
    const ghost = randomUUID();
    expect((await api.delete(`lineage/table/${ghost}/table/${dst.id}`)).body).toEqual({
      code: 404,
      message: `table instance for ${ghost} not found`,
    });
    expect((await api.delete(`lineage/table/${src.id}/table/not-a-uuid`)).body).toEqual({ code: 400, message: 'Invalid UUID string: not-a-uuid' });
    // The types are part of the row: a right pair under the wrong types is no edge.
    expect((await api.delete(`lineage/table/${src.id}/databaseSchema/${om.get('databaseSchema', SCHEMA)!.id}`)).status).toBe(404);
    expect(om.lineageEdges()).toHaveLength(1);
  });

  it('drops the edges of a hard-deleted table', async () => {
    const src = await table('src');
    const dst = await table('dst');
    await api.put('lineage', edge(src, dst));
    expect((await api.delete(`tables/${src.id}?hardDelete=true`)).status).toBe(200);
    expect(om.lineageEdges()).toEqual([]);
  });
});

describe('DELETE /v1/lineage/{entityType}/{entityId}/type/{lineageSource}', () => {
  it('removes the edges into the entity of that source only, and answers 200 even when none is left', async () => {
    const src = await table('src');
    const other = await table('other');
    const dst = await table('dst');
    const downstream = await table('downstream');
    await api.put('lineage', edge(src, dst, { source: 'ViewLineage' }));
    await api.put('lineage', edge(other, dst, { source: 'Manual' }));
    await api.put('lineage', edge(dst, downstream, { source: 'ViewLineage' }));
    const removed = await api.delete(`lineage/table/${dst.id}/type/ViewLineage`);
    expect(removed.status).toBe(200);
    expect(removed.body).toBeUndefined();
    // The hand-drawn edge into dst and the view edge out of it stay.
    expect(om.lineageEdges().map((e) => `${e.fromEntity.fullyQualifiedName} -> ${e.toEntity.fullyQualifiedName}`)).toEqual([
      `${SCHEMA}.other -> ${DST}`,
      `${DST} -> ${SCHEMA}.downstream`,
    ]);
    expect((await api.delete(`lineage/table/${dst.id}/type/ViewLineage`)).status).toBe(200);
    expect((await api.delete(`lineage/table/${randomUUID()}/type/ViewLineage`)).status).toBe(200);
    expect((await api.delete(`lineage/table/not-a-uuid/type/ViewLineage`)).status).toBe(404);
    expect(om.lineageEdges()).toHaveLength(2);
  });
});

describe('GET /v1/lineage/{type}/…', () => {
  it('follows edges up to the requested depth and checks the depth parameters', async () => {
    const a = await table('a');
    const b = await table('b');
    const c = await table('c');
    await api.put('lineage', edge(a, b));
    await api.put('lineage', edge(b, c));
    const one = (await api.get(`lineage/table/name/${SCHEMA}.c`)).body as Body;
    expect(one.nodes).toEqual([ref(b)]);
    const two = (await api.get(`lineage/table/name/${SCHEMA}.c?upstreamDepth=2`)).body as Body;
    expect(two.nodes).toEqual([ref(b), ref(a)]);
    expect(two.upstreamEdges).toEqual([
      { fromEntity: b.id, toEntity: c.id },
      { fromEntity: a.id, toEntity: b.id },
    ]);
    expect((await api.get(`lineage/table/name/${SCHEMA}.c?upstreamDepth=4`)).body).toEqual({
      code: 400,
      message: '[query param upstreamDepth must be less than or equal to 3]',
    });
    expect((await api.get(`lineage/table/name/${SCHEMA}.c?downstreamDepth=x`)).status).toBe(404);
    expect((await api.get(`lineage/table/name/${SCHEMA}.zzz`)).body).toEqual({ code: 404, message: `table instance for ${SCHEMA}.zzz not found` });
    expect((await api.get('lineage/table/not-a-uuid')).body).toEqual({ code: 400, message: 'Invalid UUID string: not-a-uuid' });
    expect((await api.get('lineage')).status).toBe(405);
    expect((await api.put(`lineage/table/name/${SCHEMA}.c`, {})).status).toBe(405);
    expect((await api.get(`lineage/getLineageEdge/${a.id}/not-a-uuid`)).body).toEqual({ code: 404, message: 'HTTP 404 Not Found' });
  });
});

describe('lineage with a token', () => {
  let secured: OpenMetadataDouble;
  beforeAll(async () => {
    secured = await startOpenMetadataDouble({ token: 'bot-secret', version: '1.4.0' });
  });
  afterAll(() => secured.stop());

  it('answers 401 without the right token and stores nothing', async () => {
    const bot = apiClient(secured.baseUrl, 'bot-secret');
    await seedHierarchy(bot);
    const src = (await bot.put('tables', tableRequest('src', SCHEMA))).body as Body;
    const dst = (await bot.put('tables', tableRequest('dst', SCHEMA))).body as Body;
    const wrong = await apiClient(secured.baseUrl, 'guess').put('lineage', edge(src, dst));
    expect(wrong.status).toBe(401);
    expect(wrong.body).toMatchObject({ code: 401 });
    expect((await apiClient(secured.baseUrl).get(`lineage/getLineageEdge/${src.id}/${dst.id}`)).status).toBe(401);
    expect((await apiClient(secured.baseUrl, 'guess').delete(`lineage/table/${src.id}/table/${dst.id}`)).status).toBe(401);
    expect(secured.lineageEdges()).toEqual([]);
    expect((await bot.put('lineage', edge(src, dst))).status).toBe(200);
    expect(secured.lineageEdges()).toHaveLength(1);
  });
});

describe('lineage on a recent release', () => {
  let recent: OpenMetadataDouble;
  beforeAll(async () => {
    recent = await startOpenMetadataDouble({ version: '1.7.0', principal: 'ingestion-bot' });
  });
  afterAll(() => recent.stop());

  it('stamps createdAt/createdBy/updatedAt/updatedBy into every stored lineageDetails', async () => {
    const client = apiClient(recent.baseUrl);
    await seedHierarchy(client);
    const src = (await client.put('tables', tableRequest('src', SCHEMA))).body as Body;
    const dst = (await client.put('tables', tableRequest('dst', SCHEMA))).body as Body;
    expect((await client.put('lineage', edge(src, dst))).status).toBe(200);
    const stamped = (await client.get(`lineage/getLineageEdge/${src.id}/${dst.id}`)).body as Body;
    expect(stamped).toEqual({
      edge: {
        columnsLineage: [],
        source: 'Manual',
        createdAt: expect.any(Number),
        createdBy: 'ingestion-bot',
        updatedAt: expect.any(Number),
        updatedBy: 'ingestion-bot',
      },
    });
    const typo = await client.put('lineage', edge(src, dst, { createdAt: 'yesterday' }));
    expect(typo.status).toBe(400);
  });
});
