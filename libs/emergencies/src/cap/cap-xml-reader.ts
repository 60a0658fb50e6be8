import { checkCapAlert, parseReferences } from './cap-rules.js';
import {
  CAP_NAMESPACE,
  XMLDSIG_NAMESPACE,
  type CapAlert,
  type CapArea,
  type CapInfo,
  type CapProblem,
  type CapProblemCode,
  type CapResource,
  type CapValuePair,
} from './cap.model.js';
import { readXml, XmlSyntaxError, type XmlElement } from './xml-reader.js';

export type CapParseResult =
  | { ok: true; alert: CapAlert; /** ds:Signature elements present; checking them is the importer's work. */ signatures: number }
  | { ok: false; problems: CapProblem[] };

class Refusal extends Error {
  constructor(readonly problem: CapProblem) {
    super(problem.message);
  }
}
const refuse = (code: CapProblemCode, element: string, message: string): never => {
  throw new Refusal({ code, element, message });
};

/**
 * Reads a CAP 1.2 document. Refuses, with the element and the rule, what the OASIS schema refuses
 * (structure, order, enumerations, dateTime form) and what the CAP specification adds (see checkCapAlert).
 * No DTD, entity or network access ever (see xml-reader).
 */
export function parseCapXml(xml: string): CapParseResult {
  try {
    let root: XmlElement;
    try {
      root = readXml(xml);
    } catch (e) {
      if (e instanceof XmlSyntaxError) return refuse('malformed-xml', 'document', `XML không hợp lệ: ${e.message}`);
      throw e;
    }
    if (root.local !== 'alert' || root.ns !== CAP_NAMESPACE) {
      const found = root.ns ? `{${root.ns}}${root.local}` : `${root.local} (không có không gian tên)`;
      return refuse('wrong-namespace', root.qname, `phần tử gốc phải là alert trong không gian tên ${CAP_NAMESPACE}, nhận ${found}`);
    }
    const { alert, signatures } = readAlert(root);
    const problems = checkCapAlert(alert);
    return problems.length > 0 ? { ok: false, problems } : { ok: true, alert, signatures };
  } catch (e) {
    if (e instanceof Refusal) return { ok: false, problems: [e.problem] };
    throw e;
  }
}

interface Slot {
  name: string;
  required?: boolean;
  repeat?: boolean;
}
type Children = Map<string, { el: XmlElement; path: string }[]>;

/** Checks children against a schema sequence (order, required, how many), refusing text and attributes. */
function sequence(parent: XmlElement, path: string, slots: Slot[], allowSignatures = false): { children: Children; signatures: number } {
  noAttributes(parent, path);
  const children: Children = new Map(slots.map((s) => [s.name, []]));
  let at = 0;
  let signatures = 0;
  for (const child of parent.children) {
    if (typeof child === 'string') {
      if (child.trim()) refuse('unexpected-text', path, `không được có văn bản "${child.trim().slice(0, 40)}" giữa các phần tử`);
      continue;
    }
    if (child.ns !== CAP_NAMESPACE) {
      if (allowSignatures && child.ns === XMLDSIG_NAMESPACE && child.local === 'Signature') {
        signatures++;
        at = slots.length;
        continue;
      }
      refuse('unexpected-element', `${path}/${child.qname}`, `phần tử ${child.ns ? `{${child.ns}}` : ''}${child.local} không thuộc CAP 1.2 (dòng ${child.line})`);
    }
    const slot = slots.findIndex((s, i) => i >= at && s.name === child.local);
    if (slot < 0) {
      const earlier = slots.findIndex((s) => s.name === child.local);
      if (earlier < 0) refuse('unexpected-element', `${path}/${child.local}`, `phần tử <${child.local}> không có trong <${parent.local}> (dòng ${child.line})`);
      refuse('unexpected-element', `${path}/${child.local}`, `sai thứ tự hoặc lặp lại: <${child.local}> phải đứng trước <${slots[at]?.name ?? 'Signature'}> (dòng ${child.line})`);
    }
    for (const skipped of slots.slice(at, slot)) {
      const late = skipped.required && children.get(skipped.name)!.length === 0 && parent.children.find((c) => typeof c !== 'string' && c.ns === CAP_NAMESPACE && c.local === skipped.name);
      if (late) refuse('unexpected-element', `${path}/${skipped.name}`, `sai thứ tự: <${skipped.name}> phải đứng trước <${child.local}> (dòng ${(late as XmlElement).line})`);
      requirePresent(skipped, children, path);
    }
    const list = children.get(child.local)!;
    const spec = slots[slot];
    if (list.length > 0 && !spec.repeat) refuse('unexpected-element', `${path}/${child.local}`, `chỉ được có một <${child.local}> (dòng ${child.line})`);
    list.push({ el: child, path: spec.repeat ? `${path}/${child.local}[${list.length + 1}]` : `${path}/${child.local}` });
    at = slot;
  }
  for (const rest of slots.slice(at)) requirePresent(rest, children, path);
  return { children, signatures };
}

