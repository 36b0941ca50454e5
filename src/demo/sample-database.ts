/**
 * Sample business database for the product demo: "Northwind Outdoor", a small
 * e-commerce company selling outdoor gear.
 *
 * `sampleDatabaseSql()` returns SQL statements (one per array element, no
 * trailing semicolons) to run in order, by a superuser, in an empty database.
 * The same statements work on Postgres 11 through 18 and produce the same,
 * deterministic data on every version (no random(): values come from
 * arithmetic on generate_series, so profiler results are reproducible).
 *
 * Contents: 5 schemas, 30 tables (one partitioned by month), 4 views, 1
 * materialized view, 2 enums, 2 domains, 2 functions, 2 procedures, 1 row
 * level security policy, comments on most tables and columns, and about
 * 12,000 rows (orders: 1,000; order items: ~2,500; web events: 3,000).
 *
 * Pure module: no database access here.
 */

export const SAMPLE_DATABASE_SCHEMAS = ['sales', 'inventory', 'hr', 'analytics', 'staging'] as const;

interface TableComments {
  readonly table: string;
  readonly description: string;
  readonly columns?: Readonly<Record<string, string>>;
}

function lit(text: string): string {
  return `'${text.replace(/'/g, "''")}'`;
}

/** `(ARRAY['a','b',...])[1 + (expr) % n]`: deterministic pick from a list. */
function pick(values: readonly string[], expr: string): string {
  return `(ARRAY[${values.map(lit).join(', ')}])[1 + (${expr}) % ${values.length}]`;
}

const FIRST_NAMES = [
  'Anna', 'Ben', 'Chloé', 'David', 'Elif', 'Farid', 'Greta', 'Hiro', 'Ines', 'Jonas', 'Kaja', 'Liam',
  'Maya', 'Noah', 'Olga', 'Pablo', 'Quinn', 'Rosa', 'Sven', 'Tara', 'Umar', 'Vera', 'Wei', 'Zoë',
] as const;
const LAST_NAMES = [
  'Schmidt', 'Martin', 'Rossi', 'García', 'Kowalski', 'Jansen', 'Nielsen', 'Dubois', 'Smith', 'Tanaka', 'Novak', 'Silva',
  'Müller', 'Andersson', 'Byrne', 'Costa', 'Ivanova', 'Kim', 'Larsen', 'Moreau', 'Nguyen', 'Okafor', 'Patel', 'Weber',
] as const;
const COUNTRIES = ['DE', 'FR', 'US', 'GB', 'NL', 'ES', 'IT', 'SE', 'PL', 'JP'] as const;

const SCHEMA_COMMENTS: Readonly<Record<(typeof SAMPLE_DATABASE_SCHEMAS)[number], string>> = {
  sales: 'Order-to-cash: customers, orders, payments, shipments and returns.',
  inventory: 'Product catalog, suppliers, warehouses, stock and purchasing.',
  hr: 'People data: employees, departments, positions and compensation.',
  analytics: 'Clickstream, marketing attribution and derived analytical models.',
  staging: 'Raw landing tables loaded by nightly imports before cleansing.',
};

