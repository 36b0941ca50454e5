/** analytics: RANGE (with a LIST sub-partitioned child), LIST and HASH partitioned tables. */
import type { FixturePartitionedTable } from './expectation-types.js';
import { S } from './names.js';

export const PARTITIONED: readonly FixturePartitionedTable[] = [
  {
    schema: S.analytics,
    table: 'page_events',
    strategy: 'RANGE',
    columns: ['occurred_at'],
    partitions: ['page_events_2023', 'page_events_2024', 'page_events_2025'],
  },
  {
    schema: S.analytics,
    table: 'page_events_2024',
    strategy: 'LIST',
    columns: ['channel'],
    partitions: ['page_events_2024_web', 'page_events_2024_mobile', 'page_events_2024_other'],
  },
  {
    schema: S.analytics,
    table: 'customer_regions',
    strategy: 'LIST',
    columns: ['region'],
    partitions: ['customer_regions_emea', 'customer_regions_amer', 'customer_regions_apac'],
  },
  {
    schema: S.analytics,
    table: 'sessions',
    strategy: 'HASH',
    columns: ['tenant_id', 'session_id'],
    partitions: ['sessions_p0', 'sessions_p1', 'sessions_p2', 'sessions_p3'],
  },
];

export function partitionedTables(): string[] {
  return [
    `CREATE TABLE analytics.page_events (
  event_id bigint NOT NULL,
  occurred_at timestamptz NOT NULL,
  channel text NOT NULL,
  customer_id bigint CONSTRAINT page_events_customer_fkey REFERENCES sales.customers (customer_id),
  url text NOT NULL,
  properties jsonb
) PARTITION BY RANGE (occurred_at)`,
    `CREATE TABLE analytics.page_events_2023 PARTITION OF analytics.page_events
  FOR VALUES FROM ('2023-01-01 00:00:00+00') TO ('2024-01-01 00:00:00+00')`,
    `CREATE TABLE analytics.page_events_2024 PARTITION OF analytics.page_events
  FOR VALUES FROM ('2024-01-01 00:00:00+00') TO ('2025-01-01 00:00:00+00')
  PARTITION BY LIST (channel)`,
    `CREATE TABLE analytics.page_events_2024_web PARTITION OF analytics.page_events_2024 FOR VALUES IN ('web')`,
    `CREATE TABLE analytics.page_events_2024_mobile PARTITION OF analytics.page_events_2024 FOR VALUES IN ('ios', 'android')`,
    `CREATE TABLE analytics.page_events_2024_other PARTITION OF analytics.page_events_2024 DEFAULT`,
    `CREATE TABLE analytics.page_events_2025 PARTITION OF analytics.page_events
  FOR VALUES FROM ('2025-01-01 00:00:00+00') TO ('2026-01-01 00:00:00+00')`,
    `CREATE TABLE analytics.customer_regions (
  customer_id bigint NOT NULL,
  region text NOT NULL,
  assigned_on date NOT NULL DEFAULT current_date,
  CONSTRAINT customer_regions_pkey PRIMARY KEY (customer_id, region)
) PARTITION BY LIST (region)`,
    `CREATE TABLE analytics.customer_regions_emea PARTITION OF analytics.customer_regions FOR VALUES IN ('EMEA')`,
    `CREATE TABLE analytics.customer_regions_amer PARTITION OF analytics.customer_regions FOR VALUES IN ('NA', 'LATAM')`,
    `CREATE TABLE analytics.customer_regions_apac PARTITION OF analytics.customer_regions FOR VALUES IN ('APAC')`,
    `CREATE TABLE analytics.sessions (
  tenant_id integer NOT NULL,
  session_id uuid NOT NULL,
  started_at timestamptz NOT NULL,
  ended_at timestamptz,
  user_agent text,
  CONSTRAINT sessions_pkey PRIMARY KEY (tenant_id, session_id)
) PARTITION BY HASH (tenant_id, session_id)`,
    ...[0, 1, 2, 3].map((r) => `CREATE TABLE analytics.sessions_p${r} PARTITION OF analytics.sessions FOR VALUES WITH (MODULUS 4, REMAINDER ${r})`),
  ];
}
