/** Functions and procedures, overloads included, and what ingestion must report for them. */
import { C } from './comments.js';
import type { FixtureRoutine } from './expectation-types.js';
import { S } from './names.js';
import { ODD_FUNCTION, odd } from './odd-names.js';

export const ROUTINES: readonly FixtureRoutine[] = [
  {
    schema: S.sales,
    name: 'order_total',
    kind: 'function',
    language: 'sql',
    identityArguments: 'p_order_id bigint',
    description: C.fnOrderTotal,
  },
  {
    schema: S.sales,
    name: 'order_total',
    kind: 'function',
    language: 'sql',
    identityArguments: 'p_order_id bigint, p_include_tax boolean',
    description: C.fnOrderTotalTax,
  },
  {
    schema: S.sales,
    name: 'customer_tier',
    kind: 'function',
    language: 'plpgsql',
    identityArguments: 'p_customer_id bigint',
    description: C.fnCustomerTier,
  },
  { schema: S.sales, name: 'touch_updated_at', kind: 'function', language: 'plpgsql', identityArguments: '', description: C.fnTouch },
  {
    schema: S.sales,
    name: 'archive_cancelled_orders',
    kind: 'procedure',
    language: 'plpgsql',
    identityArguments: 'p_before date',
    description: C.procArchive,
  },
  {
    schema: S.sales,
    name: 'reset_customer_email',
    kind: 'procedure',
    language: 'sql',
    identityArguments: 'p_customer_id bigint, p_email text',
    description: C.procResetEmail,
  },
  {
    schema: S.inventory,
    name: 'restock',
    kind: 'procedure',
    language: 'plpgsql',
    identityArguments: 'p_product_id bigint, p_quantity integer',
    description: C.procRestock,
  },
  {
    schema: S.inventory,
    name: 'restock',
    kind: 'procedure',
    language: 'plpgsql',
    identityArguments: 'p_product_id bigint, p_quantity integer, p_warehouse_id integer',
    description: C.procRestockWh,
  },
  {
    schema: S.odd,
    name: ODD_FUNCTION,
    kind: 'function',
    language: 'sql',
    identityArguments: 'net numeric, tax_rate numeric',
    description: C.fnOddTotal,
  },
];

export function routines(): string[] {
  return [
    `CREATE FUNCTION sales.order_total(p_order_id bigint) RETURNS numeric
LANGUAGE sql STABLE AS $fn$
  SELECT coalesce(sum(quantity * unit_price), 0)::numeric(12,2)
  FROM sales.order_items WHERE order_id = p_order_id
$fn$`,
    `CREATE FUNCTION sales.order_total(p_order_id bigint, p_include_tax boolean) RETURNS numeric
LANGUAGE sql STABLE AS $fn$
  SELECT CASE WHEN p_include_tax THEN round(sales.order_total(p_order_id) * 1.20, 2)
              ELSE sales.order_total(p_order_id) END
$fn$`,
    `CREATE FUNCTION sales.customer_tier(p_customer_id bigint) RETURNS text
LANGUAGE plpgsql STABLE AS $fn$
DECLARE
  spend numeric;
BEGIN
  SELECT coalesce(sum(sales.order_total(o.order_id)), 0) INTO spend
  FROM sales.orders o
  WHERE o.customer_id = p_customer_id AND o.status <> 'cancelled';
  IF spend >= 1000 THEN
    RETURN 'gold';
  ELSIF spend >= 250 THEN
    RETURN 'silver';
  END IF;
  RETURN 'bronze';
END
$fn$`,
    `CREATE FUNCTION sales.touch_updated_at() RETURNS trigger
LANGUAGE plpgsql AS $fn$
BEGIN
  NEW.updated_at := now();
  RETURN NEW;
END
$fn$`,
    `CREATE TRIGGER customers_touch_updated_at BEFORE UPDATE ON sales.customers
  FOR EACH ROW EXECUTE PROCEDURE sales.touch_updated_at()`,
    `CREATE PROCEDURE sales.archive_cancelled_orders(p_before date)
LANGUAGE plpgsql AS $pr$
BEGIN
  UPDATE sales.orders SET status = 'archived'
  WHERE status = 'cancelled' AND ordered_at < p_before;
END
$pr$`,
    `CREATE PROCEDURE sales.reset_customer_email(p_customer_id bigint, p_email text)
LANGUAGE sql AS $pr$
  UPDATE sales.customers SET email = p_email WHERE customer_id = p_customer_id
$pr$`,
    `CREATE PROCEDURE inventory.restock(p_product_id bigint, p_quantity integer)
LANGUAGE plpgsql AS $pr$
BEGIN
  CALL inventory.restock(p_product_id, p_quantity, 1);
END
$pr$`,
    `CREATE PROCEDURE inventory.restock(p_product_id bigint, p_quantity integer, p_warehouse_id integer)
LANGUAGE plpgsql AS $pr$
BEGIN
  INSERT INTO inventory.stock_levels AS s (warehouse_id, product_id, quantity)
  VALUES (p_warehouse_id, p_product_id, p_quantity)
  ON CONFLICT (warehouse_id, product_id)
  DO UPDATE SET quantity = s.quantity + EXCLUDED.quantity, updated_at = now();
END
$pr$`,
    `CREATE FUNCTION ${odd(ODD_FUNCTION)}(net numeric, tax_rate numeric DEFAULT 0.2) RETURNS numeric
LANGUAGE sql IMMUTABLE AS $fn$
  SELECT round(net * (1 + tax_rate), 2)
$fn$`,
  ];
}
