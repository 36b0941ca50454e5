/**
 * `/v1/dataQuality/…` as OpenMetadata's TestSuiteResource and TestCaseResource take a table's own suite, its test
 * cases and their results. 1.4: `PUT testSuites/executable` (executableEntityReference), `PUT
 * testCases/{fqn}/testCaseResult`; a recent release (1.7): `PUT testSuites/basic` (basicEntityReference), `POST
 * testCases/testCaseResults/{fqn}`. After each body passes its schema: a suite's table must exist (404); a case's
 * test definition must be one the server holds, shipped or created (404 `testDefinition instance for <fqn> not
 * found`), its entity link must name an existing table (not a column of it: neither 1.4 nor 1.7 checks that, only
 * OpenMetadata's releases since August 2025 do), its suite must exist (404); a result's test case must exist (404).
 * Suites and cases are created or updated by name. Test definitions are served by test-definition-routes.ts.
 */
import { randomUUID } from 'node:crypto';
import type { ApiRequest, ApiResponse } from './api-types.js';
import { json } from './api-types.js';
import type { DoubleApp } from './app.js';
import { addToFqn } from './fqn.js';
import { requireByName } from './references.js';
import { validateRequest } from './schema-validator.js';
import { routeTestDefinitions } from './test-definition-routes.js';
import { ApiError, badRequest, entityNotFound, httpNotFound, stringField, type JsonObject } from './types.js';

export interface StoredCase {
  id: string;
  fqn: string;
  body: JsonObject;
  results: JsonObject[];
}

/** Suites by name, test cases by FQN, each case's results in arrival order. */
export class QualityStore {
  readonly suites = new Map<string, { id: string; name: string; table: string; body: JsonObject }>();
  readonly cases = new Map<string, StoredCase>();

  clear(): void {
    this.suites.clear();
    this.cases.clear();
  }
}

function jsonBody(request: ApiRequest): void {
  if (request.contentType !== 'application/json') throw new ApiError(415, 'HTTP 415 Unsupported Media Type');
}

function putSuite(app: DoubleApp, request: ApiRequest, kind: 'executable' | 'basic'): ApiResponse {
  jsonBody(request);
  const recent = app.release !== '1.4';
  if ((kind === 'basic') !== recent) throw httpNotFound();
  const body = validateRequest('createTestSuite', request.body, app.release);
  const tableFqn = stringField(body, recent ? 'basicEntityReference' : 'executableEntityReference');
  if (tableFqn === undefined) throw badRequest(`${recent ? 'basicEntityReference' : 'executableEntityReference'} must not be null`);
  requireByName(app.store, 'table', tableFqn);
  const name = String(body.name);
  const known = app.quality.suites.get(name);
  const suite = { id: known?.id ?? randomUUID(), name, table: tableFqn, body };
  app.quality.suites.set(name, suite);
  return json(known ? 200 : 201, { id: suite.id, name, fullyQualifiedName: name, [recent ? 'basic' : 'executable']: true, ...body });
}

/** `<#E::table::fqn>` or `<#E::table::fqn::columns::name>`: the table's FQN and the column, if any. */
function parseEntityLink(link: string): { table: string; column?: string } {
  const m = /^<#E::table::(.+?)(?:::columns::(.+))?>$/.exec(link);
  if (!m) throw badRequest(`Invalid entity link ${link}`);
  return { table: m[1] as string, column: m[2] };
}

function putCase(app: DoubleApp, request: ApiRequest): ApiResponse {
  jsonBody(request);
  const body = validateRequest('createTestCase', request.body, app.release);
  const definition = String(body.testDefinition);
  if (!app.testDefinitions.get(definition)) throw entityNotFound('testDefinition', definition);
  const { table, column } = parseEntityLink(String(body.entityLink));
  requireByName(app.store, 'table', table);
  const suiteName = stringField(body, 'testSuite');
  if (suiteName !== undefined && !app.quality.suites.has(suiteName)) throw entityNotFound('testSuite', suiteName);
  const entityFqn = column === undefined ? table : addToFqn(table, column);
  const fqn = addToFqn(entityFqn, String(body.name));
  const known = app.quality.cases.get(fqn);
  const stored: StoredCase = { id: known?.id ?? randomUUID(), fqn, body, results: known?.results ?? [] };
  app.quality.cases.set(fqn, stored);
  return json(known ? 200 : 201, { id: stored.id, fullyQualifiedName: fqn, ...body });
}

function addResult(app: DoubleApp, fqn: string, request: ApiRequest): ApiResponse {
  jsonBody(request);
  const body = validateRequest('testCaseResult', request.body, app.release);
  const stored = app.quality.cases.get(fqn);
  if (!stored) throw entityNotFound('testCase', fqn);
  stored.results.push(body);
  return json(200, { ...body });
}

export function routeDataQuality(app: DoubleApp, sub: string, request: ApiRequest): ApiResponse {
  const { method } = request;
  if (sub === 'testDefinitions' || sub.startsWith('testDefinitions/')) {
    return routeTestDefinitions(app, sub.slice('testDefinitions'.length), request);
  }
  const suite = /^testSuites\/(executable|basic)$/.exec(sub);
  if (suite && method === 'PUT') return putSuite(app, request, suite[1] as 'executable' | 'basic');
  if (sub === 'testCases' && method === 'PUT') return putCase(app, request);
  const byName = /^testCases\/name\/([^/]+)$/.exec(sub);
  if (byName && method === 'GET') {
    const stored = app.quality.cases.get(decodeURIComponent(byName[1] as string));
    if (!stored) throw entityNotFound('testCase', decodeURIComponent(byName[1] as string));
    return json(200, { id: stored.id, fullyQualifiedName: stored.fqn, ...stored.body });
  }
  const old = /^testCases\/([^/]+)\/testCaseResult$/.exec(sub);
  if (old && method === 'PUT' && app.release === '1.4') return addResult(app, decodeURIComponent(old[1] as string), request);
  const recent = /^testCases\/testCaseResults\/([^/]+)$/.exec(sub);
  if (recent && method === 'POST' && app.release !== '1.4') return addResult(app, decodeURIComponent(recent[1] as string), request);
  throw httpNotFound();
}
