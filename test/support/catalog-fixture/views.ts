/** Views: a chain of three in sales, one cross-schema, one with odd names, and a materialized view. */
import { ODD, ODD_COL, ODD_VIEW, oc, odd } from './odd-names.js';

export function views(): string[] {
  return [
    `CREATE VIEW sales.customer_orders_v AS
SELECT c.customer_id, c.full_name, c.country, o.order_id, o.status, o.ordered_at
FROM sales.customers c
JOIN sales.orders o ON o.customer_id = c.customer_id`,
    `CREATE VIEW sales.customer_order_totals_v AS
SELECT customer_id, full_name, count(*) AS order_count, sum(sales.order_total(order_id)) AS total_spend
FROM sales.customer_orders_v
WHERE status <> 'cancelled'
GROUP BY customer_id, full_name`,
    `CREATE VIEW sales.top_customers_v AS
SELECT customer_id, full_name, total_spend
FROM sales.customer_order_totals_v
WHERE total_spend > 0
ORDER BY total_spend DESC
LIMIT 10`,
    `CREATE VIEW reporting.order_fulfillment_v AS
SELECT o.order_id, o.ordered_at, o.status, i.line_no, p.product_id, p.name AS product_name, i.quantity, p.unit_price
FROM sales.orders o
JOIN sales.order_items i ON i.order_id = o.order_id
JOIN inventory.products p ON p.product_id = i.product_id`,
    `CREATE MATERIALIZED VIEW reporting.daily_revenue_mv AS
SELECT date_trunc('day', p.captured_at) AS revenue_day, o.currency, sum(p.amount) AS revenue, count(*) AS payment_count
FROM sales.payments p
JOIN sales.orders o ON o.order_id = p.order_id
WHERE p.captured_at IS NOT NULL
GROUP BY 1, 2`,
    `CREATE VIEW ${odd(ODD_VIEW)} AS
SELECT w.id, w.${oc(ODD_COL.firstName)}, w.${oc(ODD_COL.lastName)}, q.${oc(ODD_COL.quoted)}
FROM ${odd(ODD.withSpace)} w
LEFT JOIN ${odd(ODD.quote)} q ON q.id = w.${oc(ODD_COL.quoteRef)}`,
  ];
}