const COMMENTS: readonly TableComments[] = [
  // hr
  {
    table: 'hr.office_locations',
    description: 'Company offices and sites.',
    columns: { location_id: 'Surrogate key.', city: 'City of the office.', country_code: 'ISO 3166-1 alpha-2 country code.', opened_on: 'Date the office opened.' },
  },
  {
    table: 'hr.departments',
    description: 'Organisational departments.',
    columns: {
      department_id: 'Surrogate key.',
      name: 'Department name; unique.',
      cost_center: 'Finance cost center code.',
      location_id: 'Main office of the department.',
      head_employee_id: 'Employee heading the department.',
    },
  },
  {
    table: 'hr.job_positions',
    description: 'Job positions and their seniority level.',
    columns: { position_id: 'Surrogate key.', title: 'Job title.', level: 'Seniority level, 1 (junior) to 5 (executive).', department_id: 'Department the position belongs to.' },
  },
  {
    table: 'hr.employees',
    description: 'All current and former employees.',
    columns: {
      employee_id: 'Employee number.',
      first_name: 'Given name.',
      last_name: 'Family name.',
      work_email: 'Corporate e-mail address; unique.',
      department_id: 'Current department.',
      position_id: 'Current position.',
      manager_id: 'Direct manager (self reference); NULL for the CEO.',
      employment_type: 'Contract type.',
      hired_on: 'First day of employment.',
      terminated_on: 'Last day of employment; NULL while employed.',
      location_id: 'Office the employee works from.',
    },
  },
  {
    table: 'hr.salaries',
    description: 'Salary history. Row level security: visible only when app.department is hr or payroll.',
    columns: {
      employee_id: 'Employee the salary applies to.',
      effective_from: 'Date from which the salary applies.',
      annual_salary: 'Gross annual salary.',
      currency: 'ISO 4217 currency code.',
      bonus_pct: 'Target bonus as a percentage of the annual salary.',
    },
  },
  {
    table: 'hr.time_off_requests',
    description: 'Vacation and leave requests.',
    columns: {
      request_id: 'Surrogate key.',
      employee_id: 'Requesting employee.',
      starts_on: 'First day off.',
      ends_on: 'Last day off.',
      kind: 'vacation, sick, parental or unpaid.',
      status: 'requested, approved or rejected.',
      approved_by: 'Manager who decided; NULL while pending.',
    },
  },
  // inventory
  {
    table: 'inventory.suppliers',
    description: 'Vendors we buy products from.',
    columns: { supplier_id: 'Surrogate key.', name: 'Legal name.', country_code: 'Country of the supplier.', contact_email: 'Purchasing contact.', rating: 'Internal rating from 1.0 to 5.0.' },
  },
  {
    table: 'inventory.product_categories',
    description: 'Two-level product category tree.',
    columns: { category_id: 'Surrogate key.', parent_category_id: 'Parent category; NULL for top-level categories.', name: 'Category name.' },
  },
  {
    table: 'inventory.products',
    description: 'Sellable products (the catalog).',
    columns: {
      product_id: 'Surrogate key.',
      sku: 'Stock keeping unit, e.g. OUT-00042; unique.',
      name: 'Product name shown in the shop.',
      category_id: 'Leaf category.',
      supplier_id: 'Main supplier.',
      unit_price: 'Current list price in EUR.',
      unit_cost: 'Purchase cost in EUR.',
      weight_kg: 'Shipping weight; NULL when unknown.',
      is_active: 'False when the product is delisted.',
      launched_on: 'Date the product went on sale.',
      attributes: 'Free-form attributes (color, size, material).',
    },
  },
  {
    table: 'inventory.warehouses',
    description: 'Fulfilment centers.',
    columns: {
      warehouse_id: 'Surrogate key.',
      code: 'Short warehouse code; unique.',
      city: 'City of the warehouse.',
      country_code: 'Country of the warehouse.',
      capacity_units: 'Storage capacity in pallet units.',
      manager_employee_id: 'Warehouse manager (hr.employees).',
    },
  },
  {
    table: 'inventory.stock_levels',
    description: 'Current stock per warehouse and product.',
    columns: {
      warehouse_id: 'Warehouse holding the stock.',
      product_id: 'Product in stock.',
      on_hand: 'Units physically present.',
      reserved: 'Units reserved for open orders.',
      reorder_point: 'Reorder when on_hand - reserved drops below this.',
    },
  },
  {
    table: 'inventory.purchase_orders',
    description: 'Orders placed with suppliers.',
    columns: {
      purchase_order_id: 'Surrogate key.',
      supplier_id: 'Supplier ordered from.',
      warehouse_id: 'Receiving warehouse.',
      ordered_on: 'Order date.',
      expected_on: 'Expected delivery date.',
      status: 'draft, sent, received or cancelled.',
      created_by_employee_id: 'Buyer who created the order.',
    },
  },
  {
    table: 'inventory.purchase_order_lines',
    description: 'Lines of supplier purchase orders.',
    columns: { purchase_order_id: 'Parent purchase order.', line_no: 'Line number within the order.', product_id: 'Product ordered.', quantity: 'Units ordered.', unit_cost: 'Agreed cost per unit.' },
  },
  // sales
  {
    table: 'sales.sales_channels',
    description: 'Channels through which orders are placed.',
    columns: { channel_id: 'Surrogate key.', code: 'Channel code; unique.', name: 'Display name.' },
  },
  {
    table: 'sales.customers',
    description: 'Registered customers. Contains PII.',
    columns: {
      customer_id: 'Surrogate key.',
      email: 'Login and contact e-mail; unique. PII.',
      first_name: 'Given name. PII.',
      last_name: 'Family name. PII.',
      country_code: 'Country of residence.',
      signup_date: 'Date the account was created.',
      marketing_opt_in: 'True when the customer accepts marketing e-mails.',
    },
  },
  {
    table: 'sales.customer_addresses',
    description: 'Billing and shipping addresses of customers.',
    columns: {
      address_id: 'Surrogate key.',
      customer_id: 'Owning customer.',
      address_type: 'billing or shipping.',
      street: 'Street and house number. PII.',
      city: 'City.',
      postal_code: 'Postal code.',
      country_code: 'Country.',
      is_default: 'Default address of its type.',
    },
  },
  {
    table: 'sales.promotions',
    description: 'Discount codes.',
    columns: { promotion_id: 'Surrogate key.', code: 'Code entered at checkout; unique.', discount_pct: 'Percentage discount.', starts_on: 'First valid day.', ends_on: 'Last valid day.' },
  },
  {
    table: 'sales.orders',
    description: 'Customer orders, one row per checkout.',
    columns: {
      order_id: 'Order number.',
      customer_id: 'Customer who placed the order.',
      channel_id: 'Sales channel.',
      promotion_id: 'Promotion applied, if any.',
      status: 'Lifecycle status.',
      ordered_at: 'Checkout time.',
      currency: 'ISO 4217 currency of the order.',
      shipping_address_id: 'Delivery address.',
    },
  },
  {
    table: 'sales.order_items',
    description: 'Order lines.',
    columns: {
      order_id: 'Parent order.',
      line_no: 'Line number within the order.',
      product_id: 'Product sold (inventory.products).',
      quantity: 'Units sold.',
      unit_price: 'Price per unit at order time.',
      discount_amount: 'Discount on the line.',
    },
  },
  {
    table: 'sales.payments',
    description: 'Captured payments.',
    columns: {
      payment_id: 'Surrogate key.',
      order_id: 'Order paid.',
      method: 'card, paypal, bank_transfer or gift_card.',
      amount: 'Amount captured.',
      captured_at: 'Capture time at the payment provider.',
      provider_reference: 'Payment provider transaction id.',
    },
  },
  {
    table: 'sales.shipments',
    description: 'Parcels shipped to customers.',
    columns: {
      shipment_id: 'Surrogate key.',
      order_id: 'Order shipped.',
      warehouse_id: 'Shipping warehouse (inventory.warehouses).',
      carrier: 'Parcel carrier.',
      shipped_at: 'Hand-over to the carrier.',
      delivered_at: 'Delivery confirmation; NULL while in transit.',
      tracking_number: 'Carrier tracking number.',
    },
  },
  {
    table: 'sales.returns',
    description: 'Returned order lines.',
    columns: { return_id: 'Surrogate key.', reason: 'Reason given by the customer.', requested_at: 'Return request time.', refunded_amount: 'Amount refunded.' },
  },
  // analytics
  {
    table: 'analytics.web_events',
    description: 'Clickstream events from the web shop and apps, partitioned by month.',
    columns: {
      event_id: 'Event id from the tracker.',
      occurred_at: 'Event time (partition key).',
      session_id: 'Browser or app session.',
      customer_id: 'Logged-in customer; NULL for anonymous visitors.',
      event_type: 'page_view, search, add_to_cart, checkout or purchase.',
      page_path: 'URL path.',
      device: 'desktop, mobile or tablet.',
      referrer: 'Referring site; NULL for direct traffic.',
      properties: 'Event-specific properties.',
    },
  },
  {
    table: 'analytics.marketing_campaigns',
    description: 'Marketing campaigns and their budgets.',
    columns: { campaign_id: 'Surrogate key.', name: 'Campaign name.', channel_id: 'Target sales channel.', budget: 'Budget in EUR.', starts_on: 'Start date.', ends_on: 'End date.' },
  },
  {
    table: 'analytics.campaign_attributions',
    description: 'Orders attributed to campaigns.',
    columns: { campaign_id: 'Campaign credited.', order_id: 'Attributed order.', touch_type: 'first_touch or last_touch.', attributed_revenue: 'Revenue credited to the campaign.' },
  },
  {
    table: 'analytics.customer_segments',
    description: 'RFM segmentation of customers, recomputed nightly.',
    columns: { customer_id: 'Segmented customer.', segment: 'champions, loyal, promising, at_risk or new.', rfm_score: 'Combined recency-frequency-monetary score.', computed_at: 'Date of the computation.' },
  },
  // staging
  {
    table: 'staging.raw_orders_import',
    description: 'Orders imported from the legacy marketplace CSV export, untyped.',
    columns: {
      source_file: 'Name of the imported file.',
      raw_customer_email: 'E-mail as received; not validated.',
      raw_amount: 'Amount as text; mixes decimal separators.',
      raw_ordered_at: 'Order time as text in several formats.',
    },
  },
  {
    table: 'staging.raw_product_feed',
    description: 'Supplier product feed, one JSON document per row.',
    columns: { payload: 'Feed item as delivered by the supplier.' },
  },
  { table: 'staging.raw_web_events', description: 'Tracker events before deduplication (no primary key).' },
  {
    table: 'staging.load_audit',
    description: 'One row per nightly load job run.',
    columns: { target_table: 'Table loaded.', rows_loaded: 'Rows written.', status: 'succeeded or failed.', error_message: 'Failure reason.' },
  },
  // views
  { table: 'sales.order_summary_v', description: 'One row per order with customer and order value.' },
  { table: 'sales.customer_lifetime_value_v', description: 'Lifetime value per customer (built on sales.order_summary_v).' },
  { table: 'hr.employee_directory_v', description: 'Employee directory without compensation data.' },
  { table: 'analytics.product_performance_v', description: 'Units and revenue per product and category.' },
  { table: 'analytics.monthly_revenue_mv', description: 'Monthly captured revenue per channel (materialized).' },
];

