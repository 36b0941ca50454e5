/**
 * Functions and procedures, with their comments. They run before the data: sales.payments and
 * analytics.campaign_attributions are filled through sales.order_total().
 */

export function routines(): string[] {
  return [
    `CREATE FUNCTION sales.order_total(p_order_id bigint) RETURNS numeric
LANGUAGE sql STABLE AS $fn$
  SELECT coalesce(sum(quantity * unit_price - discount_amount), 0)::numeric(12,2)
  FROM sales.order_items
  WHERE order_id = p_order_id
$fn$`,
    `CREATE FUNCTION hr.tenure_years(p_hired_on date, p_as_of date DEFAULT current_date) RETURNS numeric
LANGUAGE sql STABLE AS $fn$
  SELECT round(((p_as_of - p_hired_on) / 365.25)::numeric, 1)
$fn$`,
    `CREATE PROCEDURE inventory.reorder_low_stock(p_warehouse_id integer, p_created_by integer)
LANGUAGE plpgsql AS $pr$
DECLARE
  next_id integer;
  low record;
BEGIN
  FOR low IN
    SELECT s.product_id, p.supplier_id, p.unit_cost, greatest(s.reorder_point * 2 - s.on_hand, 1) AS qty
    FROM inventory.stock_levels s
    JOIN inventory.products p ON p.product_id = s.product_id
    WHERE s.warehouse_id = p_warehouse_id AND s.on_hand - s.reserved < s.reorder_point AND p.is_active
  LOOP
    SELECT coalesce(max(purchase_order_id), 0) + 1 INTO next_id FROM inventory.purchase_orders;
    INSERT INTO inventory.purchase_orders (purchase_order_id, supplier_id, warehouse_id, ordered_on, status, created_by_employee_id)
    VALUES (next_id, low.supplier_id, p_warehouse_id, current_date, 'draft', p_created_by);
    INSERT INTO inventory.purchase_order_lines (purchase_order_id, line_no, product_id, quantity, unit_cost)
    VALUES (next_id, 1, low.product_id, low.qty, low.unit_cost);
  END LOOP;
END
$pr$`,
    `CREATE PROCEDURE staging.record_load(p_target_table text, p_rows_loaded integer)
LANGUAGE sql AS $pr$
  INSERT INTO staging.load_audit (load_id, target_table, rows_loaded, started_at, finished_at, status)
  SELECT coalesce(max(load_id), 0) + 1, p_target_table, p_rows_loaded, now(), now(), 'succeeded'
  FROM staging.load_audit
$pr$`,
    `COMMENT ON FUNCTION sales.order_total(bigint) IS 'Net value of an order: sum of lines minus line discounts.'`,
    `COMMENT ON FUNCTION hr.tenure_years(date, date) IS 'Years of service between two dates, one decimal.'`,
    `COMMENT ON PROCEDURE inventory.reorder_low_stock(integer, integer) IS 'Creates draft purchase orders for products below their reorder point in one warehouse.'`,
    `COMMENT ON PROCEDURE staging.record_load(text, integer) IS 'Appends a successful run to staging.load_audit.'`,
  ];
}
