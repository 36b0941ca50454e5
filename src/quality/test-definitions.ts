/** How OpenMetadata types a test parameter; values arrive as strings and are read by their type. */
export type ParameterType = 'INT' | 'NUMBER' | 'STRING' | 'BOOLEAN' | 'ARRAY';

export interface ParameterSpec {
  name: string;
  type: ParameterType;
  required?: boolean;
}

export interface TestDefinition {
  name: string;
  entity: 'TABLE' | 'COLUMN';
  parameters: ParameterSpec[];
}

const p = (name: string, type: ParameterType, required = false): ParameterSpec => ({ name, type, required });
const between = (min: string, max: string, type: ParameterType = 'NUMBER') => [p(min, type), p(max, type)];

/** The test definitions OpenMetadata offers for Postgres tables and columns, with their parameters. */
export const TEST_DEFINITIONS: readonly TestDefinition[] = [
  { name: 'tableRowCountToBeBetween', entity: 'TABLE', parameters: between('minValue', 'maxValue', 'INT') },
  { name: 'tableRowCountToEqual', entity: 'TABLE', parameters: [p('value', 'INT', true)] },
  { name: 'tableColumnCountToBeBetween', entity: 'TABLE', parameters: between('minColValue', 'maxColValue', 'INT') },
  { name: 'tableColumnCountToEqual', entity: 'TABLE', parameters: [p('columnCount', 'INT', true)] },
  { name: 'tableColumnNameToExist', entity: 'TABLE', parameters: [p('columnName', 'STRING', true)] },
  { name: 'tableColumnToMatchSet', entity: 'TABLE', parameters: [p('columnNames', 'STRING', true), p('ordered', 'BOOLEAN')] },
  {
    name: 'tableRowInsertedCountToBeBetween',
    entity: 'TABLE',
    parameters: [p('min', 'INT'), p('max', 'INT'), p('columnName', 'STRING', true), p('rangeType', 'STRING', true), p('rangeInterval', 'INT', true)],
  },
  {
    name: 'tableCustomSQLQuery',
    entity: 'TABLE',
    parameters: [
      p('sqlExpression', 'STRING', true),
      p('strategy', 'STRING'),
      p('threshold', 'NUMBER'),
      p('operator', 'STRING'),
      p('partitionCondition', 'STRING'),
    ],
  },
  {
    name: 'tableDiff',
    entity: 'TABLE',
    parameters: [
      p('table2', 'STRING', true),
      p('keyColumns', 'ARRAY', true),
      p('table2.keyColumns', 'ARRAY'),
      p('useColumns', 'ARRAY'),
      p('threshold', 'INT'),
      p('where', 'STRING'),
      p('caseSensitiveColumns', 'BOOLEAN'),
    ],
  },
  { name: 'columnValuesToBeNotNull', entity: 'COLUMN', parameters: [] },
  { name: 'columnValuesToBeUnique', entity: 'COLUMN', parameters: [] },
  { name: 'columnValuesToBeBetween', entity: 'COLUMN', parameters: between('minValue', 'maxValue') },
  { name: 'columnValuesToMatchRegex', entity: 'COLUMN', parameters: [p('regex', 'STRING', true)] },
  { name: 'columnValuesToNotMatchRegex', entity: 'COLUMN', parameters: [p('forbiddenRegex', 'STRING', true)] },
  { name: 'columnValuesToBeInSet', entity: 'COLUMN', parameters: [p('allowedValues', 'ARRAY', true), p('matchEnum', 'BOOLEAN')] },
  { name: 'columnValuesToBeNotInSet', entity: 'COLUMN', parameters: [p('forbiddenValues', 'ARRAY', true)] },
  { name: 'columnValueLengthsToBeBetween', entity: 'COLUMN', parameters: between('minLength', 'maxLength', 'INT') },
  { name: 'columnValueMaxToBeBetween', entity: 'COLUMN', parameters: between('minValueForMaxInCol', 'maxValueForMaxInCol') },
  { name: 'columnValueMinToBeBetween', entity: 'COLUMN', parameters: between('minValueForMinInCol', 'maxValueForMinInCol') },
  { name: 'columnValueMeanToBeBetween', entity: 'COLUMN', parameters: between('minValueForMeanInCol', 'maxValueForMeanInCol') },
  { name: 'columnValueMedianToBeBetween', entity: 'COLUMN', parameters: between('minValueForMedianInCol', 'maxValueForMedianInCol') },
  { name: 'columnValueStdDevToBeBetween', entity: 'COLUMN', parameters: between('minValueForStdDevInCol', 'maxValueForStdDevInCol') },
  { name: 'columnValuesSumToBeBetween', entity: 'COLUMN', parameters: between('minValueForColSum', 'maxValueForColSum') },
  { name: 'columnValuesMissingCount', entity: 'COLUMN', parameters: [p('missingCountValue', 'INT', true), p('missingValueMatch', 'ARRAY')] },
];

const BY_NAME = new Map(TEST_DEFINITIONS.map((d) => [d.name, d]));

export const testDefinition = (name: string): TestDefinition | undefined => BY_NAME.get(name);
