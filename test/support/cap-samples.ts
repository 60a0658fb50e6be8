import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import fc from 'fast-check';
import {
  CAP_CATEGORIES,
  CAP_CERTAINTIES,
  CAP_LANGUAGE_VI,
  CAP_MSG_TYPES,
  CAP_RESPONSE_TYPES,
  CAP_SCOPES,
  CAP_SEVERITIES,
  CAP_STATUSES,
  CAP_URGENCIES,
  toCapDateTime,
  type CapAlert,
  type CapArea,
  type CapInfo,
  type CapResource,
  type CapValuePair,
} from '#emergencies/cap/index.js';

export const CAP_FIXTURES = resolve('test/fixtures/cap');
export const CAP_SCHEMA = join(CAP_FIXTURES, 'CAP-v1.2.xsd');

/** A storm warning for two communes, with every kind of element CAP has. */
export function stormAlert(overrides: Partial<CapAlert> = {}): CapAlert {
  return {
    identifier: 'tincoso-22-2026-0001',
    sender: 'tincoso@quangninh.example.vn',
    sent: '2026-09-06T07:30:00+07:00',
    status: 'Actual',
    msgType: 'Alert',
    source: 'Ban Chỉ huy PCTT tỉnh',
    scope: 'Public',
    codes: ['TT39/2020'],
    note: 'Phát ngay trên mọi kênh',
    references: [],
    incidents: 'bao-so-3-2026',
    infos: [
      {
        language: CAP_LANGUAGE_VI,
        categories: ['Met', 'Safety'],
        event: 'Bão số 3',
        responseTypes: ['Prepare', 'Monitor'],
        urgency: 'Expected',
        severity: 'Severe',
        certainty: 'Likely',
        audience: 'Người dân ven biển',
        eventCodes: [{ valueName: 'VN-PCTT', value: 'BAO' }],
        effective: '2026-09-06T07:30:00+07:00',
        onset: '2026-09-06T18:00:00+07:00',
        expires: '2026-09-07T19:00:00+07:00',
        senderName: 'Ban Chỉ huy PCTT và TKCN tỉnh Quảng Ninh',
        headline: 'Cảnh báo bão số 3 & mưa lớn <khẩn>',
        description: 'Gió cấp 10-11 "giật cấp 14"\nSóng biển cao 4-6 m.',
        instruction: 'Tàu thuyền không ra khơi.',
        web: 'https://tin.example.vn/public/emergencies/1?a=1&b=2',
        contact: 'Trực ban: 0203 3835 555',
        parameters: [{ valueName: 'cap-bao', value: '11' }],
        resources: [{ resourceDesc: 'Bản tin âm thanh', mimeType: 'audio/mpeg', size: 52_000, uri: 'https://tin.example.vn/a.mp3', digest: 'abc' }],
        areas: [
          {
            areaDesc: 'Phường Hà Tu; Phường Cao Xanh',
            polygons: ['20.95,107.1 20.95,107.2 21,107.2 21,107.1 20.95,107.1'],
            circles: ['20.97,107.15 5'],
            geocodes: [
              { valueName: 'VN-DVHC-2025', value: '06652' },
              { valueName: 'VN-DVHC-2025', value: '06658' },
            ],
            altitude: 0,
            ceiling: 1500.5,
          },
        ],
      },
    ],
    ...overrides,
  };
}

