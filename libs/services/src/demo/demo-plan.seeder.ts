import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { localDate, type Actor } from '#domain/index.js';
import type { TargetInput } from '#domain/plans/index.js';
import { ActivitiesService } from '../activities/activities.service.js';
import { PlansService } from '../plans/plans.service.js';

export const DEMO_PLAN_TITLE = 'Kế hoạch thông tin, tuyên truyền cải cách hành chính';

/** Every commune of the province: what the 1216 plan asks of a commune in a year. */
const TARGETS: TargetInput[] = [
  { metric: 'broadcasts', unitLevel: 'commune', value: 48 },
  { metric: 'loudspeaker-minutes', channel: 'loudspeaker', unitLevel: 'commune', value: 600 },
  { metric: 'sms-reach', unitLevel: 'commune', value: 60 },
  { metric: 'posts', unitLevel: 'commune', value: 24 },
  { metric: 'activities', unitLevel: 'commune', value: 4 },
];

/** The demo commune (Bảo Lâm) is asked more broadcasts than the others: an override. */
const OVERRIDE = { metric: 'broadcasts', value: 72 };

/** Activities the demo commune recorded earlier this year (days before today, clamped to the year). */
const ACTIVITIES = [
  { kind: 'conference', title: 'Hội nghị triển khai Kế hoạch cải cách hành chính năm', daysAgo: 60, place: 'Hội trường UBND xã', participants: 85, contentGroups: ['importance', 'policy'] },
  { kind: 'dialogue', title: 'Đối thoại với người dân về thủ tục đất đai', daysAgo: 30, place: 'Nhà văn hóa thôn Nà Pồng', participants: 42, contentGroups: ['one-stop-shop'] },
  { kind: 'mobile-propaganda', title: 'Tuyên truyền lưu động về nộp hồ sơ trực tuyến', daysAgo: 7, place: 'Chợ phiên xã', participants: 150, contentGroups: ['modernisation'] },
] as const;

/**
 * The province's plan for this year with targets for every commune and one override, and a few
 * activities of the demo commune. Idempotent: a plan of the same title and year, or an activity of
 * the same title, is left as it is.
 */
@Injectable()
export class DemoPlanSeeder {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly plans: PlansService,
    private readonly activities: ActivitiesService,
  ) {}

  async seed(supervisor: Actor, officer: Actor, timeZone: string): Promise<{ plans: number; activities: number }> {
    const today = localDate(new Date(), timeZone);
    const year = Number(today.slice(0, 4));
    let plans = 0;
    const [existing] = await this.db.query(
      `SELECT id FROM communication_plan WHERE unit_id = $1 AND title = $2 AND period_from = $3::date`,
      [supervisor.unitId, DEMO_PLAN_TITLE, `${year}-01-01`],
    );
    if (!existing) {
      const decision = { number: '07/KH-UBND', date: `${year}-01-15`, signer: 'Phó Chủ tịch UBND tỉnh' };
      const plan = await this.plans.create(supervisor, supervisor.unitId, { title: DEMO_PLAN_TITLE, year, decision }, TARGETS);
      const target = plan.targets.find((t) => t.metric === OVERRIDE.metric && !t.channel && !t.contentGroup)!;
      await this.plans.setOverride(supervisor, plan.id, target.id, officer.unitId, OVERRIDE.value);
      plans = 1;
    }
    let activities = 0;
    for (const a of ACTIVITIES) {
      const [found] = await this.db.query(`SELECT 1 FROM communication_activity WHERE unit_id = $1 AND title = $2`, [officer.unitId, a.title]);
      if (found) continue;
      const day = new Date(`${today}T00:00:00Z`);
      day.setUTCDate(day.getUTCDate() - a.daysAgo);
      const occurredOn = day.toISOString().slice(0, 10) < `${year}-01-01` ? `${year}-01-01` : day.toISOString().slice(0, 10);
      const { daysAgo: _daysAgo, contentGroups, ...fields } = a;
      await this.activities.create(officer, officer.unitId, { ...fields, occurredOn, contentGroups: [...contentGroups], attachmentIds: [] });
      activities += 1;
    }
    return { plans, activities };
  }
}
