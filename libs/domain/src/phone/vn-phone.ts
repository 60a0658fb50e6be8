/**
 * Vietnamese mobile numbers to E.164 (+84 and nine digits).
 *
 * Accepts what officers paste and what spreadsheets produce: spaces, dots, dashes, parentheses,
 * a leading 0, 84, +84 or 0084, "+84 0912…" (the 0 kept after the country code) and numbers whose
 * leading 0 a spreadsheet dropped ("912345678"). The eleven-digit mobile numbers retired in 2018
 * are converted to their ten-digit successors.
 */

export type PhoneRule = 'required' | 'format' | 'foreign' | 'too-short' | 'too-long' | 'landline' | 'invalid-prefix';

export type PhoneResult = { ok: true; e164: string } | { ok: false; rule: PhoneRule; message: string };

/** The 2018 conversion of 11-digit mobile numbers (0 + 1xx + 7 digits) to 10 digits (0 + 2 digits + 7 digits). */
export const LEGACY_MOBILE_PREFIXES: Readonly<Record<string, string>> = {
  // MobiFone
  '120': '70',
  '121': '79',
  '122': '77',
  '126': '76',
  '128': '78',
  // VinaPhone
  '123': '83',
  '124': '84',
  '125': '85',
  '127': '81',
  '129': '82',
  // Viettel
  '162': '32',
  '163': '33',
  '164': '34',
  '165': '35',
  '166': '36',
  '167': '37',
  '168': '38',
  '169': '39',
  // Vietnamobile, Gmobile
  '186': '56',
  '188': '58',
  '199': '59',
};

const MOBILE_FIRST_DIGITS = new Set(['3', '5', '7', '8', '9']);
const SEPARATORS = /[\s.\-()]/g;

const MESSAGES: Record<PhoneRule, string> = {
  required: 'Chưa nhập số điện thoại',
  format: 'Số điện thoại chỉ được gồm chữ số, dấu cách, dấu chấm, gạch ngang, ngoặc đơn và dấu + ở đầu',
  foreign: 'Chỉ nhận số điện thoại di động Việt Nam (mã quốc gia +84)',
  'too-short': 'Số điện thoại quá ngắn: số di động Việt Nam có 10 chữ số (ví dụ 0912 345 678)',
  'too-long': 'Số điện thoại quá dài: số di động Việt Nam có 10 chữ số (ví dụ 0912 345 678)',
  landline: 'Đây là số điện thoại cố định, không nhận được tin nhắn SMS',
  'invalid-prefix': 'Đầu số không phải đầu số di động Việt Nam (03, 05, 07, 08, 09)',
};

function fail(rule: PhoneRule): PhoneResult {
  return { ok: false, rule, message: MESSAGES[rule] };
}

/** The national significant number (digits after the country code and trunk 0), or the rule broken. */
function nationalDigits(compact: string): string | PhoneRule {
  if (compact.startsWith('+')) {
    const digits = compact.slice(1);
    if (!digits.startsWith('84')) return 'foreign';
    return stripTrunkZero(digits.slice(2));
  }
  if (compact.startsWith('00')) {
    if (!compact.startsWith('0084')) return 'foreign';
    return stripTrunkZero(compact.slice(4));
  }
  if (compact.startsWith('0')) return compact.slice(1);
  // Without + or 0, "84" is the country code only when what follows is a whole number; a bare
  // nine-digit "84x xxx xxx" is a VinaPhone number that lost its leading 0.
  if (compact.startsWith('84')) {
    const rest = stripTrunkZero(compact.slice(2));
    if (rest.length === 9 || (rest.length === 10 && rest.startsWith('1'))) return rest;
  }
  return compact;
}

function stripTrunkZero(digits: string): string {
  return digits.startsWith('0') ? digits.slice(1) : digits;
}

export function normaliseVietnamesePhone(raw: string): PhoneResult {
  const compact = (raw ?? '').replace(SEPARATORS, '');
  if (compact === '') return fail('required');
  if (!/^\+?\d+$/.test(compact)) return fail('format');

  const national = nationalDigits(compact);
  if (national === 'foreign') return fail('foreign');
  let nsn = national;

  if (nsn.length === 10 && nsn.startsWith('1')) {
    const successor = LEGACY_MOBILE_PREFIXES[nsn.slice(0, 3)];
    if (!successor) return fail('invalid-prefix');
    nsn = successor + nsn.slice(3);
  }
  if (nsn.startsWith('2')) return fail('landline');
  if (nsn.length < 9) return fail('too-short');
  if (nsn.length > 9) return fail('too-long');
  if (!MOBILE_FIRST_DIGITS.has(nsn[0])) return fail('invalid-prefix');
  return { ok: true, e164: `+84${nsn}` };
}
