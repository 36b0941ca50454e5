/** inventory schema: suppliers, product catalog, warehouses, stock and purchasing. */
import type { TableComments } from './comments.js';

export function inventoryTables(): string[] {
  return [
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
  ];
}

export const INVENTORY_TABLE_COMMENTS: readonly TableComments[] = [
  {
    table: 'inventory.suppliers',
    description: 'Vendors we buy products from.',
    columns: {
      supplier_id: 'Surrogate key.',
      name: 'Legal name.',
      country_code: 'Country of the supplier.',
      contact_email: 'Purchasing contact.',
      rating: 'Internal rating from 1.0 to 5.0.',
    },
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
    columns: {
      purchase_order_id: 'Parent purchase order.',
      line_no: 'Line number within the order.',
      product_id: 'Product ordered.',
      quantity: 'Units ordered.',
      unit_cost: 'Agreed cost per unit.',
    },
  },
];
