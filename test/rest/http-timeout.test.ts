// A server that answers too slowly: each attempt is cut at the configured timeout and retried, then the run is told
// the server cannot be reached; `sink.config.timeoutSeconds` and `concurrency` reach the client.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OpenMetadataUnavailableError } from '../../src/openmetadata/api-errors.js';
import { OpenMetadataHttp } from '../../src/openmetadata/http-client.js';
import { createRestSink } from '../../src/sinks/create-sink.js';
import { RunContext } from '../../src/workflow/run-context.js';
import { createLogger } from '../../src/util/logger.js';
import { startOpenMetadataDouble, type OpenMetadataDouble } from '../support/openmetadata-double/index.js';
import { loadRestWorkflow, TEST_TOKEN } from '../support/run-metadata-rest.js';

let om: OpenMetadataDouble;

beforeAll(async () => {
  om = await startOpenMetadataDouble({ token: TEST_TOKEN });
});

afterAll(async () => {
  await om?.stop();
});

describe('request timeouts', () => {
  it('cut a slow answer, retry it, and end as an unreachable server naming the timeout', async () => {
    om.setLatency(1500);
    try {
      const http = new OpenMetadataHttp({
        baseUrl: `${om.baseUrl}/v1`,
        token: TEST_TOKEN,
        timeoutMs: 200,
        retry: { attempts: 2, baseDelayMs: 10, maxDelayMs: 10, maxRetryAfterMs: 10 },
      });
      const error = await http.request('GET', 'system/version').catch((e: unknown) => e);
      http.close();
      expect(error).toBeInstanceOf(OpenMetadataUnavailableError);
      expect((error as Error).message).toMatch(/timed out \(after 2 attempts\)$/);
    } finally {
      om.setLatency(0);
    }
  });

  it('come from sink.config.timeoutSeconds, as concurrency does', () => {
    const loaded = loadRestWorkflow({ url: 'postgres://postgres@127.0.0.1:1/db', double: om, sinkConfig: { timeoutSeconds: 0.2, concurrency: 3 } });
    const sink = createRestSink(
      new RunContext(
        loaded,
        createLogger('ERROR', () => undefined),
      ),
    );
    expect(sink.options.timeoutMs).toBe(200);
    expect(sink.options.concurrency).toBe(3);
    const defaults = createRestSink(
      new RunContext(
        loadRestWorkflow({ url: 'postgres://postgres@127.0.0.1:1/db', double: om }),
        createLogger('ERROR', () => undefined),
      ),
    );
    expect(defaults.options.timeoutMs).toBe(60_000);
    expect(defaults.options.concurrency).toBe(8);
  });
});
