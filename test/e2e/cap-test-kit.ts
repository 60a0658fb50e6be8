import type { DataSource } from 'typeorm';
import { CAP_LANGUAGE_VI, toCapXml, type CapAlert, type CapReference } from '#emergencies/cap/index.js';
import type { TestUnit } from '#test/fixtures.js';

/** An official unit of the template's 2025 list, by code. */
export async function officialUnit(db: DataSource, code: string): Promise<TestUnit> {
  const [row] = await db.query(`SELECT id, path::text AS path, full_name AS name FROM admin_unit WHERE source = 'vn-2025' AND code = $1`, [code]);
  if (!row) throw new Error(`no unit ${code} in the template`);
  return row;
}

/** Rows of every table a CAP import may write: none may change when it is refused or ignored. */
export async function capCounts(db: DataSource): Promise<Record<string, number>> {
  const [row] = await db.query(
    `SELECT (SELECT count(*) FROM message)::int AS messages, (SELECT count(*) FROM message_version)::int AS versions,
            (SELECT count(*) FROM broadcast)::int AS broadcasts, (SELECT count(*) FROM emergency)::int AS emergencies,
            (SELECT count(*) FROM emergency_change)::int AS changes, (SELECT count(*) FROM cap_message)::int AS "capMessages",
            (SELECT count(*) FROM app_user)::int AS users, (SELECT count(*) FROM audit_event)::int AS audit`,
  );
  return row;
}

let sequence = 0;

/** A CAP 1.2 message from a provincial system, over the given commune codes (VN-DVHC-2025). */
export function incomingAlert(input: {
  codes: string[];
  msgType?: CapAlert['msgType'];
  references?: CapReference[];
  headline?: string;
  description?: string;
  sender?: string;
  identifier?: string;
}): CapAlert {
  sequence += 1;
  return {
    identifier: input.identifier ?? `QN-PCTT-2026-${Date.now()}-${sequence}`,
    sender: input.sender ?? 'pctt@quangninh.example.vn',
    sent: `2026-09-06T07:${String(10 + (sequence % 50)).padStart(2, '0')}:00+07:00`,
    status: 'Actual',
    msgType: input.msgType ?? 'Alert',
    scope: 'Public',
    codes: [],
    references: input.references ?? [],
    infos: [
      {
        language: CAP_LANGUAGE_VI,
        categories: ['Met'],
        event: 'Lũ quét',
        responseTypes: ['Evacuate'],
        urgency: 'Immediate',
        severity: 'Extreme',
        certainty: 'Observed',
        eventCodes: [],
        headline: input.headline ?? 'Cảnh báo lũ quét',
        description: input.description ?? 'Nước suối dâng nhanh. Người dân các thôn ven suối di chuyển ngay lên nhà văn hóa.',
        parameters: [],
        resources: [],
        areas: [{ areaDesc: 'Các phường ven suối', polygons: [], circles: [], geocodes: input.codes.map((value) => ({ valueName: 'VN-DVHC-2025', value })) }],
      },
    ],
  };
}

export const capXml = (alert: CapAlert): string => toCapXml(alert);
export const refOf = (a: CapAlert): CapReference => ({ sender: a.sender, identifier: a.identifier, sent: a.sent });
