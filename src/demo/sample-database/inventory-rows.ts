/** Rows for the inventory schema: 150 products, stock in 4 warehouses, purchase orders. */
import { COUNTRIES, YEAR_START } from './sample-values.js';
import { pick } from './sql-text.js';

export function inventoryRows(): string[] {
  return [
    `INSERT INTO inventory.suppliers (supplier_id, name, country_code, contact_email, rating)
SELECT g,
  ${pick(['Alpine', 'Fjord', 'Summit', 'Trailhead', 'Cascade'], 'g')} || ' ' || ${pick(['Gear', 'Textiles', 'Outfitters'], 'g')} || ' ' || ${pick(['GmbH', 'AB', 'Ltd', 'S.A.', 'Inc.'], 'g * 3')},
  ${pick(COUNTRIES, 'g * 3')},
  CASE WHEN g % 6 = 0 THEN NULL ELSE 'purchasing' || g || '@supplier.example' END,
  round((2.5 + (g * 7 % 25) / 10.0)::numeric, 1)
FROM generate_series(1, 15) AS g`,
    `INSERT INTO inventory.product_categories (category_id, parent_category_id, name) VALUES
  (1, NULL, 'Apparel'), (2, NULL, 'Footwear'), (3, NULL, 'Camping'), (4, NULL, 'Accessories'),
  (5, 1, 'Jackets'), (6, 1, 'Base Layers'), (7, 2, 'Hiking Boots'), (8, 2, 'Trail Runners'),
  (9, 3, 'Tents'), (10, 3, 'Sleeping Bags'), (11, 4, 'Backpacks'), (12, 4, 'Headlamps')`,
    `INSERT INTO inventory.products (product_id, sku, name, category_id, supplier_id, unit_price, unit_cost, weight_kg,
  is_active, launched_on, attributes)
SELECT g, x.prefix || '-' || lpad(g::text, 5, '0'),
  ${pick(['Ridge', 'Glacier', 'Nomad', 'Aurora', 'Timber', 'Basecamp', 'Vista', 'Ember'], 'g')} || ' ' || x.noun,
  x.category_id, 1 + (g * 7) % 15,
  round((19.90 + (g * 37) % 380)::numeric, 2),
  round(((19.90 + (g * 37) % 380) * 0.55)::numeric, 2),
  CASE WHEN g % 9 = 0 THEN NULL ELSE round((0.1 + (g * 13 % 60) / 10.0)::numeric, 2) END,
  g % 25 <> 0,
  date '2019-01-01' + (g * 41 % 1800),
  jsonb_build_object('color', ${pick(['black', 'navy', 'olive', 'red', 'sand', 'grey'], 'g')},
                     'material', ${pick(['nylon', 'merino', 'polyester', 'leather', 'aluminium'], 'g * 3')})
    || CASE WHEN x.category_id IN (5, 6, 7, 8) THEN jsonb_build_object('sizes', jsonb_build_array('S', 'M', 'L')) ELSE '{}'::jsonb END
FROM generate_series(1, 150) AS g
CROSS JOIN LATERAL (
  SELECT 5 + g % 8 AS category_id,
         (ARRAY['APP', 'APP', 'FTW', 'FTW', 'CMP', 'CMP', 'ACC', 'ACC'])[1 + g % 8] AS prefix,
         (ARRAY['Jacket', 'Base Layer', 'Hiking Boot', 'Trail Runner', 'Tent', 'Sleeping Bag', 'Backpack', 'Headlamp'])[1 + g % 8] AS noun
) AS x`,
    `INSERT INTO inventory.warehouses (warehouse_id, code, city, country_code, capacity_units, manager_employee_id) VALUES
  (1, 'BER-1', 'Berlin', 'DE', 12000, 6), (2, 'LYS-1', 'Lyon', 'FR', 8000, 13),
  (3, 'KRK-1', 'Kraków', 'PL', 15000, 20), (4, 'DEN-1', 'Denver', 'US', 10000, 27)`,
    `INSERT INTO inventory.stock_levels (warehouse_id, product_id, on_hand, reserved, reorder_point, updated_at)
SELECT w, p, (w * 31 + p * 17) % 140, (w + p) % 6, 10 + (p % 4) * 5,
  ${YEAR_START} + ((w * 7 + p) % 366) * interval '1 day'
FROM generate_series(1, 4) AS w CROSS JOIN generate_series(1, 150) AS p`,
    `INSERT INTO inventory.purchase_orders (purchase_order_id, supplier_id, warehouse_id, ordered_on, expected_on, status, created_by_employee_id)
SELECT g, 1 + (g * 4) % 15, 1 + g % 4, date '2024-01-03' + (g * 4),
  CASE WHEN g % 10 = 0 THEN NULL ELSE date '2024-01-03' + (g * 4) + 14 + g % 7 END,
  ${pick(['received', 'received', 'received', 'sent', 'draft', 'cancelled'], 'g')},
  (ARRAY[6, 13, 20, 27])[1 + g % 4]
FROM generate_series(1, 80) AS g`,
    `INSERT INTO inventory.purchase_order_lines (purchase_order_id, line_no, product_id, quantity, unit_cost)
SELECT po.purchase_order_id, l, p.product_id, 10 * (1 + (po.purchase_order_id + l) % 10), p.unit_cost
FROM inventory.purchase_orders po
CROSS JOIN generate_series(1, 3) AS l
JOIN inventory.products p ON p.product_id = 1 + (po.purchase_order_id * 11 + l * 5) % 150`,
  ];
}
