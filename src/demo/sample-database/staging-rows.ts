/** Rows for the staging schema: deliberately messy, as raw imports are (bad e-mails, mixed formats, duplicates). */
import { YEAR_START } from './sample-values.js';
import { pick } from './sql-text.js';

export function stagingRows(): string[] {
  return [
    `INSERT INTO staging.raw_orders_import (import_id, source_file, loaded_at, raw_customer_email, raw_amount, raw_currency, raw_ordered_at)
SELECT g, 'marketplace_export_2024_' || lpad((1 + g % 12)::text, 2, '0') || '.csv',
  ${YEAR_START} + (g % 12) * interval '1 month' + interval '2 hours',
  CASE WHEN g % 15 = 0 THEN NULL WHEN g % 11 = 0 THEN 'not-an-email' ELSE 'buyer' || g || '@marketplace.example' END,
  CASE WHEN g % 9 = 0 THEN '' WHEN g % 4 = 0 THEN replace(((g * 37) % 500 + 0.99)::text, '.', ',') ELSE ((g * 37) % 500 + 0.99)::text END,
  CASE WHEN g % 8 = 0 THEN NULL ELSE ${pick(['EUR', 'eur', 'USD', 'EUR '], 'g')} END,
  CASE WHEN g % 3 = 0 THEN to_char(date '2024-01-01' + g, 'DD.MM.YYYY') ELSE to_char(date '2024-01-01' + g, 'YYYY-MM-DD') || 'T10:15:00Z' END
FROM generate_series(1, 200) AS g`,
    `INSERT INTO staging.raw_product_feed (feed_row_id, supplier_id, received_at, payload)
SELECT g, CASE WHEN g % 20 = 0 THEN NULL ELSE 1 + g % 15 END,
  ${YEAR_START} + (g % 30) * interval '1 day',
  jsonb_build_object('supplier_sku', 'SUP-' || (1000 + g), 'title', ${pick(['Tent 2P', 'Rain Jacket', 'Merino Tee', 'Trail Shoe', 'Head Torch'], 'g')},
                     'price', (g * 7 % 300) + 0.5, 'in_stock', g % 4 <> 0)
FROM generate_series(1, 150) AS g`,
    `INSERT INTO staging.raw_web_events (received_at, body)
SELECT ${YEAR_START} + (g * 97) * interval '1 minute',
  CASE WHEN g % 25 = 0 THEN NULL
       ELSE jsonb_build_object('event', ${pick(['page_view', 'search', 'add_to_cart'], 'g')}, 'path', '/products/' || (1 + g % 150), 'ua', ${pick(['Mozilla/5.0', 'NorthwindApp/3.2 iOS', 'NorthwindApp/3.1 Android'], 'g')}) END
FROM generate_series(1, 300) AS g`,
    `INSERT INTO staging.raw_web_events (received_at, body)
SELECT received_at, body FROM staging.raw_web_events WHERE body IS NOT NULL AND (body->>'path') LIKE '%7'`,
    `INSERT INTO staging.load_audit (load_id, target_table, rows_loaded, started_at, finished_at, status, error_message)
SELECT g, ${pick(['staging.raw_orders_import', 'staging.raw_product_feed', 'staging.raw_web_events'], 'g')},
  CASE WHEN g % 10 = 0 THEN NULL ELSE 50 + (g * 37) % 400 END,
  ${YEAR_START} + g * interval '12 hours',
  CASE WHEN g % 10 = 0 THEN NULL ELSE ${YEAR_START} + g * interval '12 hours' + (30 + g % 200) * interval '1 second' END,
  CASE WHEN g % 10 = 0 THEN 'failed' ELSE 'succeeded' END,
  CASE WHEN g % 10 = 0 THEN 'connection reset by peer' END
FROM generate_series(1, 30) AS g`,
  ];
}
