/** analytics schema: web events partitioned by month (12 monthly partitions and a default), campaigns, segments. */
import type { TableComments } from './comments.js';

export function analyticsTables(): string[] {
  return [
    `CREATE TABLE analytics.web_events (
  event_id bigint NOT NULL,
  occurred_at timestamptz NOT NULL,
  session_id uuid NOT NULL,
  customer_id bigint REFERENCES sales.customers (customer_id),
  event_type text NOT NULL,
  page_path text NOT NULL,
  device text NOT NULL,
  referrer text,
  properties jsonb,
  PRIMARY KEY (event_id, occurred_at)
) PARTITION BY RANGE (occurred_at)`,
    ...Array.from({ length: 12 }, (_, i) => {
      const month = String(i + 1).padStart(2, '0');
      const next = i === 11 ? '2025-01-01' : `2024-${String(i + 2).padStart(2, '0')}-01`;
      return `CREATE TABLE analytics.web_events_2024_${month} PARTITION OF analytics.web_events
  FOR VALUES FROM ('2024-${month}-01 00:00:00+00') TO ('${next} 00:00:00+00')`;
    }),
    `CREATE TABLE analytics.web_events_default PARTITION OF analytics.web_events DEFAULT`,
    `CREATE TABLE analytics.marketing_campaigns (
  campaign_id integer PRIMARY KEY,
  name text NOT NULL,
  channel_id smallint REFERENCES sales.sales_channels (channel_id),
  budget numeric(12,2) NOT NULL,
  starts_on date NOT NULL,
  ends_on date NOT NULL
)`,
    `CREATE TABLE analytics.campaign_attributions (
  attribution_id bigint PRIMARY KEY,
  campaign_id integer NOT NULL REFERENCES analytics.marketing_campaigns (campaign_id),
  order_id bigint NOT NULL REFERENCES sales.orders (order_id),
  touch_type text NOT NULL,
  attributed_revenue numeric(12,2) NOT NULL
)`,
    `CREATE TABLE analytics.customer_segments (
  customer_id bigint PRIMARY KEY REFERENCES sales.customers (customer_id),
  segment text NOT NULL,
  rfm_score smallint NOT NULL,
  computed_at date NOT NULL
)`,
  ];
}

export const ANALYTICS_TABLE_COMMENTS: readonly TableComments[] = [
  {
    table: 'analytics.web_events',
    description: 'Clickstream events from the web shop and apps, partitioned by month.',
    columns: {
      event_id: 'Event id from the tracker.',
      occurred_at: 'Event time (partition key).',
      session_id: 'Browser or app session.',
      customer_id: 'Logged-in customer; NULL for anonymous visitors.',
      event_type: 'page_view, search, add_to_cart, checkout or purchase.',
      page_path: 'URL path.',
      device: 'desktop, mobile or tablet.',
      referrer: 'Referring site; NULL for direct traffic.',
      properties: 'Event-specific properties.',
    },
  },
  {
    table: 'analytics.marketing_campaigns',
    description: 'Marketing campaigns and their budgets.',
    columns: {
      campaign_id: 'Surrogate key.',
      name: 'Campaign name.',
      channel_id: 'Target sales channel.',
      budget: 'Budget in EUR.',
      starts_on: 'Start date.',
      ends_on: 'End date.',
    },
  },
  {
    table: 'analytics.campaign_attributions',
    description: 'Orders attributed to campaigns.',
    columns: {
      campaign_id: 'Campaign credited.',
      order_id: 'Attributed order.',
      touch_type: 'first_touch or last_touch.',
      attributed_revenue: 'Revenue credited to the campaign.',
    },
  },
  {
    table: 'analytics.customer_segments',
    description: 'RFM segmentation of customers, recomputed nightly.',
    columns: {
      customer_id: 'Segmented customer.',
      segment: 'champions, loyal, promising, at_risk or new.',
      rfm_score: 'Combined recency-frequency-monetary score.',
      computed_at: 'Date of the computation.',
    },
  },
];
