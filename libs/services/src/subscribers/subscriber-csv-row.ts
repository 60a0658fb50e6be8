import { foldVietnamese, InvalidInputError, type FieldProblem } from '#domain/index.js';
import {
  cleanFullName,
  consentAtProblems,
  CONSENT_SOURCES,
  DEFAULT_LANGUAGE,
  fullNameProblems,
  isConsentSource,
  languageProblems,
  parseConsentDate,
  phoneOrProblem,
  splitTags,
  tagsProblems,
  type ConsentSource,
} from './subscriber-fields.js';

/** The columns of a subscriber CSV; only phone is required, the others may be absent or empty. */
export const SUBSCRIBER_CSV_COLUMNS = ['phone', 'full_name', 'village', 'tags', 'consent_source', 'consent_at', 'preferred_language'] as const;
export type SubscriberCsvColumn = (typeof SUBSCRIBER_CSV_COLUMNS)[number];
export type SubscriberCsvRecord = Partial<Record<SubscriberCsvColumn, string>>;

/** Header names officers actually type, folded (no case, no diacritics, spaces and dashes as _). */
const HEADER_ALIASES: Record<string, SubscriberCsvColumn> = {
  phone: 'phone',
  so_dien_thoai: 'phone',
  sdt: 'phone',
  dien_thoai: 'phone',
  full_name: 'full_name',
  name: 'full_name',
  ho_ten: 'full_name',
  ho_va_ten: 'full_name',
  village: 'village',
  thon: 'village',
  thon_to: 'village',
  to_dan_pho: 'village',
  tags: 'tags',
  nhan: 'tags',
  consent_source: 'consent_source',
  nguon_dong_y: 'consent_source',
  consent_at: 'consent_at',
  ngay_dong_y: 'consent_at',
  preferred_language: 'preferred_language',
  language: 'preferred_language',
  ngon_ngu: 'preferred_language',
};

/** A problem with the file as a whole (its header, encoding...), refused before any row is imported. */
export function fileProblem(rule: string, message: string): InvalidInputError {
  return new InvalidInputError([{ field: 'file', rule, message }]);
}

/**
 * The column each header cell maps to (false: ignored). Names are case- and diacritic-insensitive;
 * a file without a phone column, or naming a column twice, is refused before any row is read.
 */
export function headerColumns(header: readonly string[]): (SubscriberCsvColumn | false)[] {
  const seen = new Set<SubscriberCsvColumn>();
  const columns = header.map((cell) => {
    const key = foldVietnamese(cell.replace(/^\ufeff/, '')).replace(/[\s-]+/g, '_');
    const column = HEADER_ALIASES[key];
    if (!column) return false;
    if (seen.has(column)) throw fileProblem('header', `cột "${column}" xuất hiện hai lần trong dòng tiêu đề`);
    seen.add(column);
    return column;
  });
  if (!seen.has('phone')) {
    throw fileProblem(
      'header',
      `dòng đầu tiên phải là dòng tiêu đề có cột phone (số điện thoại); các cột khác: ${SUBSCRIBER_CSV_COLUMNS.slice(1).join(', ')}`,
    );
  }
  return columns;
}

/**
 * The delimiter of a file, read from its header line: Excel in Vietnam saves ';', most other tools ','.
 * Only delimiters outside quotes count; a header with neither (one column) is read as ','.
 */
export function detectDelimiter(headerLine: string): ',' | ';' {
  let commas = 0;
  let semicolons = 0;
  let quoted = false;
  for (const char of headerLine) {
    if (char === '"') quoted = !quoted;
    else if (!quoted && char === ',') commas++;
    else if (!quoted && char === ';') semicolons++;
  }
  return semicolons > commas ? ';' : ',';
}

/** The physical line a record starts on, from csv-parse's line count at its end and its raw text. */
export function recordStartLine(endLine: number, raw: string): number {
  const body = raw.replace(/^[\r\n]+|[\r\n]+$/g, '');
  return endLine - (body.match(/\n/g)?.length ?? 0);
}

/** Spreadsheets export trailing empty rows as ";;;;": they are not rows anyone meant to import. */
export function isBlankRecord(record: SubscriberCsvRecord): boolean {
  return Object.values(record).every((value) => value === undefined || value.trim() === '');
}

