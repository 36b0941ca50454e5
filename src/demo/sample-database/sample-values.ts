/** Value pools the row generators pick from, shared by several schemas. */

export const FIRST_NAMES = [
  'Anna', 'Ben', 'Chloé', 'David', 'Elif', 'Farid', 'Greta', 'Hiro', 'Ines', 'Jonas', 'Kaja', 'Liam',
  'Maya', 'Noah', 'Olga', 'Pablo', 'Quinn', 'Rosa', 'Sven', 'Tara', 'Umar', 'Vera', 'Wei', 'Zoë',
] as const;
export const LAST_NAMES = [
  'Schmidt', 'Martin', 'Rossi', 'García', 'Kowalski', 'Jansen', 'Nielsen', 'Dubois', 'Smith', 'Tanaka', 'Novak', 'Silva',
  'Müller', 'Andersson', 'Byrne', 'Costa', 'Ivanova', 'Kim', 'Larsen', 'Moreau', 'Nguyen', 'Okafor', 'Patel', 'Weber',
] as const;
export const COUNTRIES = ['DE', 'FR', 'US', 'GB', 'NL', 'ES', 'IT', 'SE', 'PL', 'JP'] as const;

/** Start of the sample year; every generated timestamp is an offset from it so the data never depends on now(). */
export const YEAR_START = "timestamptz '2024-01-01 00:00:00+00'";
