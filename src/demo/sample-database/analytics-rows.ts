/** Rows for the analytics schema: 3,000 web events over the year, campaigns, attributions, segments. */
import { YEAR_START } from './sample-values.js';
import { pick } from './sql-text.js';

export function analyticsRows(): string[] {
  return [
    `INSERT INTO analytics.web_events (event_id, occurred_at, session_id, customer_id, event_type, page_path, device, referrer, properties)
SELECT g,
  ${YEAR_START} + ((g::bigint * 10487) % (366 * 86400)) * interval '1 second',
  md5('session-' || (g / 6))::uuid,
  CASE WHEN g % 3 = 0 THEN NULL ELSE 1 + (g / 6 * 31) % 500 END,
  x.event_type,
  CASE x.event_type
    WHEN 'page_view' THEN '/products/' || (1 + (g * 13) % 150)
    WHEN 'search' THEN '/search'
    WHEN 'add_to_cart' THEN '/cart'
    WHEN 'checkout' THEN '/checkout'
    ELSE '/checkout/complete' END,
  ${pick(['desktop', 'desktop', 'mobile', 'mobile', 'mobile', 'tablet'], 'g / 6')},
  CASE WHEN g % 4 = 0 THEN ${pick(['https://www.google.com/', 'https://www.instagram.com/', 'https://newsletter.example/', 'https://www.bing.com/'], 'g / 4')} END,
  CASE x.event_type
    WHEN 'search' THEN jsonb_build_object('query', ${pick(['tent', 'rain jacket', 'boots', 'headlamp', 'merino'], 'g')})
    WHEN 'add_to_cart' THEN jsonb_build_object('product_id', 1 + (g * 13) % 150, 'quantity', 1 + g % 2)
    ELSE NULL END
FROM generate_series(1, 3000) AS g
CROSS JOIN LATERAL (SELECT ${pick(['page_view', 'page_view', 'page_view', 'page_view', 'page_view', 'search', 'search', 'add_to_cart', 'checkout', 'purchase'], 'g')} AS event_type) AS x`,
    `INSERT INTO analytics.marketing_campaigns (campaign_id, name, channel_id, budget, starts_on, ends_on)
SELECT g, to_char(date '2024-01-01' + (g - 1) * 30, 'Mon YYYY') || ' ' || ${pick(['Newsletter', 'Search Ads', 'Social', 'Influencer'], 'g')},
  CASE WHEN g % 5 = 0 THEN NULL ELSE 1 + g % 3 END,
  5000 + (g * 1750) % 20000,
  date '2024-01-01' + (g - 1) * 30, date '2024-01-01' + (g - 1) * 30 + 27
FROM generate_series(1, 12) AS g`,
    `INSERT INTO analytics.campaign_attributions (attribution_id, campaign_id, order_id, touch_type, attributed_revenue)
SELECT g, 1 + floor(extract(epoch FROM o.ordered_at - ${YEAR_START}) / (30 * 86400))::integer, o.order_id,
  CASE WHEN g % 2 = 0 THEN 'first_touch' ELSE 'last_touch' END,
  round(sales.order_total(o.order_id) * CASE WHEN g % 2 = 0 THEN 0.4 ELSE 0.6 END, 2)
FROM generate_series(1, 400) AS g
JOIN sales.orders o ON o.order_id = 1 + (g * 7) % 1000
WHERE o.ordered_at < ${YEAR_START} + interval '360 days'`,
    `INSERT INTO analytics.customer_segments (customer_id, segment, rfm_score, computed_at)
SELECT c.customer_id,
  CASE WHEN s.orders >= 5 THEN 'champions' WHEN s.orders >= 3 THEN 'loyal' WHEN s.orders = 2 THEN 'promising'
       WHEN s.orders = 1 AND s.last_order < ${YEAR_START} + interval '180 days' THEN 'at_risk' ELSE 'new' END,
  least(s.orders, 5) * 100 + (c.customer_id % 50),
  date '2025-01-01'
FROM sales.customers c
CROSS JOIN LATERAL (SELECT count(*)::int AS orders, max(o.ordered_at) AS last_order FROM sales.orders o WHERE o.customer_id = c.customer_id) AS s`,
  ];
}