function requirePresent(slot: Slot, children: Children, path: string): void {
  if (slot.required && children.get(slot.name)!.length === 0) refuse('missing-element', `${path}/${slot.name}`, `thiếu phần tử bắt buộc <${slot.name}>`);
}

function noAttributes(el: XmlElement, path: string): void {
  const a = el.attributes[0];
  if (a) refuse('unexpected-attribute', path, `thuộc tính "${a.qname}" không có trong lược đồ CAP 1.2 (dòng ${el.line})`);
}

function text({ el, path }: { el: XmlElement; path: string }): string {
  noAttributes(el, path);
  const child = el.children.find((c) => typeof c !== 'string');
  if (child) refuse('unexpected-element', `${path}/${child.qname}`, `<${el.local}> chỉ chứa văn bản (dòng ${child.line})`);
  return el.children.join('');
}

const one = (c: Children, name: string) => {
  const found = c.get(name)![0];
  return found ? text(found) : undefined;
};
const required = (c: Children, name: string) => one(c, name)!;
const all = (c: Children, name: string) => c.get(name)!.map(text);
/** xs:dateTime, xs:language: the schema collapses white space around them. */
const collapsed = (c: Children, name: string) => one(c, name)?.trim();

function number(c: Children, name: string, pattern: RegExp, rule: string): number | undefined {
  const found = c.get(name)![0];
  if (!found) return undefined;
  const value = text(found).trim();
  if (!pattern.test(value)) refuse('bad-value', found.path, `"${value}" ${rule}`);
  return Number(value);
}

function readAlert(root: XmlElement): { alert: CapAlert; signatures: number } {
  const { children: c, signatures } = sequence(
    root,
    'alert',
    [
      { name: 'identifier', required: true },
      { name: 'sender', required: true },
      { name: 'sent', required: true },
      { name: 'status', required: true },
      { name: 'msgType', required: true },
      { name: 'source' },
      { name: 'scope', required: true },
      { name: 'restriction' },
      { name: 'addresses' },
      { name: 'code', repeat: true },
      { name: 'note' },
      { name: 'references' },
      { name: 'incidents' },
      { name: 'info', repeat: true },
    ],
    true,
  );
  const referencesText = one(c, 'references');
  const parsed = referencesText === undefined ? { references: [] } : parseReferences(referencesText);
  if ('problem' in parsed) return refuse('bad-value', 'alert/references', parsed.problem);
  const alert: CapAlert = {
    identifier: required(c, 'identifier'),
    sender: required(c, 'sender'),
    sent: collapsed(c, 'sent')!,
    status: required(c, 'status') as CapAlert['status'],
    msgType: required(c, 'msgType') as CapAlert['msgType'],
    scope: required(c, 'scope') as CapAlert['scope'],
    codes: all(c, 'code'),
    references: parsed.references,
    infos: c.get('info')!.map(readInfo),
  };
  for (const key of ['source', 'restriction', 'addresses', 'note', 'incidents'] as const) {
    const value = one(c, key);
    if (value !== undefined) alert[key] = value;
  }
  return { alert, signatures };
}

