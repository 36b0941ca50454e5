// Each injected fault behaves as promised: latency, seeded 503s, 429 bursts, cut responses, a vanished server.
import { describe, expect, it, vi } from 'vitest';
import { startOpenMetadataDouble, type OpenMetadataDouble } from '../support/openmetadata-double/index.js';
import { seedHierarchy, tableRequest } from '../support/openmetadata-double/seed.js';
import { apiClient, type ApiClient } from '../support/openmetadata-double/test-client.js';
import { useSeededDouble } from './seeded-double.js';

let om: OpenMetadataDouble;
let api: ApiClient;
useSeededDouble((d) => ({ om, api } = d), { clearRequests: true });

/** PUTs databases d0..d(n-1) one after the other; answers each status. */
async function putDatabases(n: number): Promise<number[]> {
  const statuses: number[] = [];
  for (let i = 0; i < n; i++) statuses.push((await api.put('databases', { name: `d${i}`, service: 'svc' })).status);
  return statuses;
}

describe('fault injection', () => {
  it('delays every request by latencyMs', async () => {
    om.setLatency(120);
    const t0 = performance.now();
    expect((await api.get('databases/name/svc.db')).status).toBe(200);
    expect(performance.now() - t0).toBeGreaterThanOrEqual(110);
    om.setLatency(0);
  });

  it('answers a seeded fraction with 503, the same sequence for the same seed, and never applies them', async () => {
    om.setFailRate(0.4, 42);
    const first = await putDatabases(40);
    const failed = first.filter((s) => s === 503).length;
    expect(failed).toBeGreaterThan(5);
    expect(failed).toBeLessThan(30);
    const created = om
      .entities('database')
      .map((d) => d.name)
      .filter((n) => n !== 'db');
    expect(created).toHaveLength(first.filter((s) => s === 201).length);
    first.forEach((status, i) => expect(om.get('database', `svc.d${i}`) !== undefined).toBe(status === 201));
    expect(om.counters.failed).toBe(failed);
    expect(om.requests.filter((r) => r.fault === 'fail').every((r) => r.status === 503)).toBe(true);

    om.reset();
    await seedHierarchy(api);
    // The seeding requests drew from the generator too; the seed restarts the sequence.
    om.setFailRate(0.4, 42);
    expect(await putDatabases(40)).toEqual(first);
    om.setFailRate(0);
  });

  it('answers a burst of 429 with Retry-After before processing anything, then recovers', async () => {
    om.rateLimit(3, 7);
    for (let i = 0; i < 3; i++) {
      const limited = await api.put('databases', { name: 'limited', service: 'svc' });
      expect(limited.status).toBe(429);
      expect(limited.headers.get('retry-after')).toBe('7');
      expect(limited.body).toEqual({ code: 429, message: 'Too Many Requests' });
    }
    expect(om.get('database', 'svc.limited')).toBeUndefined();
    expect((await api.put('databases', { name: 'limited', service: 'svc' })).status).toBe(201);
    expect(om.counters.rateLimited).toBe(3);
  });

  it('cuts responses mid-body; by default the change was applied, so a retry is answered as an update', async () => {
    om.setDropRate(1);
    await expect(api.put('tables', tableRequest('orders', 'svc.db.public'))).rejects.toThrow();
    expect(om.get('table', 'svc.db.public.orders')).toMatchObject({ version: 0.1 });
    expect(om.requests.at(-1)).toMatchObject({ method: 'PUT', status: 201, fault: 'drop' });
    om.setDropRate(0);
    const retry = await api.put('tables', tableRequest('orders', 'svc.db.public'));
    expect(retry.status).toBe(200);
    expect(om.counters).toMatchObject({ dropped: 1, created: 1, unchanged: 1 });
  });

  it('can cut responses without applying the change', async () => {
    om.setDropRate(1, { appliesChange: false });
    await expect(api.put('tables', tableRequest('orders', 'svc.db.public'))).rejects.toThrow();
    expect(om.get('table', 'svc.db.public.orders')).toBeUndefined();
    om.setDropRate(0);
    expect((await api.put('tables', tableRequest('orders', 'svc.db.public'))).status).toBe(201);
  });

  it('drops a seeded fraction of responses, leaving the other requests alone', async () => {
    om.setDropRate(0.3, { seed: 7 });
    const outcomes: string[] = [];
    for (let i = 0; i < 20; i++) {
      outcomes.push(
        await api.put('databases', { name: `d${i}`, service: 'svc' }).then(
          (r) => String(r.status),
          () => 'cut',
        ),
      );
    }
    om.setDropRate(0);
    const cut = outcomes.filter((o) => o === 'cut').length;
    expect(cut).toBeGreaterThan(0);
    expect(cut).toBeLessThan(20);
    expect(om.counters.dropped).toBe(cut);
    expect(om.entities('database')).toHaveLength(21);
  });

  it('goes away like a dead server and comes back on the same port with its state', async () => {
    await api.put('tables', tableRequest('orders', 'svc.db.public'));
    // A latency no run reaches: the request is still in flight whenever the test looks, and going away ends it.
    om.setLatency(60_000);
    const inFlight = api.put('tables', tableRequest('late', 'svc.db.public'));
    await vi.waitFor(() => expect(om.inFlight).toBe(1), { timeout: 15_000 });
    await om.goAway();
    await expect(inFlight).rejects.toThrow();
    await expect(api.get('tables/name/svc.db.public.orders')).rejects.toThrow();
    om.setLatency(0);

    await om.comeBack();
    const back = await api.get('tables/name/svc.db.public.orders');
    expect(back.status).toBe(200);
    expect(new URL(om.baseUrl).port).toBe(String(om.port));
    expect(om.get('table', 'svc.db.public.late')).toBeUndefined();
    expect(om.requests.some((r) => r.fault === 'aborted' && r.method === 'PUT')).toBe(true);
    expect(om.inFlight).toBe(0);
  });

  it('can be configured with faults at start', async () => {
    const flaky = await startOpenMetadataDouble({ rateLimit: { requests: 1, retryAfterSeconds: 2 }, failRate: 1 });
    try {
      const client = apiClient(flaky.baseUrl);
      expect((await client.get('tables')).status).toBe(429);
      expect((await client.get('tables')).status).toBe(503);
      flaky.setFaults({ failRate: 0 });
      expect((await client.get('tables')).status).toBe(200);
    } finally {
      await flaky.stop();
    }
  });
});
