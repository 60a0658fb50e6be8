import type { FieldProblem } from '#domain/index.js';
import { unitOfGeocode, type CapAlert, type CapInfo, type CapProblem, type UnitCodeRef } from '#emergencies/cap/index.js';

/** The text of an emergency is at most this long (about two minutes read aloud), as when a supervisor writes it. */
export const INCOMING_TEXT_MAX = 2000;

/** A CAP problem as the API's field problem: the element is the field, the code the rule. */
export function capProblemToField(p: CapProblem): FieldProblem {
  return { field: p.element, rule: p.code, message: p.message };
}

/**
 * What tincoso accepts beyond a valid CAP document: real alerts (status Actual) for the public
 * (scope Public), that are an Alert, Update or Cancel; an Alert or Update carries an info block.
 */
export function acceptanceProblems(alert: CapAlert): FieldProblem[] {
  const problems: FieldProblem[] = [];
  if (alert.status !== 'Actual') {
    problems.push({ field: 'alert/status', rule: 'not-actual', message: `chỉ nhận tin thật (Actual); tin "${alert.status}" không được phát` });
  }
  if (alert.scope !== 'Public') problems.push({ field: 'alert/scope', rule: 'not-public', message: `chỉ nhận tin công khai (Public), không nhận "${alert.scope}"` });
  if (!['Alert', 'Update', 'Cancel'].includes(alert.msgType)) {
    problems.push({ field: 'alert/msgType', rule: 'unsupported', message: `chỉ nhận Alert, Update hoặc Cancel, không nhận "${alert.msgType}"` });
  }
  if (alert.msgType !== 'Cancel' && alert.infos.length === 0) problems.push({ field: 'alert/info', rule: 'missing-element', message: 'cần ít nhất một khối info có nội dung cảnh báo' });
  return problems;
}

export interface IncomingContent {
  /** 1-based position of the info block used (the first in Vietnamese, else the first). */
  info: number;
  title: string;
  text: string;
}

/** Title (headline, else event) and text (description and instruction, else the headline) of the chosen info block. */
export function incomingContent(alert: CapAlert): { content: IncomingContent } | { problems: FieldProblem[] } {
  const index = Math.max(0, alert.infos.findIndex((i) => /^vi\b/i.test(i.language ?? '')));
  const info: CapInfo | undefined = alert.infos[index];
  if (!info) return { problems: [{ field: 'alert/info', rule: 'missing-element', message: 'cần ít nhất một khối info có nội dung cảnh báo' }] };
  const at = `alert/info[${index + 1}]`;
  const title = (info.headline ?? info.event).trim();
  const text = [info.description, info.instruction].map((t) => t?.trim()).filter(Boolean).join('\n') || title;
  if (text.length > INCOMING_TEXT_MAX) {
    return { problems: [{ field: `${at}/description`, rule: 'max-length', message: `nội dung dài ${text.length} ký tự, tối đa ${INCOMING_TEXT_MAX} (khoảng hai phút đọc)` }] };
  }
  return { content: { info: index + 1, title, text } };
}

export interface NamedGeocode {
  unit: UnitCodeRef;
  /** Its element, for a refusal: alert/info[i]/area[j]/geocode[k]. */
  element: string;
}

/**
 * The geocodes naming Vietnamese units (VN-DVHC-2025, VN-DVHC-PRE2025), with their elements. Other
 * geocodes (another country's lists) are not ours to map; an alert with none of ours is refused.
 */
export function namedGeocodes(alert: CapAlert): { named: NamedGeocode[]; problems: FieldProblem[] } {
  const named: NamedGeocode[] = [];
  alert.infos.forEach((info, i) =>
    info.areas.forEach((area, j) =>
      area.geocodes.forEach((g, k) => {
        const unit = unitOfGeocode(g);
        if (unit) named.push({ unit, element: `alert/info[${i + 1}]/area[${j + 1}]/geocode[${k + 1}]` });
      }),
    ),
  );
  const problems: FieldProblem[] =
    named.length === 0 && alert.msgType === 'Alert'
      ? [{ field: 'alert/info/area/geocode', rule: 'no-unit', message: 'không có geocode nào theo danh mục đơn vị hành chính (valueName VN-DVHC-2025 hoặc VN-DVHC-PRE2025): không biết phát đến đâu' }]
      : [];
  return { named, problems };
}
