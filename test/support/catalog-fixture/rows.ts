/** Data: a few rows per table, deterministic, so tests can assert exact values. */
import type { FixtureTypeColumn } from './expectation-types.js';
import { ODD, ODD_COL, oc, odd } from './odd-names.js';
import { typeShowcaseRows } from './type-showcase.js';

export function rows(typeColumns: readonly FixtureTypeColumn[]): string[] {
  return [
    `INSERT INTO ${odd(ODD.myTable)} (id, ${oc(ODD_COL.displayName)}, tracking_url) VALUES
  (1, 'DHL Express', 'https://www.dhl.com/track?id='),
  (2, 'UPS Ground', 'https://www.ups.com/track?tracknum='),
  (3, 'La Poste', NULL)`,
    `INSERT INTO ${odd(ODD.quote)} (id, ${oc(ODD_COL.quoted)}) VALUES (1, 'hello'), (2, DEFAULT)`,
    `INSERT INTO ${odd(ODD.unicode)} (id, ${oc(ODD_COL.unicodeName)}, ${oc(ODD_COL.unicodeSize)}) VALUES
  (1, '東京', 182.5), (2, 'Zürich', 175.0)`,
    `INSERT INTO ${odd(ODD.withSpace)} (id, ${oc(ODD_COL.firstName)}, ${oc(ODD_COL.lastName)}, ${oc(ODD_COL.quoteRef)}) VALUES
  (1, 'Ada', 'Lovelace', 1), (2, 'Alan', 'Turing', 2)`,
    `INSERT INTO ${odd(ODD.select)} (${oc(ODD_COL.order)}, ${oc(ODD_COL.from)}, ${oc(ODD_COL.user)}) VALUES
  (1, '2024-01-01', 'alice'), (2, '2024-01-02', 'bob')`,
    `INSERT INTO inventory.warehouses (warehouse_id, code, city, country, opened_on) VALUES
  (1, 'BER-1', 'Berlin', 'DE', '2019-03-01'),
  (2, 'PAR-1', 'Paris', 'FR', '2021-06-15'),
  (3, 'NYC-1', 'New York', 'US', '2022-11-30')`,
    `INSERT INTO inventory.product_categories (category_id, parent_category_id, name, path) VALUES
  (1, NULL, 'Apparel', 'Apparel'),
  (2, 1, 'Shoes', 'Apparel.Shoes'),
  (3, 1, 'Jackets', 'Apparel.Jackets'),
  (4, NULL, 'Outdoor', 'Outdoor')`,
    `INSERT INTO inventory.products (product_id, category_id, supplier_code, supplier_sku, name, unit_price, attributes) VALUES
  (100, 2, 'ACME', 'RUN-42', 'Trail running shoe', 129.90, 'color=>red, size=>42'),
  (101, 2, 'ACME', 'RUN-43', 'Trail running shoe', 129.90, 'color=>red, size=>43'),
  (102, 3, 'NORTHWIND', 'JKT-M', 'Rain jacket', 189.00, 'color=>navy, size=>M'),
  (103, 4, 'NORTHWIND', 'TNT-2P', 'Two-person tent', 349.50, NULL)`,
    `INSERT INTO inventory.stock_levels (warehouse_id, product_id, quantity) VALUES
  (1, 100, 25), (1, 101, 12), (2, 102, 40), (3, 103, 5)`,
    `INSERT INTO sales.customers (email, full_name, country, billing_address, referred_by_customer_id, marketing_opt_in) VALUES
  ('anna.schmidt@example.de', 'Anna Schmidt', 'DE', ROW('Hauptstr. 1', 'Berlin', '10115', 'DE'), NULL, true),
  ('luc.martin@example.fr', 'Luc Martin', 'FR', ROW('1 rue de Rivoli', 'Paris', '75001', 'FR'), 1, false),
  ('jane.doe@example.com', 'Jane O''Doe', 'US', ROW('5th Ave 100', 'New York', '10001', 'US'), 1, true),
  ('kenji.sato@example.jp', 'Kenji Sato', 'JP', NULL, 3, false)`,
    `INSERT INTO sales.orders (customer_id, status, ordered_at, currency, sales_rep) VALUES
  (1, 'paid', '2024-03-01 10:00+00', 'EUR', 'alice'),
  (1, 'shipped', '2024-03-05 12:30+00', 'EUR', 'alice'),
  (2, 'cancelled', '2024-04-11 08:15+00', 'EUR', 'bob'),
  (3, 'paid', '2024-05-20 17:45+00', 'USD', 'bob'),
  (4, 'pending', '2024-06-02 09:00+00', 'JPY', 'carol')`,
    `INSERT INTO sales.order_items (order_id, line_no, product_id, quantity, unit_price) VALUES
  (1, 1, 100, 1, 129.90), (1, 2, 102, 1, 189.00),
  (2, 1, 103, 1, 349.50),
  (3, 1, 101, 2, 129.90),
  (4, 1, 102, 3, 189.00), (4, 2, 100, 1, 129.90),
  (5, 1, 103, 1, 349.50)`,
    `INSERT INTO sales.payments (order_id, amount, method, captured_at, processor_payload) VALUES
  (1, 318.90, 'card', '2024-03-01 10:01+00', '{"psp": "stripe", "3ds": true}'),
  (2, 349.50, 'paypal', '2024-03-05 12:31+00', NULL),
  (4, 696.90, 'card', '2024-05-20 17:46+00', '{"psp": "adyen"}')`,
    `INSERT INTO sales.shipments (shipment_id, carrier_id, shipped_at, delivery_address) VALUES
  (1, 1, '2024-03-02 08:00+00', ROW('Hauptstr. 1', 'Berlin', '10115', 'DE')),
  (2, 2, '2024-03-06 09:00+00', NULL)`,
    `INSERT INTO sales.shipment_items (shipment_id, order_id, line_no) VALUES (1, 1, 1), (1, 1, 2), (2, 2, 1)`,
    `INSERT INTO ${odd(ODD.mixedCase)} (${oc('Id')}, ${oc(ODD_COL.camel)}, ${oc('UPPER_NOTE')}) VALUES (1, 1, 'VIP'), (2, NULL, NULL)`,
    `INSERT INTO billing.invoices (invoice_id, invoice_number, customer_id, issued_on, due_on, total_amount) VALUES
  (1, 'INV-2024-0001', 1, '2024-03-01', '2024-03-31', '318.90'),
  (2, 'INV-2024-0002', 3, '2024-05-20', '2024-06-19', '696.90')`,
    `INSERT INTO billing.invoice_lines (invoice_id, line_no, description, amount) VALUES
  (1, 1, 'Trail running shoe', 129.90), (1, 2, 'Rain jacket', 189.00), (2, 1, 'Rain jacket x3', 567.00), (2, 2, 'Trail running shoe', 129.90)`,
    `INSERT INTO analytics.page_events (event_id, occurred_at, channel, customer_id, url, properties) VALUES
  (1, '2023-11-05 10:00+00', 'web', 1, '/products/100', NULL),
  (2, '2024-03-01 09:58+00', 'web', 1, '/checkout', '{"step": 3}'),
  (3, '2024-04-11 08:10+00', 'ios', 2, '/cart', NULL),
  (4, '2024-05-20 17:40+00', 'partner-api', 3, '/api/orders', NULL),
  (5, '2025-01-02 12:00+00', 'android', 4, '/products/103', '{"ref": "push"}')`,
    `INSERT INTO analytics.customer_regions (customer_id, region) VALUES (1, 'EMEA'), (2, 'EMEA'), (3, 'NA'), (4, 'APAC')`,
    `INSERT INTO analytics.sessions (tenant_id, session_id, started_at, user_agent) VALUES
  (1, 'b3c7a7d2-1a60-4b0e-9a0c-000000000001', '2024-03-01 09:50+00', 'Mozilla/5.0'),
  (1, 'b3c7a7d2-1a60-4b0e-9a0c-000000000002', '2024-04-11 08:00+00', 'ShopApp/2.1 iOS'),
  (2, 'b3c7a7d2-1a60-4b0e-9a0c-000000000003', '2024-05-20 17:30+00', 'curl/8.0'),
  (3, 'b3c7a7d2-1a60-4b0e-9a0c-000000000004', '2025-01-02 11:55+00', 'ShopApp/2.2 Android')`,
    ...typeShowcaseRows(typeColumns),
  ];
}
