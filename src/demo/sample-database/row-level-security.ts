/** Row level security on hr.salaries: readable only when the session sets app.department to hr or payroll. */

export function rowLevelSecurity(): string[] {
  return [
    `ALTER TABLE hr.salaries ENABLE ROW LEVEL SECURITY`,
    `CREATE POLICY salaries_hr_and_payroll_only ON hr.salaries FOR SELECT TO PUBLIC
  USING (current_setting('app.department', true) IN ('hr', 'payroll'))`,
  ];
}
