import { bearer, createUnit, createUser, type TestUnit, type TestUser } from '#test/fixtures.js';
import type { TestApi } from '#test/test-api.js';

/** Shared by the plan and activity end-to-end tests: a province with its communes, members, days around today. */

export interface Member {
  user: TestUser;
  auth: string;
}

export async function member(api: TestApi, role: TestUser['role'], unit: TestUnit, name: string): Promise<Member> {
  const user = await createUser(api.db, { role, unit, username: `${name}-${unit.id.slice(0, 6)}` });
  return { user, auth: await bearer(api.http, user) };
}

/** A province (after 2025: province → commune) with `communes` communes, a village in the first, and their members. */
export async function province(api: TestApi, label: string, communes: number) {
  const unit = await createUnit(api.db, { name: `Tỉnh ${label}`, level: 'province' });
  const list: TestUnit[] = [];
  for (let i = 1; i <= communes; i++) list.push(await createUnit(api.db, { name: `Xã ${label} ${i}`, level: 'commune', parent: unit }));
  const village = await createUnit(api.db, { name: `Thôn ${label} 1`, level: 'village', parent: list[0], type: 'village' });
  return {
    unit,
    communes: list,
    village,
    supervisor: await member(api, 'supervisor', unit, 'lanhdao-tinh'),
    admin: await member(api, 'admin', unit, 'qtv-tinh'),
    officers: await Promise.all(list.map((c, i) => member(api, 'officer', c, `canbo-xa${i + 1}`))),
  };
}

/** The calendar day `offset` days from today in Việt Nam, as the API reckons "today" for units without a zone of their own. */
export function vnDay(offset = 0): string {
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Ho_Chi_Minh', year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());
  const at = new Date(`${today}T00:00:00Z`);
  at.setUTCDate(at.getUTCDate() + offset);
  return at.toISOString().slice(0, 10);
}

export function activityPayload(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    kind: 'conference',
    title: 'Hội nghị tuyên truyền cải cách thủ tục hành chính',
    occurredOn: vnDay(-3),
    place: 'Hội trường UBND xã',
    participants: 120,
    contentGroups: ['one-stop-shop'],
    ...overrides,
  };
}

export async function planRowCounts(api: TestApi): Promise<Record<string, number>> {
  const [row] = await api.db.query(
    `SELECT (SELECT count(*) FROM communication_plan)::int AS plans, (SELECT count(*) FROM plan_target)::int AS targets,
            (SELECT count(*) FROM plan_target_override)::int AS overrides, (SELECT count(*) FROM communication_activity)::int AS activities,
            (SELECT count(*) FROM audit_event)::int AS audit`,
  );
  return row;
}
