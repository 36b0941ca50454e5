-- Catalog for the lineage conformance corpus (Postgres 18). No data: the cases only need the names and types.
-- Column order matters: `*`, `t.*` and INSERT without a column list expand in the order written here.

CREATE SCHEMA sales;
CREATE SCHEMA hr;
CREATE SCHEMA staging;
CREATE SCHEMA analytics;
CREATE SCHEMA "Reporting";

-- public: tables named like the CTE and alias names people reach for (recent, t, x), unicode names.
CREATE TABLE public.customers (
  id integer PRIMARY KEY,
  name text NOT NULL,
  vip boolean NOT NULL DEFAULT false
);
CREATE TABLE public.recent (
  id integer,
  customer_id integer,
  amount numeric(12,2),
  seen_at timestamptz
);
CREATE TABLE public.t (
  a integer,
  b text,
  c numeric
);
CREATE TABLE public.x (
  id integer,
  val text
);
CREATE TABLE public.audit_log (
  id bigserial PRIMARY KEY,
  table_name text,
  row_id integer,
  action text,
  logged_at timestamptz NOT NULL DEFAULT now(),
  details text
);
CREATE TABLE public.données (
  id integer PRIMARY KEY,
  prénom text,
  nom text,
  ville text
);
CREATE TABLE public.café (
  id integer PRIMARY KEY,
  nom text,
  prix numeric(8,2),
  données_id integer
);

-- sales
CREATE TABLE sales.customers (
  id integer PRIMARY KEY,
  name text NOT NULL,
  email text,
  region text,
  country text,
  segment text,
  created_at timestamptz
);
CREATE TABLE sales.products (
  id integer PRIMARY KEY,
  sku text UNIQUE,
  name text,
  category text,
  list_price numeric(10,2),
  active boolean,
  tags text[]
);
CREATE TABLE sales.orders (
  id integer PRIMARY KEY,
  customer_id integer,
  order_date date,
  status text,
  amount numeric(12,2),
  currency text,
  discount numeric(5,2),
  channel text
);
CREATE TABLE sales.orders_history (
  id integer,
  customer_id integer,
  order_date date,
  status text,
  amount numeric(12,2),
  currency text,
  discount numeric(5,2),
  channel text
);
CREATE TABLE sales.order_items (
  order_id integer,
  line_no integer,
  product_id integer,
  quantity integer,
  unit_price numeric(10,2),
  discount numeric(5,2),
  PRIMARY KEY (order_id, line_no)
);
CREATE TABLE sales.payments (
  id integer PRIMARY KEY,
  order_id integer,
  paid_at timestamptz,
  amount numeric(12,2),
  method text
);
CREATE TABLE sales.returns (
  id integer PRIMARY KEY,
  order_id integer,
  product_id integer,
  quantity integer,
  reason text,
  returned_at date
);
CREATE TABLE sales.order_archive (
  order_id integer,
  total numeric(12,2),
  archived_at timestamptz DEFAULT now()
);
CREATE TABLE sales.customer_stats (
  customer_id integer PRIMARY KEY,
  order_count integer,
  total_amount numeric(14,2),
  last_order date
);
CREATE TABLE sales.events (
  id bigint PRIMARY KEY,
  customer_id integer,
  event_type text,
  occurred_at timestamptz,
  payload jsonb
);
CREATE TABLE sales."odd.name" (
  id integer,
  label text,
  "val.raw" numeric
);

-- hr (hr.t has the same name as public.t, for search_path cases)
CREATE TABLE hr.departments (
  id integer PRIMARY KEY,
  name text,
  parent_id integer,
  budget numeric(14,2),
  location text
);
CREATE TABLE hr.employees (
  id integer PRIMARY KEY,
  first_name text,
  last_name text,
  email text,
  department_id integer,
  manager_id integer,
  salary numeric(10,2),
  hired_at date,
  title text,
  active boolean DEFAULT true
);
CREATE TABLE hr.salary_history (
  employee_id integer,
  changed_at date,
  old_salary numeric(10,2),
  new_salary numeric(10,2)
);
CREATE TABLE hr.org_chart (
  employee_id integer,
  manager_id integer,
  depth integer,
  path text
);
CREATE TABLE hr.t (
  a integer,
  b text,
  c numeric
);