const VIEW_KINDS: Readonly<Record<string, 'VIEW' | 'MATERIALIZED VIEW'>> = {
  'sales.order_summary_v': 'VIEW',
  'sales.customer_lifetime_value_v': 'VIEW',
  'hr.employee_directory_v': 'VIEW',
  'analytics.product_performance_v': 'VIEW',
  'analytics.monthly_revenue_mv': 'MATERIALIZED VIEW',
};

function ddl(): string[] {
  return [
    ...SAMPLE_DATABASE_SCHEMAS.map((s) => `CREATE SCHEMA ${s}`),

    // Types.
    `CREATE TYPE sales.order_status AS ENUM ('pending', 'paid', 'shipped', 'delivered', 'cancelled', 'refunded')`,
    `CREATE TYPE hr.employment_type AS ENUM ('full_time', 'part_time', 'contractor', 'intern')`,
    `CREATE DOMAIN sales.email_address AS text CHECK (VALUE ~ '^[^@[:space:]]+@[^@[:space:]]+[.][a-z]{2,}$')`,
    `CREATE DOMAIN inventory.sku_code AS varchar(16) CHECK (VALUE ~ '^[A-Z]{3}-[0-9]{5}$')`,

    // hr.
    `CREATE TABLE hr.office_locations (
  location_id integer PRIMARY KEY,
  city text NOT NULL,
  country_code char(2) NOT NULL,
  opened_on date
)`,
    `CREATE TABLE hr.departments (
  department_id integer PRIMARY KEY,
  name text NOT NULL UNIQUE,
  cost_center varchar(10) NOT NULL,
  location_id integer REFERENCES hr.office_locations (location_id),
  head_employee_id integer
)`,
    `CREATE TABLE hr.job_positions (
  position_id integer PRIMARY KEY,
  title text NOT NULL,
  level smallint NOT NULL CHECK (level BETWEEN 1 AND 5),
  department_id integer NOT NULL REFERENCES hr.departments (department_id)
)`,
    `CREATE TABLE hr.employees (
  employee_id integer PRIMARY KEY,
  first_name text NOT NULL,
  last_name text NOT NULL,
  work_email text NOT NULL UNIQUE,
  department_id integer NOT NULL REFERENCES hr.departments (department_id),
  position_id integer REFERENCES hr.job_positions (position_id),
  manager_id integer REFERENCES hr.employees (employee_id),
  employment_type hr.employment_type NOT NULL DEFAULT 'full_time',
  hired_on date NOT NULL,
  terminated_on date,
  location_id integer REFERENCES hr.office_locations (location_id),
  CHECK (terminated_on IS NULL OR terminated_on >= hired_on)
)`,
    `ALTER TABLE hr.departments ADD CONSTRAINT departments_head_employee_id_fkey
  FOREIGN KEY (head_employee_id) REFERENCES hr.employees (employee_id)`,
    `CREATE TABLE hr.salaries (
  employee_id integer NOT NULL REFERENCES hr.employees (employee_id),
  effective_from date NOT NULL,
  annual_salary numeric(12,2) NOT NULL CHECK (annual_salary > 0),
  currency char(3) NOT NULL DEFAULT 'EUR',
  bonus_pct numeric(5,2) NOT NULL DEFAULT 0,
  PRIMARY KEY (employee_id, effective_from)
)`,
    `CREATE TABLE hr.time_off_requests (
  request_id integer PRIMARY KEY,
  employee_id integer NOT NULL REFERENCES hr.employees (employee_id),
  starts_on date NOT NULL,
  ends_on date NOT NULL,
  kind text NOT NULL CHECK (kind IN ('vacation', 'sick', 'parental', 'unpaid')),
  status text NOT NULL DEFAULT 'requested' CHECK (status IN ('requested', 'approved', 'rejected')),
  approved_by integer REFERENCES hr.employees (employee_id),
  CHECK (ends_on >= starts_on)
)`,

    // inventory.
    `CREATE TABLE inventory.suppliers (
  supplier_id integer PRIMARY KEY,
  name text NOT NULL,
  country_code char(2) NOT NULL,
  contact_email text,
  rating numeric(2,1) CHECK (rating BETWEEN 1 AND 5)
)`,
    `CREATE TABLE inventory.product_categories (
  category_id integer PRIMARY KEY,
  parent_category_id integer REFERENCES inventory.product_categories (category_id),
  name text NOT NULL
)`,
    `CREATE TABLE inventory.products (
  product_id bigint PRIMARY KEY,
  sku inventory.sku_code NOT NULL UNIQUE,
  name text NOT NULL,
  category_id integer NOT NULL REFERENCES inventory.product_categories (category_id),
  supplier_id integer NOT NULL REFERENCES inventory.suppliers (supplier_id),
  unit_price numeric(10,2) NOT NULL CHECK (unit_price >= 0),
  unit_cost numeric(10,2) NOT NULL CHECK (unit_cost >= 0),
  weight_kg numeric(6,2),
  is_active boolean NOT NULL DEFAULT true,
  launched_on date NOT NULL,
  attributes jsonb NOT NULL DEFAULT '{}'
)`,
    `CREATE TABLE inventory.warehouses (
  warehouse_id integer PRIMARY KEY,
  code varchar(10) NOT NULL UNIQUE,
  city text NOT NULL,
  country_code char(2) NOT NULL,
  capacity_units integer NOT NULL,
  manager_employee_id integer REFERENCES hr.employees (employee_id)
)`,
    `CREATE TABLE inventory.stock_levels (
  warehouse_id integer NOT NULL REFERENCES inventory.warehouses (warehouse_id),
  product_id bigint NOT NULL REFERENCES inventory.products (product_id),
  on_hand integer NOT NULL DEFAULT 0 CHECK (on_hand >= 0),
  reserved integer NOT NULL DEFAULT 0 CHECK (reserved >= 0),
  reorder_point integer NOT NULL DEFAULT 10,
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (warehouse_id, product_id)
)`,
    `CREATE TABLE inventory.purchase_orders (
  purchase_order_id integer PRIMARY KEY,
  supplier_id integer NOT NULL REFERENCES inventory.suppliers (supplier_id),
  warehouse_id integer NOT NULL REFERENCES inventory.warehouses (warehouse_id),
  ordered_on date NOT NULL,
  expected_on date,
  status text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'sent', 'received', 'cancelled')),
  created_by_employee_id integer REFERENCES hr.employees (employee_id)
)`,
    `CREATE TABLE inventory.purchase_order_lines (
  purchase_order_id integer NOT NULL REFERENCES inventory.purchase_orders (purchase_order_id) ON DELETE CASCADE,
  line_no smallint NOT NULL,
  product_id bigint NOT NULL REFERENCES inventory.products (product_id),
  quantity integer NOT NULL CHECK (quantity > 0),
  unit_cost numeric(10,2) NOT NULL,
  PRIMARY KEY (purchase_order_id, line_no)
)`,

    // sales.
    `CREATE TABLE sales.sales_channels (
  channel_id smallint PRIMARY KEY,
  code text NOT NULL UNIQUE,
  name text NOT NULL
)`,
    `CREATE TABLE sales.customers (
  customer_id bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
  email sales.email_address NOT NULL UNIQUE,
  first_name text NOT NULL,
  last_name text NOT NULL,
  country_code char(2) NOT NULL,
  signup_date date NOT NULL,
  marketing_opt_in boolean NOT NULL DEFAULT false,
  created_at timestamptz NOT NULL DEFAULT now()
)`,
    `CREATE TABLE sales.customer_addresses (
  address_id bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
  customer_id bigint NOT NULL REFERENCES sales.customers (customer_id),
  address_type text NOT NULL CHECK (address_type IN ('billing', 'shipping')),
  street text NOT NULL,
  city text NOT NULL,
  postal_code varchar(10),
  country_code char(2) NOT NULL,
  is_default boolean NOT NULL DEFAULT true
)`,
    `CREATE TABLE sales.promotions (
  promotion_id integer PRIMARY KEY,
  code varchar(20) NOT NULL UNIQUE,
  discount_pct numeric(5,2) NOT NULL CHECK (discount_pct > 0 AND discount_pct <= 100),
  starts_on date NOT NULL,
  ends_on date NOT NULL
)`,
    `CREATE TABLE sales.orders (
  order_id bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
  customer_id bigint NOT NULL REFERENCES sales.customers (customer_id),
  channel_id smallint NOT NULL REFERENCES sales.sales_channels (channel_id),
  promotion_id integer REFERENCES sales.promotions (promotion_id),
  status sales.order_status NOT NULL DEFAULT 'pending',
  ordered_at timestamptz NOT NULL,
  currency char(3) NOT NULL DEFAULT 'EUR',
  shipping_address_id bigint REFERENCES sales.customer_addresses (address_id)
)`,
    `CREATE INDEX orders_customer_id_idx ON sales.orders (customer_id)`,
    `CREATE INDEX orders_ordered_at_idx ON sales.orders (ordered_at)`,
    `CREATE TABLE sales.order_items (
  order_id bigint NOT NULL REFERENCES sales.orders (order_id) ON DELETE CASCADE,
  line_no smallint NOT NULL,
  product_id bigint NOT NULL REFERENCES inventory.products (product_id),
  quantity integer NOT NULL CHECK (quantity > 0),
  unit_price numeric(10,2) NOT NULL,
  discount_amount numeric(10,2) NOT NULL DEFAULT 0,
  PRIMARY KEY (order_id, line_no)
)`,
    `CREATE TABLE sales.payments (
  payment_id bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
  order_id bigint NOT NULL REFERENCES sales.orders (order_id),
  method text NOT NULL,
  amount numeric(12,2) NOT NULL CHECK (amount >= 0),
  captured_at timestamptz NOT NULL,
  provider_reference text
)`,
    `CREATE TABLE sales.shipments (
  shipment_id bigint PRIMARY KEY,
  order_id bigint NOT NULL REFERENCES sales.orders (order_id),
  warehouse_id integer NOT NULL REFERENCES inventory.warehouses (warehouse_id),
  carrier text NOT NULL,
  shipped_at timestamptz NOT NULL,
  delivered_at timestamptz,
  tracking_number text
)`,
    `CREATE TABLE sales.returns (
  return_id integer PRIMARY KEY,
  order_id bigint NOT NULL,
  line_no smallint NOT NULL,
  reason text NOT NULL,
  requested_at timestamptz NOT NULL,
  refunded_amount numeric(12,2),
  FOREIGN KEY (order_id, line_no) REFERENCES sales.order_items (order_id, line_no)
)`,

    // analytics.
    `CREATE TABLE analytics.web_events (
  event_id bigint NOT NULL,
  occurred_at timestamptz NOT NULL,
  session_id uuid NOT NULL,
  customer_id bigint REFERENCES sales.customers (customer_id),
  event_type text NOT NULL,
  page_path text NOT NULL,
  device text NOT NULL,
  referrer text,
  properties jsonb,
  PRIMARY KEY (event_id, occurred_at)
) PARTITION BY RANGE (occurred_at)`,
    ...Array.from({ length: 12 }, (_, i) => {
      const month = String(i + 1).padStart(2, '0');
      const next = i === 11 ? '2025-01-01' : `2024-${String(i + 2).padStart(2, '0')}-01`;
      return `CREATE TABLE analytics.web_events_2024_${month} PARTITION OF analytics.web_events
  FOR VALUES FROM ('2024-${month}-01 00:00:00+00') TO ('${next} 00:00:00+00')`;
    }),
    `CREATE TABLE analytics.web_events_default PARTITION OF analytics.web_events DEFAULT`,
    `CREATE TABLE analytics.marketing_campaigns (
  campaign_id integer PRIMARY KEY,
  name text NOT NULL,
  channel_id smallint REFERENCES sales.sales_channels (channel_id),
  budget numeric(12,2) NOT NULL,
  starts_on date NOT NULL,
  ends_on date NOT NULL
)`,
    `CREATE TABLE analytics.campaign_attributions (
  attribution_id bigint PRIMARY KEY,
  campaign_id integer NOT NULL REFERENCES analytics.marketing_campaigns (campaign_id),
  order_id bigint NOT NULL REFERENCES sales.orders (order_id),
  touch_type text NOT NULL,
  attributed_revenue numeric(12,2) NOT NULL
)`,
    `CREATE TABLE analytics.customer_segments (
  customer_id bigint PRIMARY KEY REFERENCES sales.customers (customer_id),
  segment text NOT NULL,
  rfm_score smallint NOT NULL,
  computed_at date NOT NULL
)`,

    // staging.
    `CREATE TABLE staging.raw_orders_import (
  import_id bigint PRIMARY KEY,
  source_file text NOT NULL,
  loaded_at timestamptz NOT NULL,
  raw_customer_email text,
  raw_amount text,
  raw_currency text,
  raw_ordered_at text
)`,
    `CREATE TABLE staging.raw_product_feed (
  feed_row_id bigint PRIMARY KEY,
  supplier_id integer,
  received_at timestamptz NOT NULL,
  payload jsonb NOT NULL
)`,
    `CREATE TABLE staging.raw_web_events (
  received_at timestamptz NOT NULL,
  body jsonb
)`,
    `CREATE TABLE staging.load_audit (
  load_id integer PRIMARY KEY,
  target_table text NOT NULL,
  rows_loaded integer,
  started_at timestamptz NOT NULL,
  finished_at timestamptz,
  status text NOT NULL,
  error_message text
)`,
  ];
}

