import { isIP } from 'node:net';
import type { PiiVerdict } from './pii-tags.js';

interface Recognizer {
  tag: PiiVerdict['tag'];
  what: string;
  matches(value: string): boolean;
}

const EMAIL =
  /^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*\.[A-Za-z]{2,}$/;

/** The Luhn checksum every payment card number carries. */
export function luhnValid(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}

/** Issuer prefixes of the card networks (Visa, Mastercard, Amex, Discover, Diners, JCB, UnionPay, Maestro). */
const CARD_PREFIX = /^(?:4|5[1-5]|2[2-7]|3[47]|6011|65|64[4-9]|3(?:0[0-5]|[68])|35|62|5[06-9]|6[37])/;

function isCardNumber(value: string): boolean {
  if (!/^[\d -]+$/.test(value)) return false;
  const digits = value.replace(/[ -]/g, '');
  return digits.length >= 13 && digits.length <= 19 && CARD_PREFIX.test(digits) && luhnValid(digits);
}

/** IBAN lengths by country (ISO 13616 registry). */
const IBAN_LENGTH: Record<string, number> = {
  AD: 24,
  AE: 23,
  AT: 20,
  AZ: 28,
  BA: 20,
  BE: 16,
  BG: 22,
  BH: 22,
  BR: 29,
  CH: 21,
  CR: 22,
  CY: 28,
  CZ: 24,
  DE: 22,
  DK: 18,
  DO: 28,
  EE: 20,
  ES: 24,
  FI: 18,
  FO: 18,
  FR: 27,
  GB: 22,
  GE: 22,
  GI: 23,
  GL: 18,
  GR: 27,
  GT: 28,
  HR: 21,
  HU: 28,
  IE: 22,
  IL: 23,
  IS: 26,
  IT: 27,
  JO: 30,
  KW: 30,
  KZ: 20,
  LB: 28,
  LI: 21,
  LT: 20,
  LU: 20,
  LV: 21,
  MC: 27,
  MD: 24,
  ME: 22,
  MK: 19,
  MR: 27,
  MT: 31,
  MU: 30,
  NL: 18,
  NO: 15,
  PK: 24,
  PL: 28,
  PS: 29,
  PT: 25,
  QA: 29,
  RO: 24,
  RS: 22,
  SA: 24,
  SE: 24,
  SI: 19,
  SK: 24,
  SM: 27,
  TN: 24,
  TR: 26,
  UA: 29,
  VG: 24,
  XK: 20,
};

/** An IBAN: a known country's length and the ISO 7064 mod-97 check. */
export function ibanValid(value: string): boolean {
  const iban = value.replace(/ /g, '').toUpperCase();
  if (!/^[A-Z]{2}\d{2}[A-Z0-9]+$/.test(iban) || IBAN_LENGTH[iban.slice(0, 2)] !== iban.length) return false;
  const rearranged = iban.slice(4) + iban.slice(0, 4);
  let remainder = 0;
  for (const char of rearranged) {
    const code = /[A-Z]/.test(char) ? String(char.charCodeAt(0) - 55) : char;
    for (const digit of code) remainder = (remainder * 10 + Number(digit)) % 97;
  }
  return remainder === 1;
}

/** A US social security number as written (AAA-GG-SSSS), without the numbers the SSA never issues. */
function isUsSsn(value: string): boolean {
  const m = /^(\d{3})-(\d{2})-(\d{4})$/.exec(value);
  if (!m) return false;
  const [area, group, serial] = [m[1] as string, m[2] as string, m[3] as string];
  return area !== '000' && area !== '666' && area[0] !== '9' && group !== '00' && serial !== '0000';
}

/** A UK National Insurance number (two letters, six digits, A–D). */
function isUkNino(value: string): boolean {
  const v = value.replace(/ /g, '').toUpperCase();
  return /^(?!BG|GB|KN|NK|NT|TN|ZZ)[A-CEGHJ-PR-TW-Z][A-CEGHJ-NPR-TW-Z]\d{6}[A-D]$/.test(v);
}

/**
 * A phone number as people write one: international (+, then 7–15 digits in groups) or North American
 * ((555) 123-4567, 555-123-4567, 555.123.4567). Other dashed digit groups (part numbers, ISBNs) are not.
 */
function isPhoneNumber(value: string): boolean {
  const v = value.trim();
  if (v.startsWith('+')) {
    const digits = v.replace(/\D/g, '');
    return /^\+[\d ().-]+$/.test(v) && digits.length >= 7 && digits.length <= 15;
  }
  return /^(?:\(\d{3}\) ?|\d{3}[-. ])\d{3}[-. ]\d{4}$/.test(v);
}

/** An IP address that is not also a dotted version number (1.2.3.4 is both: it needs a part above 9 or an IPv6). */
function isIpAddress(value: string): boolean {
  const kind = isIP(value);
  if (kind === 6) return value.includes(':');
  return kind === 4 && value.split('.').some((part) => Number(part) > 9);
}

const RECOGNIZERS: Recognizer[] = [
  { tag: 'PII.Sensitive', what: 'e-mail addresses', matches: (v) => EMAIL.test(v) },
  { tag: 'PII.Sensitive', what: 'payment card numbers (Luhn-checked)', matches: isCardNumber },
  { tag: 'PII.Sensitive', what: 'IBANs (checksum-checked)', matches: ibanValid },
  { tag: 'PII.Sensitive', what: 'US social security numbers', matches: isUsSsn },
  { tag: 'PII.Sensitive', what: 'UK National Insurance numbers', matches: isUkNino },
  { tag: 'PII.Sensitive', what: 'IP addresses', matches: isIpAddress },
  { tag: 'PII.NonSensitive', what: 'phone numbers', matches: isPhoneNumber },
];

/** Fewer values than this say too little about a column to tag it. */
const MIN_VALUES = 3;

/**
 * The tag a column's sample values give it: the recognizer that matches the largest share of its non-empty values,
 * that share being the confidence.
 */
export function contentVerdict(values: readonly unknown[]): PiiVerdict | undefined {
  const texts = values.flatMap((v) => (typeof v === 'string' || typeof v === 'number' ? [String(v).trim()] : [])).filter((v) => v !== '');
  if (texts.length < MIN_VALUES) return undefined;
  let best: PiiVerdict | undefined;
  for (const recognizer of RECOGNIZERS) {
    const share = texts.filter((text) => recognizer.matches(text)).length / texts.length;
    if (share > 0 && (!best || share > best.confidence)) {
      best = { tag: recognizer.tag, confidence: share, reason: `${Math.round(share * 100)} % of its sample values are ${recognizer.what}` };
    }
  }
  return best;
}