function readInfo({ el, path }: { el: XmlElement; path: string }): CapInfo {
  const { children: c } = sequence(el, path, [
    { name: 'language' },
    { name: 'category', required: true, repeat: true },
    { name: 'event', required: true },
    { name: 'responseType', repeat: true },
    { name: 'urgency', required: true },
    { name: 'severity', required: true },
    { name: 'certainty', required: true },
    { name: 'audience' },
    { name: 'eventCode', repeat: true },
    { name: 'effective' },
    { name: 'onset' },
    { name: 'expires' },
    { name: 'senderName' },
    { name: 'headline' },
    { name: 'description' },
    { name: 'instruction' },
    { name: 'web' },
    { name: 'contact' },
    { name: 'parameter', repeat: true },
    { name: 'resource', repeat: true },
    { name: 'area', repeat: true },
  ]);
  const info: CapInfo = {
    categories: all(c, 'category') as CapInfo['categories'],
    event: required(c, 'event'),
    responseTypes: all(c, 'responseType') as CapInfo['responseTypes'],
    urgency: required(c, 'urgency') as CapInfo['urgency'],
    severity: required(c, 'severity') as CapInfo['severity'],
    certainty: required(c, 'certainty') as CapInfo['certainty'],
    eventCodes: c.get('eventCode')!.map(pair),
    parameters: c.get('parameter')!.map(pair),
    resources: c.get('resource')!.map(readResource),
    areas: c.get('area')!.map(readArea),
  };
  for (const key of ['language', 'effective', 'onset', 'expires'] as const) {
    const value = collapsed(c, key);
    if (value !== undefined) info[key] = value;
  }
  for (const key of ['audience', 'senderName', 'headline', 'description', 'instruction', 'web', 'contact'] as const) {
    const value = one(c, key);
    if (value !== undefined) info[key] = value;
  }
  return info;
}

function pair({ el, path }: { el: XmlElement; path: string }): CapValuePair {
  const { children: c } = sequence(el, path, [
    { name: 'valueName', required: true },
    { name: 'value', required: true },
  ]);
  return { valueName: required(c, 'valueName'), value: required(c, 'value') };
}

function readResource({ el, path }: { el: XmlElement; path: string }): CapResource {
  const { children: c } = sequence(el, path, [
    { name: 'resourceDesc', required: true },
    { name: 'mimeType', required: true },
    { name: 'size' },
    { name: 'uri' },
    { name: 'derefUri' },
    { name: 'digest' },
  ]);
  const resource: CapResource = { resourceDesc: required(c, 'resourceDesc'), mimeType: required(c, 'mimeType') };
  const size = number(c, 'size', /^[+-]?\d+$/, 'không phải số nguyên (xs:integer)');
  if (size !== undefined) resource.size = size;
  for (const key of ['uri', 'derefUri', 'digest'] as const) {
    const value = one(c, key);
    if (value !== undefined) resource[key] = value;
  }
  return resource;
}

function readArea({ el, path }: { el: XmlElement; path: string }): CapArea {
  const { children: c } = sequence(el, path, [
    { name: 'areaDesc', required: true },
    { name: 'polygon', repeat: true },
    { name: 'circle', repeat: true },
    { name: 'geocode', repeat: true },
    { name: 'altitude' },
    { name: 'ceiling' },
  ]);
  const area: CapArea = { areaDesc: required(c, 'areaDesc'), polygons: all(c, 'polygon'), circles: all(c, 'circle'), geocodes: c.get('geocode')!.map(pair) };
  for (const key of ['altitude', 'ceiling'] as const) {
    const value = number(c, key, /^[+-]?(\d+(\.\d*)?|\.\d+)$/, 'không phải số thập phân (xs:decimal)');
    if (value !== undefined) area[key] = value;
  }
  return area;
}
