import { capDateTimeProblem } from './cap-time.js';
import {
  CAP_CATEGORIES,
  CAP_CERTAINTIES,
  CAP_MSG_TYPES,
  CAP_RESPONSE_TYPES,
  CAP_SCOPES,
  CAP_SEVERITIES,
  CAP_STATUSES,
  CAP_URGENCIES,
  type CapAlert,
  type CapArea,
  type CapInfo,
  type CapProblem,
  type CapReference,
} from './cap.model.js';

/**
 * The CAP 1.2 rules on values, shared by the reader (after the structure is checked) and the writer
 * (before anything is written): the schema's enumerations and dateTime pattern, and the rules the
 * specification adds in prose (no spaces, commas, "<" or "&" in identifiers; references required by
 * Update and Cancel; restriction and addresses by scope; polygon and circle forms).
 */
export function checkCapAlert(alert: CapAlert): CapProblem[] {
  const problems: CapProblem[] = [];
  const bad = (element: string, message: string) => problems.push({ code: 'bad-value', element, message });
  const missing = (element: string, message: string) => problems.push({ code: 'missing-element', element, message });

  token(alert.identifier, 'alert/identifier', bad);
  token(alert.sender, 'alert/sender', bad);
  dateTime(alert.sent, 'alert/sent', bad);
  oneOf(alert.status, CAP_STATUSES, 'alert/status', bad);
  oneOf(alert.msgType, CAP_MSG_TYPES, 'alert/msgType', bad);
  oneOf(alert.scope, CAP_SCOPES, 'alert/scope', bad);
  if (alert.scope === 'Restricted' && !alert.restriction?.trim()) missing('alert/restriction', 'bắt buộc khi scope là Restricted');
  if (alert.scope === 'Private' && !alert.addresses?.trim()) missing('alert/addresses', 'bắt buộc khi scope là Private');
  if (alert.msgType !== 'Alert' && alert.references.length === 0) {
    missing('alert/references', `bắt buộc khi msgType là ${alert.msgType}: ghi "sender,identifier,sent" của tin được cập nhật, hủy hoặc trả lời`);
  }
  alert.references.forEach((r, i) => reference(r, `alert/references[${i + 1}]`, bad));
  if (alert.references.some((r) => r.sender === alert.sender && r.identifier === alert.identifier)) {
    bad('alert/references', 'một tin không được tham chiếu chính nó');
  }
  alert.infos.forEach((info, i) => checkInfo(info, `alert/info[${i + 1}]`, bad, missing));
  for (const [element, text] of textsOf(alert)) {
    if (FORBIDDEN_CHAR.test(text)) bad(element, 'có ký tự XML 1.0 không cho phép (ký tự điều khiển)');
  }
  return problems;
}

type Report = (element: string, message: string) => void;