export interface ImportRow {
  phone: string;
  fullName: string | null;
  villageId: string | null;
  tags: string[];
  consentSource: ConsentSource;
  consentAt: Date;
  preferredLanguage: string;
}

export interface RowContext {
  /** The village under the import's unit named by a cell (name, full name or code); undefined when none matches. */
  findVillage(cell: string): string | undefined;
  timeZone: string;
  now: Date;
}

export type RowCheck = { ok: true; row: ImportRow } | { ok: false; problems: FieldProblem[] };

/** Checks and maps one record; every problem of the row is reported, phone first. */
export function checkSubscriberRecord(record: SubscriberCsvRecord, context: RowContext): RowCheck {
  const problems: FieldProblem[] = [];
  const garbled = SUBSCRIBER_CSV_COLUMNS.find((column) => record[column]?.includes('\ufffd'));
  if (garbled) {
    problems.push({ field: garbled, rule: 'encoding', message: 'có ký tự không đọc được: hãy lưu tệp dạng "CSV UTF-8"' });
  }
  const phone = phoneOrProblem(record.phone ?? '', 'phone');
  if ('problem' in phone) problems.push(phone.problem);

  const fullName = cleanFullName(record.full_name);
  problems.push(...fullNameProblems(fullName, 'full_name'));

  let villageId: string | null = null;
  const villageCell = (record.village ?? '').trim();
  if (villageCell !== '') {
    villageId = context.findVillage(villageCell) ?? null;
    if (villageId === null) {
      problems.push({
        field: 'village',
        rule: 'not-found',
        message: `không có thôn, tổ dân phố "${villageCell.slice(0, 60)}" thuộc đơn vị đã chọn (ghi tên hoặc mã thôn)`,
      });
    }
  }

  const tags = splitTags(record.tags);
  problems.push(...tagsProblems(tags, 'tags'));

  const sourceCell = (record.consent_source ?? '').trim().toLowerCase();
  const consentSource = sourceCell === '' ? 'import' : sourceCell;
  if (!isConsentSource(consentSource)) {
    problems.push({ field: 'consent_source', rule: 'isIn', message: `phải là một trong các giá trị: ${CONSENT_SOURCES.join(', ')}` });
  }

  let consentAt = context.now;
  const consentCell = (record.consent_at ?? '').trim();
  if (consentCell !== '') {
    const parsed = parseConsentDate(consentCell, context.timeZone);
    if (parsed === null) {
      problems.push({ field: 'consent_at', rule: 'date', message: 'không phải ngày hợp lệ (ví dụ 15/03/2024 hoặc 2024-03-15 08:30)' });
    } else {
      consentAt = parsed;
      problems.push(...consentAtProblems(parsed, context.now, 'consent_at'));
    }
  }

  const languageCell = (record.preferred_language ?? '').trim().toLowerCase();
  const preferredLanguage = languageCell === '' ? DEFAULT_LANGUAGE : languageCell;
  problems.push(...languageProblems(preferredLanguage, 'preferred_language'));

  if (problems.length > 0 || 'problem' in phone) return { ok: false, problems };
  return {
    ok: true,
    row: { phone: phone.phone, fullName, villageId, tags, consentSource: consentSource as ConsentSource, consentAt, preferredLanguage },
  };
}

/** A village lookup by code (case-insensitive) or by folded name or full name ("thon dong" finds "Thôn Đông"). */
export function villageFinder(villages: readonly { id: string; name: string; fullName: string; code: string | null }[]) {
  const byKey = new Map<string, string>();
  for (const village of villages) {
    for (const key of [foldVietnamese(village.name), foldVietnamese(village.fullName)]) if (!byKey.has(key)) byKey.set(key, village.id);
  }
  const byCode = new Map(villages.filter((v) => v.code).map((v) => [v.code!.toLowerCase(), v.id]));
  return (cell: string): string | undefined => byCode.get(cell.trim().toLowerCase()) ?? byKey.get(foldVietnamese(cell));
}

/** One stored error per row: the first problem names field and rule; the message lists them all. */
export function rowError(problems: readonly FieldProblem[]): FieldProblem {
  const [first] = problems;
  if (problems.length === 1) return first;
  return { field: first.field, rule: first.rule, message: problems.map((p) => `${p.field}: ${p.message}`).join('; ') };
}
