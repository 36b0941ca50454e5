/** Rows for the sales schema: 500 customers, 1,000 orders and their lines, payments, shipments, returns. */
import { COUNTRIES, FIRST_NAMES, LAST_NAMES, YEAR_START } from './sample-values.js';
import { pick } from './sql-text.js';

export function salesRows(): string[] {
  return [
    `INSERT INTO sales.sales_channels (channel_id, code, name) VALUES
  (1, 'web', 'Web shop'), (2, 'app', 'Mobile app'), (3, 'marketplace', 'Marketplace'), (4, 'store', 'Retail store')`,
    `INSERT INTO sales.promotions (promotion_id, code, discount_pct, starts_on, ends_on)
SELECT g, ${pick(['SPRING', 'SUMMER', 'TRAIL', 'WELCOME', 'BLACKFRIDAY'], 'g')} || (10 + g), 5 + (g % 4) * 5,
  date '2024-01-01' + (g - 1) * 36, date '2024-01-01' + (g - 1) * 36 + 30
FROM generate_series(1, 10) AS g`,
    `INSERT INTO sales.customers (customer_id, email, first_name, last_name, country_code, signup_date, marketing_opt_in, created_at)
SELECT g,
  lower(x.fn) || '.' || lower(x.ln) || g || '@' || ${pick(['example.com', 'mail.example', 'post.example', 'inbox.example'], 'g')},
  x.fn, x.ln, ${pick(COUNTRIES, 'g * 3')},
  date '2021-01-01' + (g * 17 % 1200),
  g % 3 <> 0,
  timestamptz '2021-01-01 00:00:00+00' + (g * 17 % 1200) * interval '1 day' + ((g * 7919) % 86400) * interval '1 second'
FROM generate_series(1, 500) AS g
CROSS JOIN LATERAL (SELECT ${pick(FIRST_NAMES, 'g')} AS fn, ${pick(LAST_NAMES, 'g * 7 + g / 24')} AS ln) AS x`,
    `SELECT setval(pg_get_serial_sequence('sales.customers', 'customer_id'), (SELECT max(customer_id) FROM sales.customers))`,
    // Address ids 1..500 are the billing addresses of customers 1..500; 501..600 extra shipping addresses.
    `INSERT INTO sales.customer_addresses (address_id, customer_id, address_type, street, city, postal_code, country_code, is_default)
SELECT g, c.customer_id, CASE WHEN g <= 500 THEN 'billing' ELSE 'shipping' END,
  (g * 7 % 180 + 1) || ' ' || ${pick(['Main Street', 'Station Road', 'Lindenallee', 'Rue de la Paix', 'Via Roma', 'Kungsgatan', 'Ulica Długa'], 'g')},
  ${pick(['Berlin', 'Paris', 'Boston', 'London', 'Utrecht', 'Madrid', 'Milan', 'Malmö', 'Gdańsk', 'Osaka'], 'c.customer_id * 3')},
  CASE WHEN g % 41 = 0 THEN NULL ELSE lpad(((g * 7919) % 99999)::text, 5, '0') END,
  c.country_code,
  g <= 500 OR g % 2 = 0
FROM generate_series(1, 600) AS g
JOIN sales.customers c ON c.customer_id = 1 + (g - 1) % 500`,
    `SELECT setval(pg_get_serial_sequence('sales.customer_addresses', 'address_id'), (SELECT max(address_id) FROM sales.customer_addresses))`,
    `INSERT INTO sales.orders (order_id, customer_id, channel_id, promotion_id, status, ordered_at, currency, shipping_address_id)
SELECT g, x.customer_id,
  (ARRAY[1, 1, 1, 1, 1, 2, 2, 2, 3, 4])[1 + (g * 3) % 10],
  CASE WHEN g % 7 = 0 THEN 1 + (g / 7) % 10 END,
  (CASE g % 20 WHEN 0 THEN 'cancelled' WHEN 1 THEN 'refunded' WHEN 2 THEN 'pending' WHEN 3 THEN 'paid' WHEN 4 THEN 'paid'
     ELSE CASE WHEN g > 940 THEN 'shipped' ELSE 'delivered' END END)::sales.order_status,
  ${YEAR_START} + (((g - 1) * 366) / 1000) * interval '1 day' + ((g * 7919) % 86400) * interval '1 second',
  CASE WHEN c.country_code = 'US' THEN 'USD' WHEN c.country_code IN ('GB') THEN 'GBP' WHEN c.country_code = 'SE' THEN 'SEK' ELSE 'EUR' END,
  CASE WHEN g % 13 = 0 THEN NULL ELSE x.customer_id END
FROM generate_series(1, 1000) AS g
-- Three orders in four spread over customers 1..437, the rest concentrated on a few repeat buyers;
-- customers 438..500 mostly never ordered.
CROSS JOIN LATERAL (
  SELECT CASE WHEN g % 4 = 0 THEN 1 + (g * g * 31 + g * 7) % 500 ELSE 1 + (g * 7919) % 437 END AS customer_id
) AS x
JOIN sales.customers c ON c.customer_id = x.customer_id`,
    `SELECT setval(pg_get_serial_sequence('sales.orders', 'order_id'), (SELECT max(order_id) FROM sales.orders))`,
    `INSERT INTO sales.order_items (order_id, line_no, product_id, quantity, unit_price, discount_amount)
SELECT o.order_id, l, p.product_id, 1 + (o.order_id + l) % 3 + CASE WHEN (o.order_id * l) % 29 = 0 THEN 5 ELSE 0 END,
  p.unit_price,
  CASE WHEN o.promotion_id IS NULL THEN 0 ELSE round(p.unit_price * pr.discount_pct / 100, 2) END
FROM sales.orders o
CROSS JOIN LATERAL generate_series(1, 1 + (o.order_id * 7) % 4) AS l
JOIN inventory.products p ON p.product_id = 1 + (o.order_id * 13 + l * 7) % 150
LEFT JOIN sales.promotions pr ON pr.promotion_id = o.promotion_id`,
    `INSERT INTO sales.payments (order_id, method, amount, captured_at, provider_reference)
SELECT o.order_id,
  ${pick(['card', 'card', 'card', 'paypal', 'paypal', 'bank_transfer'], 'o.order_id')},
  greatest(sales.order_total(o.order_id) - CASE WHEN o.order_id % 50 = 0 THEN 20 ELSE 0 END, 0),
  o.ordered_at + ((o.order_id % 120) + 1) * interval '1 minute',
  CASE WHEN o.order_id % 37 = 0 THEN NULL ELSE 'pay_' || substr(md5('payment-' || o.order_id), 1, 20) END
FROM sales.orders o
WHERE o.status IN ('paid', 'shipped', 'delivered', 'refunded')
ORDER BY o.order_id`,
    `INSERT INTO sales.payments (order_id, method, amount, captured_at, provider_reference)
SELECT o.order_id, 'gift_card', 20, o.ordered_at + interval '30 seconds', 'gc_' || o.order_id
FROM sales.orders o
WHERE o.status IN ('paid', 'shipped', 'delivered', 'refunded') AND o.order_id % 50 = 0
ORDER BY o.order_id`,
    `INSERT INTO sales.shipments (shipment_id, order_id, warehouse_id, carrier, shipped_at, delivered_at, tracking_number)
SELECT o.order_id, o.order_id, 1 + o.order_id % 4,
  ${pick(['DHL', 'UPS', 'DPD', 'La Poste', 'InPost'], 'o.order_id * 3')},
  o.ordered_at + (18 + o.order_id % 30) * interval '1 hour',
  CASE WHEN o.status IN ('delivered', 'refunded') THEN o.ordered_at + (2 + o.order_id % 5) * interval '1 day' END,
  upper(substr(md5('parcel-' || o.order_id), 1, 12))
FROM sales.orders o
WHERE o.status IN ('shipped', 'delivered', 'refunded')`,
    `INSERT INTO sales.returns (return_id, order_id, line_no, reason, requested_at, refunded_amount)
SELECT row_number() OVER (ORDER BY i.order_id, i.line_no), i.order_id, i.line_no,
  ${pick(['Wrong size', 'Damaged on arrival', 'Not as described', 'Changed my mind', 'Arrived too late'], 'i.order_id')},
  o.ordered_at + interval '9 days',
  CASE WHEN i.order_id % 3 = 0 THEN NULL ELSE i.quantity * i.unit_price - i.discount_amount END
FROM sales.order_items i
JOIN sales.orders o ON o.order_id = i.order_id
WHERE o.status = 'refunded' AND i.line_no = 1`,
  ];
}
