// A small warehouse and the statements a data team runs against it: what the lineage and usage workflows read back
// from pg_stat_statements in the end-to-end tests.
import { execSql } from './pg.js';

export const WAREHOUSE_DDL = [
  'create extension if not exists pg_stat_statements',
  'create schema raw',
  'create schema mart',
  'create table raw.orders (id int primary key, customer_id int, amount numeric, status text, ordered_at date)',
  'create table raw.customers (id int primary key, name text, region text)',
  'create table mart.daily_revenue (day date, region text, revenue numeric, orders int)',
  'create table mart.customer_status (customer_id int, last_status text)',
  `create view mart.big_orders as select o.id, o.amount, c.name as customer from raw.orders o join raw.customers c on c.id = o.customer_id where o.amount > 100`,
  `create materialized view mart.region_totals as select c.region, sum(o.amount) as total from raw.orders o join raw.customers c on c.id = o.customer_id group by c.region`,
  'create table mart.region_archive (region text, total numeric)',
  `create function mart.refresh_status() returns void language plpgsql as $$
   declare n int;
   begin
     insert into mart.customer_status (customer_id, last_status) select o.customer_id, o.status from raw.orders o;
     get diagnostics n = row_count;
     if n > 0 then perform pg_catalog.pg_sleep(0); end if;
   end $$`,
  `create function mart.archive_regions() returns void language sql as $$
   insert into mart.region_archive (region, total) select region, total from mart.region_totals $$`,
  `insert into raw.customers values (1, 'Ada', 'north'), (2, 'Linus', 'south')`,
  `insert into raw.orders values (1, 1, 120, 'paid', '2026-01-01'), (2, 2, 80, 'open', '2026-01-02')`,
];

/** Statements whose lineage every supported major can run (no MERGE before Postgres 15). */
export const WAREHOUSE_WORKLOAD = [
  `insert into mart.daily_revenue (day, region, revenue, orders)
   select o.ordered_at, c.region, sum(o.amount), count(*) from raw.orders o join raw.customers c on c.id = o.customer_id group by 1, 2`,
  `create table mart.vip_customers as select c.id, c.name, sum(o.amount) as spent from raw.customers c join raw.orders o on o.customer_id = c.id group by c.id, c.name`,
  `update mart.customer_status s set last_status = o.status from raw.orders o where o.customer_id = s.customer_id`,
  `select * from raw.orders where amount > 10`,
];

export const MERGE_WORKLOAD = `merge into mart.customer_status t using raw.orders o on t.customer_id = o.customer_id
  when matched then update set last_status = o.status
  when not matched then insert (customer_id, last_status) values (o.customer_id, o.status)`;

export async function buildWarehouse(url: string, major: number): Promise<void> {
  await execSql(url, WAREHOUSE_DDL);
  await execSql(url, [...WAREHOUSE_WORKLOAD, ...(major >= 15 ? [MERGE_WORKLOAD] : [])]);
}