/** Runs xmllint against the OASIS schema on each document; returns the failures (file name and xmllint's output). */
export function validateWithSchema(documents: string[]): string[] {
  const dir = mkdtempSync(join(tmpdir(), 'cap-'));
  try {
    const files = documents.map((xml, i) => {
      const file = join(dir, `alert-${i}.xml`);
      writeFileSync(file, xml);
      return file;
    });
    const failures: string[] = [];
    for (const file of files) {
      try {
        execFileSync('xmllint', ['--noout', '--nonet', '--schema', CAP_SCHEMA, file], { stdio: 'pipe' });
      } catch (e) {
        const err = e as { stderr?: Buffer };
        failures.push(`${file}: ${err.stderr?.toString() ?? String(e)}`);
      }
    }
    return failures;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const XML_CHAR = /^[\u0009\u000A\u000D\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]*$/u;
const PIECES = ['Bão', 'lũ quét', 'sạt lở', 'Đắk Lắk', '&', '<', '>', ']]>', '"', "'", '\r\n', '\r', '\t', ' ', '&amp;', '😀', '\u00A0'];

/** Text with Vietnamese, markup characters, CR, and any other character XML 1.0 allows. */
export const capText = fc
  .array(fc.oneof(fc.constantFrom(...PIECES), fc.string({ unit: 'binary', maxLength: 6 }).filter((s) => XML_CHAR.test(s))), { maxLength: 6 })
  .map((parts) => parts.join(''));
const nonBlank = capText.filter((s) => s.trim() !== '');
const token = fc.stringMatching(/^[A-Za-z0-9._@:-]{1,24}$/);
const offset = fc.constantFrom(420, 0, -300, 330, 840, -720, 345);
const dateTime = fc.tuple(fc.date({ min: new Date('2000-01-01T00:00:00Z'), max: new Date('2099-12-31T00:00:00Z'), noInvalidDate: true }), offset).map(([d, o]) => toCapDateTime(d, o));
const coordinate = (limit: number) => fc.integer({ min: -limit * 10_000, max: limit * 10_000 }).map((v) => String(v / 10_000));
const point = fc.tuple(coordinate(90), coordinate(180)).map(([lat, lon]) => `${lat},${lon}`);
const pair: fc.Arbitrary<CapValuePair> = fc.record({ valueName: capText, value: capText });
const small = <T>(a: fc.Arbitrary<T>) => fc.array(a, { maxLength: 2 });

const resource: fc.Arbitrary<CapResource> = fc.record(
  { resourceDesc: capText, mimeType: fc.constantFrom('audio/mpeg', 'image/png', 'text/plain'), size: fc.nat(), uri: fc.webUrl(), derefUri: fc.base64String({ maxLength: 12 }), digest: fc.stringMatching(/^[0-9a-f]{0,40}$/) },
  { requiredKeys: ['resourceDesc', 'mimeType'] },
);

const area: fc.Arbitrary<CapArea> = fc
  .record({
    areaDesc: nonBlank,
    polygons: small(fc.array(point, { minLength: 3, maxLength: 5 }).map((ps) => [...ps, ps[0]].join(' '))),
    circles: small(fc.tuple(point, fc.nat({ max: 100_000 })).map(([p, r]) => `${p} ${r / 100}`)),
    geocodes: small(pair),
    heights: fc.option(fc.tuple(fc.integer({ min: -100_000, max: 100_000 }), fc.option(fc.nat({ max: 100_000 }), { nil: undefined })), { nil: undefined }),
  })
  .map(({ heights, ...a }) => {
    if (!heights) return a;
    const [altitude, extra] = heights;
    return extra === undefined ? { ...a, altitude: altitude / 100 } : { ...a, altitude: altitude / 100, ceiling: (altitude + extra) / 100 };
  });

const info: fc.Arbitrary<CapInfo> = fc.record(
  {
    language: fc.constantFrom(CAP_LANGUAGE_VI, 'en-US', 'vi'),
    categories: fc.uniqueArray(fc.constantFrom(...CAP_CATEGORIES), { minLength: 1, maxLength: 3 }),
    event: nonBlank,
    responseTypes: fc.uniqueArray(fc.constantFrom(...CAP_RESPONSE_TYPES), { maxLength: 2 }),
    urgency: fc.constantFrom(...CAP_URGENCIES),
    severity: fc.constantFrom(...CAP_SEVERITIES),
    certainty: fc.constantFrom(...CAP_CERTAINTIES),
    audience: capText,
    eventCodes: small(pair),
    effective: dateTime,
    onset: dateTime,
    expires: dateTime,
    senderName: capText,
    headline: capText,
    description: capText,
    instruction: capText,
    web: fc.webUrl(),
    contact: capText,
    parameters: small(pair),
    resources: small(resource),
    areas: small(area),
  },
  { requiredKeys: ['categories', 'event', 'responseTypes', 'urgency', 'severity', 'certainty', 'eventCodes', 'parameters', 'resources', 'areas'] },
);

/** Any alert that CAP 1.2 allows (within the limits above), Update, Cancel, Ack and Error with references. */
export const capAlert: fc.Arbitrary<CapAlert> = fc
  .record(
    {
      identifier: token,
      sender: token,
      sent: dateTime,
      status: fc.constantFrom(...CAP_STATUSES),
      msgType: fc.constantFrom(...CAP_MSG_TYPES),
      source: capText,
      scope: fc.constantFrom(...CAP_SCOPES),
      restriction: nonBlank,
      addresses: nonBlank,
      codes: small(capText),
      note: capText,
      references: fc.array(fc.record({ sender: token, identifier: token, sent: dateTime }), { minLength: 1, maxLength: 3 }),
      incidents: capText,
      infos: small(info),
      /** restriction and addresses beyond the scopes that require them. */
      optional: fc.tuple(fc.boolean(), fc.boolean()),
    },
    { requiredKeys: ['identifier', 'sender', 'sent', 'status', 'msgType', 'scope', 'codes', 'references', 'infos', 'restriction', 'addresses', 'optional'] },
  )
  .map(({ restriction, addresses, references, optional, ...a }) => ({
    ...a,
    ...(a.scope === 'Restricted' || optional[0] ? { restriction } : {}),
    ...(a.scope === 'Private' || optional[1] ? { addresses } : {}),
    references: a.msgType === 'Alert' ? [] : references.filter((r) => r.identifier !== a.identifier || r.sender !== a.sender),
  }))
  .filter((a) => a.msgType === 'Alert' || a.references.length > 0);
