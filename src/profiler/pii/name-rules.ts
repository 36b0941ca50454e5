import type { PiiVerdict } from './pii-tags.js';

/** A column name in lower-case words: `customerEMail_2` → customer, e, mail, 2. */
export function nameWords(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
}

interface NameRule {
  tag: PiiVerdict['tag'];
  what: string;
  /** Word sequences, any of which (consecutive in the name) makes the rule match. */
  words: string[][];
  /** Applies to date and time columns too (a birth date is one). */
  dates?: boolean;
}

const w = (...phrases: string[]): string[][] => phrases.map((p) => p.split(' '));

// Sensitive and non-sensitive personal data by column name, after the categories OpenMetadata's name scanner knows.
const RULES: NameRule[] = [
  { tag: 'PII.Sensitive', what: 'a password', words: w('password', 'passwd', 'pwd', 'pass word') },
  { tag: 'PII.Sensitive', what: 'a social security number', words: w('ssn', 'social security', 'sin number') },
  {
    tag: 'PII.Sensitive',
    what: 'a card number',
    words: w('credit card', 'card number', 'card num', 'card no', 'cc number', 'pan', 'creditcard', 'cvv', 'cvc'),
  },
  {
    tag: 'PII.Sensitive',
    what: 'a bank account',
    words: w('bank account', 'bank acc', 'account number', 'account num', 'iban', 'bic', 'swift', 'routing number'),
  },
  { tag: 'PII.Sensitive', what: 'an e-mail address', words: w('email', 'e mail', 'mail address', 'mail') },
  {
    tag: 'PII.Sensitive',
    what: "a person's name",
    words: w(
      'first name',
      'last name',
      'full name',
      'maiden name',
      'middle name',
      'nick name',
      'nickname',
      'firstname',
      'lastname',
      'fullname',
      'surname',
      'given name',
      'family name',
      'user name',
      'username',
      'person name',
      'customer name',
      'client name',
      'name suffix',
    ),
  },
  {
    tag: 'PII.Sensitive',
    what: 'an identity document',
    words: w('passport', 'national id', 'tax id', 'nino', 'driver license', 'drivers license', 'driving licence'),
  },
  { tag: 'PII.Sensitive', what: 'an IP address', words: w('ip address', 'ip addr', 'ip', 'ipv4', 'ipv6') },
  {
    tag: 'PII.NonSensitive',
    what: 'a birth or death date',
    words: w('date of birth', 'dob', 'birth date', 'birthdate', 'birthday', 'date of death'),
    dates: true,
  },
  { tag: 'PII.NonSensitive', what: 'a gender', words: w('gender', 'sex') },
  { tag: 'PII.NonSensitive', what: 'a nationality', words: w('nationality', 'citizenship') },
  {
    tag: 'PII.NonSensitive',
    what: 'an address',
    words: w('address', 'street', 'city', 'county', 'country', 'zip', 'zipcode', 'zip code', 'postal code', 'postcode', 'post code', 'borough'),
  },
  { tag: 'PII.NonSensitive', what: 'a phone number', words: w('phone', 'telephone', 'mobile', 'cell phone', 'fax') },
];

const containsRun = (words: string[], run: string[]): boolean => words.some((_, i) => run.every((part, j) => words[i + j] === part));

/** Booleans say something about a person's data, not the data itself (`email_verified`); counts and ids likewise. */
const NOT_DATA = new Set(['verified', 'confirmed', 'count', 'enabled', 'flag', 'opt', 'optin', 'hash', 'hashed', 'id', 'type', 'format', 'length']);

/** The tag a column's name alone gives it (confidence 1, as OpenMetadata's name scan), or undefined. */
export function nameVerdict(name: string, kind: 'text' | 'number' | 'datetime' | 'other'): PiiVerdict | undefined {
  const words = nameWords(name);
  if (words.length === 0) return undefined;
  if (NOT_DATA.has(words[words.length - 1] as string)) return undefined;
  for (const rule of RULES) {
    if (kind === 'datetime' && !rule.dates) continue;
    if (kind === 'other') continue;
    if (rule.words.some((run) => containsRun(words, run))) return { tag: rule.tag, confidence: 1, reason: `its name says ${rule.what}` };
  }
  return undefined;
}