function routines(): string[] {
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

function data(): string[] {
  const ts2024 = "timestamptz '2024-01-01 00:00:00+00'";
  return [
    // hr
    `INSERT INTO hr.office_locations (location_id, city, country_code, opened_on) VALUES
  (1, 'Berlin', 'DE', '2016-04-01'), (2, 'Amsterdam', 'NL', '2018-09-15'), (3, 'Lyon', 'FR', '2019-02-01'),
  (4, 'Denver', 'US', '2021-05-10'), (5, 'Kraków', 'PL', '2022-10-03')`,
    `INSERT INTO hr.departments (department_id, name, cost_center, location_id) VALUES
  (1, 'Executive', 'CC-100', 1), (2, 'Engineering', 'CC-200', 1), (3, 'Data & Analytics', 'CC-210', 2),
  (4, 'Marketing', 'CC-300', 2), (5, 'Customer Service', 'CC-400', 5), (6, 'Logistics', 'CC-500', 3),
  (7, 'Finance', 'CC-600', 1), (8, 'People', 'CC-700', 4)`,
    `INSERT INTO hr.job_positions (position_id, title, level, department_id) VALUES
  (1, 'Chief Executive Officer', 5, 1), (2, 'Head of Department', 4, 1), (3, 'Software Engineer', 2, 2),
  (4, 'Senior Software Engineer', 3, 2), (5, 'Data Analyst', 2, 3), (6, 'Data Engineer', 3, 3),
  (7, 'Marketing Manager', 3, 4), (8, 'Support Agent', 1, 5), (9, 'Warehouse Associate', 1, 6),
  (10, 'Logistics Planner', 2, 6), (11, 'Accountant', 2, 7), (12, 'HR Business Partner', 3, 8)`,
    // Employees 1..8 head departments 1..8; employee 1 is the CEO.
    `INSERT INTO hr.employees (employee_id, first_name, last_name, work_email, department_id, position_id, manager_id,
  employment_type, hired_on, terminated_on, location_id)
SELECT g, x.fn, x.ln,
  lower(x.fn_ascii) || '.' || lower(x.ln_ascii) || '.' || g || '@northwind-outdoor.example',
  x.dept,
  CASE WHEN g = 1 THEN 1 WHEN g <= 8 THEN 2
       ELSE (ARRAY[3, 5, 7, 8, 9, 11, 12, 4, 6, 10])[1 + g % 10] END,
  CASE WHEN g = 1 THEN NULL WHEN g <= 8 THEN 1 ELSE x.dept END,
  (CASE WHEN g % 17 = 0 THEN 'contractor' WHEN g % 23 = 0 THEN 'intern' WHEN g % 11 = 0 THEN 'part_time' ELSE 'full_time' END)::hr.employment_type,
  date '2016-04-01' + (g * 53 % 2900),
  CASE WHEN g > 8 AND g % 19 = 0 THEN date '2016-04-01' + (g * 53 % 2900) + 400 END,
  1 + (g * 3) % 5
FROM generate_series(1, 120) AS g
CROSS JOIN LATERAL (
  SELECT ${pick(FIRST_NAMES, 'g * 5')} AS fn, ${pick(LAST_NAMES, 'g * 7')} AS ln,
         translate(${pick(FIRST_NAMES, 'g * 5')}, 'éëüíá', 'eeuia') AS fn_ascii,
         translate(${pick(LAST_NAMES, 'g * 7')}, 'éëüíá', 'eeuia') AS ln_ascii,
         CASE WHEN g <= 8 THEN g ELSE 2 + g % 7 END AS dept
) AS x`,
    `UPDATE hr.departments SET head_employee_id = department_id`,
    `INSERT INTO hr.salaries (employee_id, effective_from, annual_salary, currency, bonus_pct)
SELECT e.employee_id, e.hired_on,
  round((38000 + p.level * 14000 + (e.employee_id * 977) % 9000)::numeric, -2),
  CASE WHEN e.location_id = 4 THEN 'USD' ELSE 'EUR' END,
  CASE WHEN p.level >= 4 THEN 20 WHEN p.level = 3 THEN 10 ELSE 5 END
FROM hr.employees e JOIN hr.job_positions p ON p.position_id = e.position_id`,
    `INSERT INTO hr.salaries (employee_id, effective_from, annual_salary, currency, bonus_pct)
SELECT s.employee_id, s.effective_from + 365, round(s.annual_salary * 1.04, -2), s.currency, s.bonus_pct
FROM hr.salaries s
JOIN hr.employees e ON e.employee_id = s.employee_id
WHERE e.terminated_on IS NULL AND s.effective_from < date '2023-01-01' AND e.employee_id % 3 <> 0`,
    `INSERT INTO hr.time_off_requests (request_id, employee_id, starts_on, ends_on, kind, status, approved_by)
SELECT g, e.employee_id, d.starts_on, d.starts_on + (g % 10), d.kind, d.status,
  CASE WHEN d.status <> 'requested' THEN e.manager_id END
FROM generate_series(1, 200) AS g
JOIN hr.employees e ON e.employee_id = 2 + (g * 37) % 119
CROSS JOIN LATERAL (
  SELECT date '2024-01-08' + (g * 29 % 350) AS starts_on,
         ${pick(['vacation', 'vacation', 'vacation', 'sick', 'sick', 'parental', 'unpaid'], 'g')} AS kind,
         ${pick(['approved', 'approved', 'approved', 'rejected', 'requested'], 'g * 3')} AS status
) AS d`,

    // inventory
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
  ${ts2024} + ((w * 7 + p) % 366) * interval '1 day'
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

    // sales
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
  ${ts2024} + (((g - 1) * 366) / 1000) * interval '1 day' + ((g * 7919) % 86400) * interval '1 second',
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

    // analytics
    `INSERT INTO analytics.web_events (event_id, occurred_at, session_id, customer_id, event_type, page_path, device, referrer, properties)
SELECT g,
  ${ts2024} + ((g::bigint * 10487) % (366 * 86400)) * interval '1 second',
  md5('session-' || (g / 6))::uuid,
  CASE WHEN g % 3 = 0 THEN NULL ELSE 1 + (g / 6 * 31) % 500 END,
  x.event_type,
  CASE x.event_type
    WHEN 'page_view' THEN '/products/' || (1 + (g * 13) % 150)
    WHEN 'search' THEN '/search'
    WHEN 'add_to_cart' THEN '/cart'
    WHEN 'checkout' THEN '/checkout'
    ELSE '/checkout/complete' END,
  ${pick(['desktop', 'desktop', 'mobile', 'mobile', 'mobile', 'tablet'], 'g / 6')},
  CASE WHEN g % 4 = 0 THEN ${pick(['https://www.google.com/', 'https://www.instagram.com/', 'https://newsletter.example/', 'https://www.bing.com/'], 'g / 4')} END,
  CASE x.event_type
    WHEN 'search' THEN jsonb_build_object('query', ${pick(['tent', 'rain jacket', 'boots', 'headlamp', 'merino'], 'g')})
    WHEN 'add_to_cart' THEN jsonb_build_object('product_id', 1 + (g * 13) % 150, 'quantity', 1 + g % 2)
    ELSE NULL END
FROM generate_series(1, 3000) AS g
CROSS JOIN LATERAL (SELECT ${pick(['page_view', 'page_view', 'page_view', 'page_view', 'page_view', 'search', 'search', 'add_to_cart', 'checkout', 'purchase'], 'g')} AS event_type) AS x`,
    `INSERT INTO analytics.marketing_campaigns (campaign_id, name, channel_id, budget, starts_on, ends_on)
SELECT g, to_char(date '2024-01-01' + (g - 1) * 30, 'Mon YYYY') || ' ' || ${pick(['Newsletter', 'Search Ads', 'Social', 'Influencer'], 'g')},
  CASE WHEN g % 5 = 0 THEN NULL ELSE 1 + g % 3 END,
  5000 + (g * 1750) % 20000,
  date '2024-01-01' + (g - 1) * 30, date '2024-01-01' + (g - 1) * 30 + 27
FROM generate_series(1, 12) AS g`,
    `INSERT INTO analytics.campaign_attributions (attribution_id, campaign_id, order_id, touch_type, attributed_revenue)
SELECT g, 1 + floor(extract(epoch FROM o.ordered_at - ${ts2024}) / (30 * 86400))::integer, o.order_id,
  CASE WHEN g % 2 = 0 THEN 'first_touch' ELSE 'last_touch' END,
  round(sales.order_total(o.order_id) * CASE WHEN g % 2 = 0 THEN 0.4 ELSE 0.6 END, 2)
FROM generate_series(1, 400) AS g
JOIN sales.orders o ON o.order_id = 1 + (g * 7) % 1000
WHERE o.ordered_at < ${ts2024} + interval '360 days'`,
    `INSERT INTO analytics.customer_segments (customer_id, segment, rfm_score, computed_at)
SELECT c.customer_id,
  CASE WHEN s.orders >= 5 THEN 'champions' WHEN s.orders >= 3 THEN 'loyal' WHEN s.orders = 2 THEN 'promising'
       WHEN s.orders = 1 AND s.last_order < ${ts2024} + interval '180 days' THEN 'at_risk' ELSE 'new' END,
  least(s.orders, 5) * 100 + (c.customer_id % 50),
  date '2025-01-01'
FROM sales.customers c
CROSS JOIN LATERAL (SELECT count(*)::int AS orders, max(o.ordered_at) AS last_order FROM sales.orders o WHERE o.customer_id = c.customer_id) AS s`,

    // staging: deliberately messy.
    `INSERT INTO staging.raw_orders_import (import_id, source_file, loaded_at, raw_customer_email, raw_amount, raw_currency, raw_ordered_at)
SELECT g, 'marketplace_export_2024_' || lpad((1 + g % 12)::text, 2, '0') || '.csv',
  ${ts2024} + (g % 12) * interval '1 month' + interval '2 hours',
  CASE WHEN g % 15 = 0 THEN NULL WHEN g % 11 = 0 THEN 'not-an-email' ELSE 'buyer' || g || '@marketplace.example' END,
  CASE WHEN g % 9 = 0 THEN '' WHEN g % 4 = 0 THEN replace(((g * 37) % 500 + 0.99)::text, '.', ',') ELSE ((g * 37) % 500 + 0.99)::text END,
  CASE WHEN g % 8 = 0 THEN NULL ELSE ${pick(['EUR', 'eur', 'USD', 'EUR '], 'g')} END,
  CASE WHEN g % 3 = 0 THEN to_char(date '2024-01-01' + g, 'DD.MM.YYYY') ELSE to_char(date '2024-01-01' + g, 'YYYY-MM-DD') || 'T10:15:00Z' END
FROM generate_series(1, 200) AS g`,
    `INSERT INTO staging.raw_product_feed (feed_row_id, supplier_id, received_at, payload)
SELECT g, CASE WHEN g % 20 = 0 THEN NULL ELSE 1 + g % 15 END,
  ${ts2024} + (g % 30) * interval '1 day',
  jsonb_build_object('supplier_sku', 'SUP-' || (1000 + g), 'title', ${pick(['Tent 2P', 'Rain Jacket', 'Merino Tee', 'Trail Shoe', 'Head Torch'], 'g')},
                     'price', (g * 7 % 300) + 0.5, 'in_stock', g % 4 <> 0)
FROM generate_series(1, 150) AS g`,
    `INSERT INTO staging.raw_web_events (received_at, body)
SELECT ${ts2024} + (g * 97) * interval '1 minute',
  CASE WHEN g % 25 = 0 THEN NULL
       ELSE jsonb_build_object('event', ${pick(['page_view', 'search', 'add_to_cart'], 'g')}, 'path', '/products/' || (1 + g % 150), 'ua', ${pick(['Mozilla/5.0', 'NorthwindApp/3.2 iOS', 'NorthwindApp/3.1 Android'], 'g')}) END
FROM generate_series(1, 300) AS g`,
    `INSERT INTO staging.raw_web_events (received_at, body)
SELECT received_at, body FROM staging.raw_web_events WHERE body IS NOT NULL AND (body->>'path') LIKE '%7'`,
    `INSERT INTO staging.load_audit (load_id, target_table, rows_loaded, started_at, finished_at, status, error_message)
SELECT g, ${pick(['staging.raw_orders_import', 'staging.raw_product_feed', 'staging.raw_web_events'], 'g')},
  CASE WHEN g % 10 = 0 THEN NULL ELSE 50 + (g * 37) % 400 END,
  ${ts2024} + g * interval '12 hours',
  CASE WHEN g % 10 = 0 THEN NULL ELSE ${ts2024} + g * interval '12 hours' + (30 + g % 200) * interval '1 second' END,
  CASE WHEN g % 10 = 0 THEN 'failed' ELSE 'succeeded' END,
  CASE WHEN g % 10 = 0 THEN 'connection reset by peer' END
FROM generate_series(1, 30) AS g`,
  ];
}

function views(): string[] {
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

function security(): string[] {
  return [
    `ALTER TABLE hr.salaries ENABLE ROW LEVEL SECURITY`,
    `CREATE POLICY salaries_hr_and_payroll_only ON hr.salaries FOR SELECT TO PUBLIC
  USING (current_setting('app.department', true) IN ('hr', 'payroll'))`,
  ];
}

function comments(): string[] {
  const out: string[] = SAMPLE_DATABASE_SCHEMAS.map((s) => `COMMENT ON SCHEMA ${s} IS ${lit(SCHEMA_COMMENTS[s])}`);
  for (const t of COMMENTS) {
    out.push(`COMMENT ON ${VIEW_KINDS[t.table] ?? 'TABLE'} ${t.table} IS ${lit(t.description)}`);
    for (const [column, text] of Object.entries(t.columns ?? {})) {
      out.push(`COMMENT ON COLUMN ${t.table}.${column} IS ${lit(text)}`);
    }
  }
  return out;
}

export function sampleDatabaseSql(): string[] {
  return [...ddl(), ...routines(), ...data(), ...views(), ...security(), ...comments(), 'ANALYZE'];
}