-- staging (staging.orders and staging.customers share their names with sales.orders and sales.customers)
CREATE TABLE staging.orders (
  id integer,
  customer_id integer,
  order_date date,
  status text,
  amount numeric(12,2),
  loaded_at timestamptz,
  source text
);
CREATE TABLE staging.customers (
  id integer,
  name text,
  email text,
  region text,
  loaded_at timestamptz
);
CREATE TABLE staging.raw_events (
  id bigint,
  customer_id integer,
  event_type text,
  occurred_at timestamptz,
  payload jsonb,
  batch_id integer
);
CREATE TABLE staging.employee_import (
  emp_no integer,
  full_name text,
  dept_name text,
  salary numeric(10,2),
  start_date date
);
CREATE TABLE staging.product_feed (
  sku text,
  name text,
  category text,
  price numeric(10,2),
  is_active boolean
);

-- analytics
CREATE TABLE analytics.daily_sales (
  day date,
  region text,
  order_count bigint,
  revenue numeric,
  avg_order numeric,
  PRIMARY KEY (day, region)
);
CREATE TABLE analytics.customer_ltv (
  customer_id integer PRIMARY KEY,
  first_order date,
  last_order date,
  lifetime_value numeric,
  order_count bigint,
  rank_in_region bigint
);
CREATE TABLE analytics.product_performance (
  product_id integer PRIMARY KEY,
  category text,
  units bigint,
  revenue numeric,
  return_rate numeric
);
CREATE TABLE analytics.monthly_revenue (
  month date PRIMARY KEY,
  revenue numeric,
  running_total numeric,
  mom_growth numeric
);
CREATE TABLE analytics.dept_costs (
  department_id integer,
  department_name text,
  headcount bigint,
  total_salary numeric
);
CREATE TABLE analytics.funnel (
  day date,
  event_type text,
  users bigint
);
CREATE TABLE analytics.kpis (
  name text,
  value numeric,
  computed_at timestamptz DEFAULT now()
);
CREATE TABLE analytics.cohorts (
  cohort_month date,
  months_since integer,
  customers bigint,
  revenue numeric
);

-- "Reporting": mixed case, quoted. "Reporting".monthlytotals is what an unquoted "Reporting".MonthlyTotals means.
CREATE TABLE "Reporting"."MonthlyTotals" (
  "Month" date,
  "Region" text,
  "TotalAmount" numeric(14,2),
  "OrderCount" integer
);
CREATE TABLE "Reporting".monthlytotals (
  month date,
  region text,
  total numeric
);
CREATE TABLE "Reporting"."Customer Summary" (
  "Customer Id" integer,
  "Total Spend" numeric,
  "Last Seen" date
);

-- Views and a materialized view: lineage stops at their own columns.
CREATE VIEW sales.v_order_totals AS
  SELECT o.id AS order_id, o.customer_id, o.order_date, sum(oi.quantity * oi.unit_price) AS items_total
  FROM sales.orders o
  JOIN sales.order_items oi ON oi.order_id = o.id
  GROUP BY o.id, o.customer_id, o.order_date;

CREATE VIEW sales.active_customers AS
  SELECT id, name, email, region FROM sales.customers WHERE segment IS DISTINCT FROM 'churned';

CREATE VIEW hr.v_directory AS
  SELECT e.id, e.first_name || ' ' || e.last_name AS full_name, d.name AS department, e.email
  FROM hr.employees e
  LEFT JOIN hr.departments d ON d.id = e.department_id;

CREATE MATERIALIZED VIEW analytics.mv_customer_revenue AS
  SELECT customer_id, sum(amount) AS revenue, count(*) AS orders
  FROM sales.orders
  GROUP BY customer_id;

CREATE VIEW "Reporting"."vRegionSales" AS
  SELECT c.region AS "Region", sum(o.amount) AS "Revenue"
  FROM sales.orders o
  JOIN sales.customers c ON c.id = o.customer_id
  GROUP BY c.region;

-- Set-returning functions: their result sets are not tables.
CREATE FUNCTION sales.orders_for_customer(cid integer) RETURNS SETOF sales.orders
  LANGUAGE sql STABLE
  AS $$ SELECT * FROM sales.orders WHERE customer_id = cid $$;

CREATE FUNCTION analytics.top_products(n integer) RETURNS TABLE (product_id integer, revenue numeric)
  LANGUAGE sql STABLE
  AS $$
    SELECT oi.product_id, sum(oi.quantity * oi.unit_price)
    FROM sales.order_items oi
    GROUP BY oi.product_id
    ORDER BY 2 DESC
    LIMIT n
  $$;