const FORBIDDEN_CHAR = /[^\u0009\u000A\u000D\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/u;
const LANGUAGE = /^[a-zA-Z]{1,8}(-[a-zA-Z0-9]{1,8})*$/;
const LAT_LON = /^(-?\d{1,2}(?:\.\d+)?),(-?\d{1,3}(?:\.\d+)?)$/;

function checkInfo(info: CapInfo, at: string, bad: Report, missing: Report): void {
  if (info.language !== undefined && !LANGUAGE.test(info.language)) bad(`${at}/language`, `"${info.language}" không phải mã ngôn ngữ (ví dụ vi-VN)`);
  if (info.categories.length === 0) missing(`${at}/category`, 'cần ít nhất một category');
  info.categories.forEach((c, i) => oneOf(c, CAP_CATEGORIES, `${at}/category[${i + 1}]`, bad));
  if (!info.event.trim()) missing(`${at}/event`, 'không được để trống');
  info.responseTypes.forEach((r, i) => oneOf(r, CAP_RESPONSE_TYPES, `${at}/responseType[${i + 1}]`, bad));
  oneOf(info.urgency, CAP_URGENCIES, `${at}/urgency`, bad);
  oneOf(info.severity, CAP_SEVERITIES, `${at}/severity`, bad);
  oneOf(info.certainty, CAP_CERTAINTIES, `${at}/certainty`, bad);
  for (const key of ['effective', 'onset', 'expires'] as const) {
    const value = info[key];
    if (value !== undefined) dateTime(value, `${at}/${key}`, bad);
  }
  info.resources.forEach((r, i) => {
    if (r.size !== undefined && (!Number.isSafeInteger(r.size) || r.size < 0)) bad(`${at}/resource[${i + 1}]/size`, 'phải là số nguyên byte không âm');
  });
  info.areas.forEach((area, i) => checkArea(area, `${at}/area[${i + 1}]`, bad, missing));
}

function checkArea(area: CapArea, at: string, bad: Report, missing: Report): void {
  if (!area.areaDesc.trim()) missing(`${at}/areaDesc`, 'không được để trống');
  area.polygons.forEach((p, i) => {
    const pairs = p.trim().split(/\s+/);
    const where = `${at}/polygon[${i + 1}]`;
    if (pairs.length < 4) return bad(where, 'cần ít nhất bốn cặp "vĩ độ,kinh độ", cặp đầu lặp lại ở cuối');
    if (pairs[0] !== pairs[pairs.length - 1]) return bad(where, 'cặp tọa độ đầu và cuối phải trùng nhau');
    const wrong = pairs.find((pair) => !latLon(pair));
    if (wrong) bad(where, `"${wrong}" không phải "vĩ độ,kinh độ" WGS 84 hợp lệ`);
  });
  area.circles.forEach((c, i) => {
    const [centre, radius, ...rest] = c.trim().split(/\s+/);
    if (rest.length > 0 || !centre || !latLon(centre) || !/^\d+(\.\d+)?$/.test(radius ?? '')) {
      bad(`${at}/circle[${i + 1}]`, `"${c}" không đúng dạng "vĩ độ,kinh độ bán-kính-km"`);
    }
  });
  for (const key of ['altitude', 'ceiling'] as const) {
    const value = area[key];
    if (value !== undefined && !(Number.isFinite(value) && /^-?\d+(\.\d+)?$/.test(String(value)))) bad(`${at}/${key}`, 'phải là một số thập phân (không viết dạng mũ)');
  }
  if (area.ceiling !== undefined && area.altitude === undefined) missing(`${at}/altitude`, 'ceiling chỉ dùng cùng altitude');
  if (area.ceiling !== undefined && area.altitude !== undefined && area.ceiling < area.altitude) bad(`${at}/ceiling`, 'phải không nhỏ hơn altitude');
}

function latLon(pair: string): boolean {
  const m = LAT_LON.exec(pair);
  return !!m && Math.abs(Number(m[1])) <= 90 && Math.abs(Number(m[2])) <= 180;
}

function token(value: string, at: string, bad: Report): void {
  if (!value) bad(at, 'không được để trống');
  else if (/[\s,<&]/.test(value)) bad(at, `"${value}" không được chứa khoảng trắng, dấu phẩy, "<" hay "&"`);
}

function dateTime(value: string, at: string, bad: Report): void {
  const problem = capDateTimeProblem(value);
  if (problem) bad(at, problem);
}

function oneOf(value: string, allowed: readonly string[], at: string, bad: Report): void {
  if (!allowed.includes(value)) bad(at, `giá trị "${value}" không thuộc ${allowed.join(', ')}`);
}

function reference(r: CapReference, at: string, bad: Report): void {
  token(r.sender, `${at}/sender`, bad);
  token(r.identifier, `${at}/identifier`, bad);
  dateTime(r.sent, `${at}/sent`, bad);
}

function* textsOf(alert: CapAlert): Generator<[string, string]> {
  const strings = (o: object, at: string) =>
    Object.entries(o).filter((e): e is [string, string] => typeof e[1] === 'string').map(([k, v]): [string, string] => [`${at}/${k}`, v]);
  yield* strings(alert, 'alert');
  yield* alert.codes.map((c, i): [string, string] => [`alert/code[${i + 1}]`, c]);
  for (const [i, info] of alert.infos.entries()) {
    const at = `alert/info[${i + 1}]`;
    yield* strings(info, at);
    for (const [name, pairs] of [['eventCode', info.eventCodes], ['parameter', info.parameters]] as const) {
      for (const [j, p] of pairs.entries()) yield* strings(p, `${at}/${name}[${j + 1}]`);
    }
    for (const [j, r] of info.resources.entries()) yield* strings(r, `${at}/resource[${j + 1}]`);
    for (const [j, area] of info.areas.entries()) {
      yield* strings(area, `${at}/area[${j + 1}]`);
      yield* area.polygons.map((p, k): [string, string] => [`${at}/area[${j + 1}]/polygon[${k + 1}]`, p]);
      yield* area.circles.map((c, k): [string, string] => [`${at}/area[${j + 1}]/circle[${k + 1}]`, c]);
      for (const [k, g] of area.geocodes.entries()) yield* strings(g, `${at}/area[${j + 1}]/geocode[${k + 1}]`);
    }
  }
}

/** "sender,identifier,sent" triples separated by white space; null and a reason when the text is not that. */
export function parseReferences(text: string): { references: CapReference[] } | { problem: string } {
  const references: CapReference[] = [];
  for (const triple of text.trim().split(/\s+/).filter(Boolean)) {
    const parts = triple.split(',');
    if (parts.length !== 3 || parts.some((p) => !p)) return { problem: `"${triple}" không đúng dạng "sender,identifier,sent"` };
    const problem = capDateTimeProblem(parts[2]);
    if (problem) return { problem: `"${triple}": sent ${problem}` };
    references.push({ sender: parts[0], identifier: parts[1], sent: parts[2] });
  }
  return { references };
}

export function formatReferences(references: CapReference[]): string {
  return references.map((r) => `${r.sender},${r.identifier},${r.sent}`).join(' ');
}

/** How later messages name this alert; also its identity: the same alert received twice has the same reference. */
export function referenceTo(alert: Pick<CapAlert, 'sender' | 'identifier' | 'sent'>): CapReference {
  return { sender: alert.sender, identifier: alert.identifier, sent: alert.sent };
}

/** "sender,identifier,sent": a key for de-duplicating received alerts and matching references. */
export function capAlertKey(alert: Pick<CapAlert, 'sender' | 'identifier' | 'sent'>): string {
  return formatReferences([referenceTo(alert)]);
}
