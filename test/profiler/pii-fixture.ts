// A labelled fixture for PII tagging: columns (names and sample values) and the tag each should get, false-positive
// traps included (ids, codes, version numbers, amounts, hashes, part numbers shaped like SSNs). Deterministic.
import type { ColumnKind } from '../../src/profiler/column-kinds.js';

export type Label = 'PII.Sensitive' | 'PII.NonSensitive' | 'none';

export interface LabelledColumn {
  name: string;
  kind: ColumnKind;
  values: unknown[];
  label: Label;
}

function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

const SAMPLE = 30;

function luhnComplete(prefix: string, length: number, r: () => number): string {
  let body = prefix;
  while (body.length < length - 1) body += String(Math.floor(r() * 10));
  for (let check = 0; check < 10; check++) {
    const candidate = body + check;
    let sum = 0;
    for (let i = 0; i < candidate.length; i++) {
      let d = Number(candidate[candidate.length - 1 - i]);
      if (i % 2 === 1) d = d * 2 > 9 ? d * 2 - 9 : d * 2;
      sum += d;
    }
    if (sum % 10 === 0) return candidate;
  }
  throw new Error('unreachable');
}

function iban(country: string, length: number, r: () => number): string {
  let bban = '';
  while (bban.length < length - 4) bban += String(Math.floor(r() * 10));
  const numeric = (bban + country + '00').replace(/[A-Z]/g, (c) => String(c.charCodeAt(0) - 55));
  let remainder = 0;
  for (const digit of numeric) remainder = (remainder * 10 + Number(digit)) % 97;
  return `${country}${String(98 - remainder).padStart(2, '0')}${bban}`;
}

const FIRST = ['anna', 'ben', 'chloé', 'dmitri', 'eva', 'farid', 'grace', 'hiro', 'ines', 'jon', 'kofi', 'lena'];
const LAST = ['smith', 'müller', 'garcia', 'nguyen', 'okafor', 'rossi', 'tanaka', 'kowalski', 'silva', 'dubois'];
const DOMAINS = ['example.com', 'mail.example.org', 'corp.example.net', 'uni.example.ac.uk'];
const WORDS = ['alpha', 'delta', 'shipped', 'pending', 'blue', 'large', 'widget', 'gadget', 'north', 'retail'];

