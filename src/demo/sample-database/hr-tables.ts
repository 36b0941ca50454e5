/** hr schema: offices, departments, positions, employees, salaries, time off. */
import type { TableComments } from './comments.js';

export function hrTables(): string[] {
  return [
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
  ];
}

export const HR_TABLE_COMMENTS: readonly TableComments[] = [
  {
    table: 'hr.office_locations',
    description: 'Company offices and sites.',
    columns: {
      location_id: 'Surrogate key.',
      city: 'City of the office.',
      country_code: 'ISO 3166-1 alpha-2 country code.',
      opened_on: 'Date the office opened.',
    },
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
    columns: {
      position_id: 'Surrogate key.',
      title: 'Job title.',
      level: 'Seniority level, 1 (junior) to 5 (executive).',
      department_id: 'Department the position belongs to.',
    },
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
];
