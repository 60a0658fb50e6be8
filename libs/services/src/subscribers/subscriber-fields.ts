import { cleanText, normaliseVietnamesePhone, zonedWallTimeToUtc, type FieldProblem } from '#domain/index.js';

/**
 * The rules of one subscriber's fields, shared by the API and the CSV import. Pure: no framework,
 * no database, so both paths refuse the same values with the same words.
 */

/** How the citizen agreed to receive SMS: a web form, an SMS keyword, a list import, an officer, a paper form. */
export const CONSENT_SOURCES = ['form', 'sms', 'import', 'officer', 'paper'] as const;
export type ConsentSource = (typeof CONSENT_SOURCES)[number];

export const FULL_NAME_MAX_LENGTH = 200;
export const TAG_MAX_LENGTH = 50;
export const TAGS_MAX_COUNT = 20;
/** ISO 639 codes: vi, en, and the three-letter codes of minority languages (hmn, km...). */
export const LANGUAGE_PATTERN = /^[a-z]{2,3}$/;
export const DEFAULT_LANGUAGE = 'vi';

/** Separators a tag list may use inside one cell; a tag itself never contains them. */
const TAG_SEPARATORS = /[;,|]/;

export function phoneOrProblem(raw: string, field = 'phone'): { phone: string } | { problem: FieldProblem } {
  const result = normaliseVietnamesePhone(raw);
  return result.ok ? { phone: result.e164 } : { problem: { field, rule: result.rule, message: result.message } };
}

/** NFC with single spaces; empty becomes null. */
export function cleanFullName(raw: string | null | undefined): string | null {
  return cleanText(raw ?? '') || null;
}

export function fullNameProblems(name: string | null, field = 'fullName'): FieldProblem[] {
  if (name !== null && name.length > FULL_NAME_MAX_LENGTH) {
    return [{ field, rule: 'maxLength', message: `dài quá mức cho phép (${FULL_NAME_MAX_LENGTH} ký tự)` }];
  }
  return [];
}

/**
 * Tags are compared exactly by the dispatch engine (targets by tag), so they are stored in one
 * spelling: NFC, lower case, single spaces, each once, in the order first given.
 */
export function normaliseTags(raw: readonly string[]): string[] {
  const tags: string[] = [];
  for (const value of raw) {
    const tag = cleanText(value).toLowerCase();
    if (tag !== '' && !tags.includes(tag)) tags.push(tag);
  }
  return tags;
}

/** A CSV cell such as "hộ nghèo; thanh niên". */
export function splitTags(cell: string | null | undefined): string[] {
  return normaliseTags((cell ?? '').split(TAG_SEPARATORS));
}

export function tagsProblems(tags: readonly string[], field = 'tags'): FieldProblem[] {
  if (tags.length > TAGS_MAX_COUNT) {
    return [{ field, rule: 'arrayMaxSize', message: `có quá nhiều nhãn (tối đa ${TAGS_MAX_COUNT})` }];
  }
  const long = tags.find((t) => t.length > TAG_MAX_LENGTH);
  if (long) return [{ field, rule: 'maxLength', message: `nhãn "${long.slice(0, 20)}…" dài quá ${TAG_MAX_LENGTH} ký tự` }];
  if (tags.some((t) => TAG_SEPARATORS.test(t))) {
    return [{ field, rule: 'matches', message: 'nhãn không được chứa dấu ; , hoặc |' }];
  }
  return [];
}

export function isConsentSource(value: string): value is ConsentSource {
  return (CONSENT_SOURCES as readonly string[]).includes(value);
}

export function languageProblems(language: string, field = 'preferredLanguage'): FieldProblem[] {
  if (!LANGUAGE_PATTERN.test(language)) {
    return [{ field, rule: 'matches', message: 'phải là mã ngôn ngữ ISO 639 viết thường, ví dụ vi, en, hmn' }];
  }
  return [];
}

/** A consent cannot be given in the future; a minute of leeway absorbs clock differences. */
export function consentAtProblems(consentAt: Date, now: Date, field = 'consentAt'): FieldProblem[] {
  if (consentAt.getTime() > now.getTime() + 60_000) {
    return [{ field, rule: 'future', message: 'thời điểm đồng ý nhận tin không được ở tương lai' }];
  }
  return [];
}

const ISO_WITH_ZONE = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:?\d{2})$/i;
const ISO_LOCAL = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ](\d{1,2}):(\d{2})(?::(\d{2}))?)?$/;
const DAY_FIRST = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})(?: (\d{1,2}):(\d{2})(?::(\d{2}))?)?$/;

/**
 * A date as spreadsheets in Vietnam write it: ISO (2024-03-15, 2024-03-15 08:30, with or without a
 * zone) or day first (15/03/2024, 15-03-2024 08:30). Without a zone it is wall time in `timeZone`.
 * Returns null when the text is not such a date or names a day that does not exist (31/02).
 */
export function parseConsentDate(text: string, timeZone: string): Date | null {
  const value = text.trim();
  if (ISO_WITH_ZONE.test(value)) {
    const instant = new Date(value.replace(' ', 'T'));
    return Number.isNaN(instant.getTime()) ? null : instant;
  }
  const iso = ISO_LOCAL.exec(value);
  if (iso) return wallDate(+iso[1], +iso[2], +iso[3], iso[4], iso[5], iso[6], timeZone);
  const dayFirst = DAY_FIRST.exec(value);
  if (dayFirst) return wallDate(+dayFirst[3], +dayFirst[2], +dayFirst[1], dayFirst[4], dayFirst[5], dayFirst[6], timeZone);
  return null;
}

function wallDate(
  year: number,
  month: number,
  day: number,
  hour: string | undefined,
  minute: string | undefined,
  second: string | undefined,
  timeZone: string,
): Date | null {
  const wall = { year, month, day, hour: Number(hour ?? 0), minute: Number(minute ?? 0), second: Number(second ?? 0) };
  const calendar = new Date(Date.UTC(year, month - 1, day));
  if (calendar.getUTCFullYear() !== year || calendar.getUTCMonth() !== month - 1 || calendar.getUTCDate() !== day) return null;
  if (wall.hour > 23 || wall.minute > 59 || wall.second > 59) return null;
  return zonedWallTimeToUtc(wall, timeZone);
}

/**
 * What a search text says about a phone number: its national digits without separators, country code
 * or trunk 0 ("0912 345" → "912345"), or null when the text is not number-like (a name).
 */
export function phoneDigitsOf(q: string): string | null {
  const compact = q.replace(/[\s.\-()]/g, '');
  if (!/^\+?\d{3,}$/.test(compact)) return null;
  return compact.replace(/^\+?84(?=\d{9}$)/, '').replace(/^0084/, '').replace(/^0+/, '');
}
