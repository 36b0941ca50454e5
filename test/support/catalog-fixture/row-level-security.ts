/** Row level security on sales.orders and sales.payments; two policy names need quoting. */
import type { FixturePolicySet } from './expectation-types.js';
import { S } from './names.js';
import { qi } from './sql-quoting.js';

export const POLICY = {
  ordersRep: 'orders_sales_rep_isolation',
  ordersManagers: 'Orders: "managers" see all',
  paymentsAudit: 'payments.read-only audit',
} as const;

export const POLICIES: readonly FixturePolicySet[] = [
  { schema: S.sales, table: 'orders', policies: [POLICY.ordersRep, POLICY.ordersManagers] },
  { schema: S.sales, table: 'payments', policies: [POLICY.paymentsAudit] },
];

export function rowLevelSecurity(): string[] {
  return [
    `ALTER TABLE sales.orders ENABLE ROW LEVEL SECURITY`,
    `ALTER TABLE sales.payments ENABLE ROW LEVEL SECURITY`,
    `CREATE POLICY ${qi(POLICY.ordersRep)} ON sales.orders FOR ALL TO PUBLIC
  USING (sales_rep = current_user) WITH CHECK (sales_rep = current_user)`,
    `CREATE POLICY ${qi(POLICY.ordersManagers)} ON sales.orders AS PERMISSIVE FOR SELECT TO PUBLIC
  USING (current_setting('app.role', true) = 'manager')`,
    `CREATE POLICY ${qi(POLICY.paymentsAudit)} ON sales.payments FOR SELECT TO PUBLIC
  USING (current_setting('app.role', true) IN ('auditor', 'manager'))`,
  ];
}
