import { OpenMetadataApiError } from '../openmetadata/api-errors.js';
import { buildFqn } from '../openmetadata/fqn.js';
import { parseEntityLink, testCaseFqn } from '../quality/test-case-fqn.js';
import type { OpenMetadataClient } from '../openmetadata/openmetadata-client.js';
import { usesBasicTestSuites } from '../openmetadata/server-version.js';
import type { CreateTestCaseData, CreateTestSuiteData, TestCaseResultData } from '../quality/quality-records.js';
import type { DeliveryOutcome } from './lineage-handler.js';
import { missingTable, type TableLookup } from './table-lookup.js';

/** A test case's FQN from its entity link and name, as the server builds it. */
function caseFqn(data: CreateTestCaseData): string {
  const link = parseEntityLink(data.entityLink);
  return testCaseFqn(link?.table ?? '', link?.column, data.name);
}

/**
 * Sends the data quality workflow's records in order: the table's suite (executable in 1.4, basic from 1.6), its test
 * cases (an existing case is left as the server has it unless forceUpdate), then each result (1.4's PUT …/testCaseResult,
 * the newer POST …/testCaseResults). A case waits for its suite and a result for its case, however the sink schedules
 * them.
 */
export class QualityHandler {
  private readonly sent = new Map<string, Promise<DeliveryOutcome>>();

  constructor(
    private readonly client: OpenMetadataClient,
    private readonly tables: TableLookup,
    private readonly forceUpdate: boolean,
  ) {}

  private remember(key: string, delivery: Promise<DeliveryOutcome>): Promise<DeliveryOutcome> {
    this.sent.set(key, delivery);
    return delivery;
  }

  private async waitFor(key: string, what: string): Promise<DeliveryOutcome | undefined> {
    const before = await this.sent.get(key);
    return before && !before.sent ? { sent: false, warning: `${what} not sent: ${before.warning}` } : undefined;
  }

  suite(data: CreateTestSuiteData): Promise<DeliveryOutcome> {
    return this.remember(
      `suite:${data.name}`,
      (async () => {
        if (!(await this.tables.get(data.executableEntityReference))) return { sent: false, warning: missingTable(data.executableEntityReference) };
        const { executableEntityReference, ...rest } = data;
        if (usesBasicTestSuites(this.client.version))
          await this.client.http.request('PUT', 'dataQuality/testSuites/basic', { ...rest, basicEntityReference: executableEntityReference });
        else await this.client.http.request('PUT', 'dataQuality/testSuites/executable', data);
        return { sent: true };
      })(),
    );
  }

  testCase(data: CreateTestCaseData): Promise<DeliveryOutcome> {
    const fqn = caseFqn(data);
    return this.remember(
      `case:${fqn}`,
      (async () => {
        const blocked = await this.waitFor(`suite:${data.testSuite}`, `test case ${fqn}`);
        if (blocked) return blocked;
        const link = parseEntityLink(data.entityLink);
        if (link?.column !== undefined) {
          const table = await this.tables.get(link.table);
          // OpenMetadata 1.4 and 1.7 would store a case on a column the table lacks (a dbt test of a column since
          // renamed), which then shows on nothing: said as a warning instead.
          if (table && table.columns.size > 0 && !table.columns.has(`${link.table}.${buildFqn(link.column)}`)) {
            return { sent: false, warning: `test case ${fqn}: column ${link.column} is not a column of table ${link.table} on the server` };
          }
        }
        if (!this.forceUpdate && (await this.exists(fqn))) return { sent: true };
        await this.client.http.request('PUT', 'dataQuality/testCases', data);
        return { sent: true };
      })(),
    );
  }

  async result(data: TestCaseResultData): Promise<DeliveryOutcome> {
    const fqn = data.testCase.fullyQualifiedName;
    const blocked = await this.waitFor(`case:${fqn}`, `result of ${fqn}`);
    if (blocked) return blocked;
    const encoded = encodeURIComponent(fqn);
    if (usesBasicTestSuites(this.client.version))
      await this.client.http.request('POST', `dataQuality/testCases/testCaseResults/${encoded}`, data.testCaseResult);
    else await this.client.http.request('PUT', `dataQuality/testCases/${encoded}/testCaseResult`, data.testCaseResult);
    return { sent: true };
  }

  private async exists(fqn: string): Promise<boolean> {
    try {
      await this.client.http.request('GET', `dataQuality/testCases/name/${encodeURIComponent(fqn)}`);
      return true;
    } catch (error) {
      if (error instanceof OpenMetadataApiError && error.status === 404) return false;
      throw error;
    }
  }
}
