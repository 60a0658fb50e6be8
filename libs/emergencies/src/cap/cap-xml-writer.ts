import { checkCapAlert, formatReferences } from './cap-rules.js';
import { CAP_NAMESPACE, type CapAlert, type CapArea, type CapInfo, type CapProblem, type CapResource, type CapValuePair } from './cap.model.js';

/** The alert breaks a CAP rule, so no XML was written. */
export class CapValidationError extends Error {
  constructor(readonly problems: CapProblem[]) {
    super(`Tin CAP không hợp lệ: ${problems.map((p) => `${p.element}: ${p.message}`).join('; ')}`);
  }
}

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;', '\r': '&#13;', '\t': '&#9;', '\n': '&#10;' };

/**
 * Escapes text for element content, or for an attribute value in double quotes. A CR is written as a
 * reference (a reader turns a literal one into LF), and in attributes TAB and LF too (a reader turns those into spaces).
 */
export function escapeXml(text: string, attribute = false): string {
  return text.replace(attribute ? /[&<>"'\r\t\n]/g : /[&<>\r]/g, (c) => ESCAPES[c]);
}

type Line = string | Line[];

const el = (name: string, value: string | number | undefined): Line[] => (value === undefined ? [] : [`<${name}>${escapeXml(String(value))}</${name}>`]);
const many = (name: string, values: readonly string[]): Line[] => values.flatMap((v) => el(name, v));
const pairs = (name: string, values: CapValuePair[]): Line[] =>
  values.flatMap((p) => [`<${name}>`, [...el('valueName', p.valueName), ...el('value', p.value)], `</${name}>`]);

/**
 * The alert as a CAP 1.2 document, elements in the order the OASIS schema requires, UTF-8, indented.
 * Throws CapValidationError, writing nothing, when the alert breaks a CAP rule.
 */
export function toCapXml(alert: CapAlert): string {
  const problems = checkCapAlert(alert);
  if (problems.length > 0) throw new CapValidationError(problems);
  const body: Line[] = [
    ...el('identifier', alert.identifier),
    ...el('sender', alert.sender),
    ...el('sent', alert.sent),
    ...el('status', alert.status),
    ...el('msgType', alert.msgType),
    ...el('source', alert.source),
    ...el('scope', alert.scope),
    ...el('restriction', alert.restriction),
    ...el('addresses', alert.addresses),
    ...many('code', alert.codes),
    ...el('note', alert.note),
    ...el('references', alert.references.length > 0 ? formatReferences(alert.references) : undefined),
    ...el('incidents', alert.incidents),
    ...alert.infos.flatMap(info),
  ];
  return `<?xml version="1.0" encoding="UTF-8"?>\n${render([`<alert xmlns="${CAP_NAMESPACE}">`, body, '</alert>'], '')}`;
}

function info(i: CapInfo): Line[] {
  return [
    '<info>',
    [
      ...el('language', i.language),
      ...many('category', i.categories),
      ...el('event', i.event),
      ...many('responseType', i.responseTypes),
      ...el('urgency', i.urgency),
      ...el('severity', i.severity),
      ...el('certainty', i.certainty),
      ...el('audience', i.audience),
      ...pairs('eventCode', i.eventCodes),
      ...el('effective', i.effective),
      ...el('onset', i.onset),
      ...el('expires', i.expires),
      ...el('senderName', i.senderName),
      ...el('headline', i.headline),
      ...el('description', i.description),
      ...el('instruction', i.instruction),
      ...el('web', i.web),
      ...el('contact', i.contact),
      ...pairs('parameter', i.parameters),
      ...i.resources.flatMap(resource),
      ...i.areas.flatMap(area),
    ],
    '</info>',
  ];
}

function resource(r: CapResource): Line[] {
  return [
    '<resource>',
    [...el('resourceDesc', r.resourceDesc), ...el('mimeType', r.mimeType), ...el('size', r.size), ...el('uri', r.uri), ...el('derefUri', r.derefUri), ...el('digest', r.digest)],
    '</resource>',
  ];
}

function area(a: CapArea): Line[] {
  return [
    '<area>',
    [...el('areaDesc', a.areaDesc), ...many('polygon', a.polygons), ...many('circle', a.circles), ...pairs('geocode', a.geocodes), ...el('altitude', a.altitude), ...el('ceiling', a.ceiling)],
    '</area>',
  ];
}

function render(lines: Line[], indent: string): string {
  return lines.map((l) => (typeof l === 'string' ? `${indent}${l}\n` : render(l, `${indent}  `))).join('');
}
