/** Rows for the hr schema: 120 employees, salary history, time-off requests. */
import { FIRST_NAMES, LAST_NAMES } from './sample-values.js';
import { pick } from './sql-text.js';

export function hrRows(): string[] {
  return [
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
  ];
}