export function piiFixture(): LabelledColumn[] {
  const r = rng(20261205);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(r() * list.length)] as T;
  const digits = (n: number) => Array.from({ length: n }, () => Math.floor(r() * 10)).join('');
  const many = (make: () => unknown, nulls = 0.1): unknown[] => Array.from({ length: SAMPLE }, () => (r() < nulls ? null : make()));
  const cols: LabelledColumn[] = [];
  const add = (name: string, kind: ColumnKind, make: () => unknown, label: Label) => cols.push({ name, kind, values: many(make), label });
  const email = () => `${pick(FIRST)}.${pick(LAST)}${Math.floor(r() * 100)}@${pick(DOMAINS)}`.normalize('NFD').replace(/[\u0300-\u036f]/g, '');
  const card = () => {
    const [prefix, length] = pick([
      ['4', 16],
      ['51', 16],
      ['37', 15],
      ['6011', 16],
      ['35', 16],
    ] as const);
    const n = luhnComplete(prefix, length, r);
    return r() < 0.3 ? n.replace(/(\d{4})(?=\d)/g, '$1 ') : n;
  };
  const ibanValue = () => {
    const [country, length] = pick([
      ['DE', 22],
      ['GB', 22],
      ['FR', 27],
      ['NL', 18],
      ['ES', 24],
    ] as const);
    const code = iban(country, length, r);
    return country === 'GB' ? code.replace(/(.{4})/g, '$1 ').trim() : code;
  };
  const ssn = () =>
    `${String(100 + Math.floor(r() * 560)).padStart(3, '0')}-${String(10 + Math.floor(r() * 89))}-${String(1000 + Math.floor(r() * 8999))}`;
  const nino = () => `${pick(['AB', 'CE', 'JG', 'WL', 'PR'])}${digits(6)}${pick(['A', 'B', 'C', 'D'])}`;
  const ip = () =>
    r() < 0.8
      ? `${10 + Math.floor(r() * 200)}.${Math.floor(r() * 256)}.${Math.floor(r() * 256)}.${1 + Math.floor(r() * 254)}`
      : `2001:db8::${Math.floor(r() * 65535).toString(16)}`;
  const phone = () =>
    pick([
      () => `+1 ${digits(3)}-${digits(3)}-${digits(4)}`,
      () => `+44 20 ${digits(4)} ${digits(4)}`,
      () => `(${digits(3)}) ${digits(3)}-${digits(4)}`,
      () => `+49${digits(10)}`,
    ])();

  // Sensitive by content, under names that say nothing.
  for (let i = 0; i < 10; i++) add(`col_e${i}`, 'concatenable', email, 'PII.Sensitive');
  for (let i = 0; i < 8; i++) add(`field_c${i}`, 'concatenable', card, 'PII.Sensitive');
  for (let i = 0; i < 6; i++) add(`acct_ref${i}`, 'concatenable', ibanValue, 'PII.Sensitive');
  for (let i = 0; i < 6; i++) add(`ref_s${i}`, 'concatenable', ssn, 'PII.Sensitive');
  for (let i = 0; i < 4; i++) add(`ni_ref${i}`, 'concatenable', nino, 'PII.Sensitive');
  for (let i = 0; i < 6; i++) add(`host_${i}`, 'concatenable', ip, 'PII.Sensitive');
  // Non-sensitive by content.
  for (let i = 0; i < 8; i++) add(`contact_${i}`, 'concatenable', phone, 'PII.NonSensitive');
  // Sensitive by name.
  add('email', 'concatenable', email, 'PII.Sensitive');
  add('customerEmail', 'concatenable', email, 'PII.Sensitive');
  add('first_name', 'concatenable', () => pick(FIRST), 'PII.Sensitive');
  add('LastName', 'concatenable', () => pick(LAST), 'PII.Sensitive');
  add('customer_name', 'concatenable', () => `${pick(FIRST)} ${pick(LAST)}`, 'PII.Sensitive');
  add('user_name', 'concatenable', () => `${pick(FIRST)}${digits(2)}`, 'PII.Sensitive');
  add('ssn', 'concatenable', ssn, 'PII.Sensitive');
  add('credit_card_number', 'concatenable', card, 'PII.Sensitive');
  add('bank_account_number', 'concatenable', () => digits(10), 'PII.Sensitive');
  add('password', 'concatenable', () => `$2b$12$${digits(20)}`, 'PII.Sensitive');
  add('passport_no', 'concatenable', () => `X${digits(8)}`, 'PII.Sensitive');
  add('client_ip', 'concatenable', ip, 'PII.Sensitive');
  // Non-sensitive by name.
  add('date_of_birth', 'datetime', () => `19${digits(2)}-0${1 + Math.floor(r() * 9)}-1${Math.floor(r() * 9)}`, 'PII.NonSensitive');
  add('birthday', 'datetime', () => `2000-01-0${1 + Math.floor(r() * 9)}`, 'PII.NonSensitive');
  add('gender', 'concatenable', () => pick(['f', 'm', 'x']), 'PII.NonSensitive');
  add('nationality', 'concatenable', () => pick(['FR', 'DE', 'JP']), 'PII.NonSensitive');
  add('country', 'concatenable', () => pick(['France', 'Japan', 'Peru']), 'PII.NonSensitive');
  add('city', 'concatenable', () => pick(['Lyon', 'Osaka', 'Lima']), 'PII.NonSensitive');
  add('zip_code', 'concatenable', () => digits(5), 'PII.NonSensitive');
  add('street_address', 'concatenable', () => `${digits(2)} ${pick(WORDS)} street`, 'PII.NonSensitive');
  add('phone_number', 'concatenable', phone, 'PII.NonSensitive');
  add('mobilePhone', 'concatenable', phone, 'PII.NonSensitive');
  // Traps: nothing personal, some of it shaped like something personal.
  for (let i = 0; i < 6; i++) add(`order_id_${i}`, 'quantifiable', () => Number(digits(6)), 'none');
  for (let i = 0; i < 4; i++) add(`amount_${i}`, 'quantifiable', () => Math.round(r() * 100000) / 100, 'none');
  for (let i = 0; i < 4; i++) add(`status_${i}`, 'concatenable', () => pick(WORDS), 'none');
  for (let i = 0; i < 4; i++) add(`sku_${i}`, 'concatenable', () => `SKU-${digits(4)}-${pick(['A', 'B'])}`, 'none');
  for (let i = 0; i < 3; i++)
    add(
      `app_version_${i}`,
      'concatenable',
      () => `${Math.floor(r() * 4)}.${Math.floor(r() * 10)}.${Math.floor(r() * 10)}.${Math.floor(r() * 10)}`,
      'none',
    );
  for (let i = 0; i < 4; i++) add(`tracking_no_${i}`, 'concatenable', () => digits(16), 'none');
  for (let i = 0; i < 3; i++)
    add(`checksum_${i}`, 'concatenable', () => Array.from({ length: 32 }, () => '0123456789abcdef'[Math.floor(r() * 16)]).join(''), 'none');
  for (let i = 0; i < 3; i++) add(`created_at_${i}`, 'datetime', () => `2024-0${1 + Math.floor(r() * 9)}-1${Math.floor(r() * 9)}T10:00:00`, 'none');
  for (let i = 0; i < 3; i++) add(`description_${i}`, 'concatenable', () => `${pick(WORDS)} ${pick(WORDS)} ${pick(WORDS)}`, 'none');
  for (let i = 0; i < 2; i++) add(`web_url_${i}`, 'concatenable', () => `https://${pick(DOMAINS)}/p/${digits(4)}`, 'none');
  add('email_verified', 'countable', () => r() < 0.5, 'none');
  add('mail_count', 'quantifiable', () => Math.floor(r() * 20), 'none');
  add('email_hash', 'concatenable', () => digits(40), 'none');
  add('statement', 'concatenable', () => pick(WORDS), 'none');
  add('measurement', 'quantifiable', () => r() * 1000, 'none');
  add('isbn', 'concatenable', () => `978-${digits(1)}-${digits(4)}-${digits(4)}-${digits(1)}`, 'none');
  add('price_range', 'concatenable', () => `${digits(2)}-${digits(3)}`, 'none');
  add('part_number', 'concatenable', () => `${digits(3)}-${digits(2)}-${digits(4)}`, 'none');
  add('notes', 'concatenable', () => (r() < 0.1 ? email() : pick(WORDS)), 'none');
  add('tax_rate', 'quantifiable', () => r(), 'none');
  return cols;
}
