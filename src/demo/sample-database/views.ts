/** Views and the materialized view; they read the tables, so they are created after the data. */
import type { TableComments } from './comments.js';

export function views(): string[] {
  return [
    `CREATE VIEW sales.order_summary_v AS
SELECT o.order_id, o.ordered_at, o.status, o.currency, ch.code AS channel,
  c.customer_id, c.first_name || ' ' || c.last_name AS customer_name, c.country_code,
  count(i.line_no) AS line_count, coalesce(sum(i.quantity * i.unit_price - i.discount_amount), 0) AS order_value
FROM sales.orders o
JOIN sales.customers c ON c.customer_id = o.customer_id
JOIN sales.sales_channels ch ON ch.channel_id = o.channel_id
LEFT JOIN sales.order_items i ON i.order_id = o.order_id
GROUP BY o.order_id, ch.code, c.customer_id`,
    `CREATE VIEW sales.customer_lifetime_value_v AS
SELECT customer_id, customer_name, country_code,
  count(*) AS orders, sum(order_value) AS lifetime_value, min(ordered_at) AS first_order_at, max(ordered_at) AS last_order_at
FROM sales.order_summary_v
WHERE status NOT IN ('cancelled', 'refunded')
GROUP BY customer_id, customer_name, country_code`,
    `CREATE VIEW hr.employee_directory_v AS
SELECT e.employee_id, e.first_name, e.last_name, e.work_email, d.name AS department, p.title,
  m.first_name || ' ' || m.last_name AS manager_name, l.city AS office, hr.tenure_years(e.hired_on) AS tenure_years
FROM hr.employees e
JOIN hr.departments d ON d.department_id = e.department_id
LEFT JOIN hr.job_positions p ON p.position_id = e.position_id
LEFT JOIN hr.employees m ON m.employee_id = e.manager_id
LEFT JOIN hr.office_locations l ON l.location_id = e.location_id
WHERE e.terminated_on IS NULL`,
    `CREATE VIEW analytics.product_performance_v AS
SELECT p.product_id, p.sku, p.name AS product_name, c.name AS category, pc.name AS parent_category,
  sum(i.quantity) AS units_sold, sum(i.quantity * i.unit_price - i.discount_amount) AS revenue,
  sum(i.quantity * (i.unit_price - p.unit_cost) - i.discount_amount) AS gross_margin
FROM inventory.products p
JOIN inventory.product_categories c ON c.category_id = p.category_id
LEFT JOIN inventory.product_categories pc ON pc.category_id = c.parent_category_id
JOIN sales.order_items i ON i.product_id = p.product_id
JOIN sales.orders o ON o.order_id = i.order_id AND o.status NOT IN ('cancelled', 'refunded')
GROUP BY p.product_id, c.name, pc.name`,
    `CREATE MATERIALIZED VIEW analytics.monthly_revenue_mv AS
SELECT date_trunc('month', pay.captured_at AT TIME ZONE 'UTC')::date AS revenue_month, ch.code AS channel,
  count(DISTINCT o.order_id) AS orders, sum(pay.amount) AS captured_revenue
FROM sales.payments pay
JOIN sales.orders o ON o.order_id = pay.order_id
JOIN sales.sales_channels ch ON ch.channel_id = o.channel_id
GROUP BY 1, 2`,
    `CREATE UNIQUE INDEX monthly_revenue_mv_key ON analytics.monthly_revenue_mv (revenue_month, channel)`,
  ];
}

export const VIEW_COMMENTS: readonly TableComments[] = [
  { table: 'sales.order_summary_v', kind: 'VIEW', description: 'One row per order with customer and order value.' },
  { table: 'sales.customer_lifetime_value_v', kind: 'VIEW', description: 'Lifetime value per customer (built on sales.order_summary_v).' },
  { table: 'hr.employee_directory_v', kind: 'VIEW', description: 'Employee directory without compensation data.' },
  { table: 'analytics.product_performance_v', kind: 'VIEW', description: 'Units and revenue per product and category.' },
  { table: 'analytics.monthly_revenue_mv', kind: 'MATERIALIZED VIEW', description: 'Monthly captured revenue per channel (materialized).' },
];
