import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '#config/index.js';
import type { Actor, Role, UnitSource } from '#domain/index.js';
import { UnitRepository, UserRepository } from '#persistence/index.js';
import { PasswordHasher } from '../auth/password-hasher.js';
import { MessagesService } from '../messages/messages.service.js';
import { searchNameOf, villageFullName } from '../units/unit-text.js';
import { DEMO_MESSAGES } from './demo-content.js';
import { DemoPlanSeeder } from './demo-plan.seeder.js';

export const DEMO_PASSWORD = 'tincoso-demo-2025';

interface DemoUser {
  username: string;
  displayName: string;
  role: Role;
  unit: { source: UnitSource; code: string };
}

/**
 * Two areas: Cao Bằng after the 2025 reform (province → commune) and Hà Giang before it
 * (province → district → commune), so both approval paths can be tried.
 */
export const DEMO_USERS: DemoUser[] = [
  { username: 'admin.tinh', displayName: 'Quản trị viên tỉnh Cao Bằng', role: 'admin', unit: { source: 'vn-2025', code: '04' } },
  { username: 'lanhdao.tinh', displayName: 'Lãnh đạo Sở VHTTDL Cao Bằng', role: 'supervisor', unit: { source: 'vn-2025', code: '04' } },
  { username: 'canbo.xa', displayName: 'Cán bộ VH-TT xã Bảo Lâm', role: 'officer', unit: { source: 'vn-2025', code: '01290' } },
  { username: 'lanhdao.huyen', displayName: 'Lãnh đạo Thành phố Hà Giang', role: 'supervisor', unit: { source: 'vn-pre2025', code: '024' } },
  { username: 'canbo.xa.huyen', displayName: 'Cán bộ VH-TT phường Quang Trung', role: 'officer', unit: { source: 'vn-pre2025', code: '00688' } },
];

export const DEMO_SUBSCRIBERS = 200;

/**
 * Seeds demo users, messages in every content group through the real workflow, subscribers, and the
 * province's plan for this year with a few activities. Idempotent.
 */
@Injectable()
export class DemoSeedService {
  private readonly logger = new Logger(DemoSeedService.name);

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly users: UserRepository,
    private readonly units: UnitRepository,
    private readonly hasher: PasswordHasher,
    private readonly messages: MessagesService,
    private readonly plans: DemoPlanSeeder,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async seed(): Promise<{ users: number; messages: number; subscribers: number; plans: number; activities: number }> {
    const hash = await this.hasher.hash(DEMO_PASSWORD);
    let users = 0;
    for (const u of DEMO_USERS) {
      const [unit] = await this.db.query(`SELECT id FROM admin_unit WHERE source = $1 AND code = $2`, [u.unit.source, u.unit.code]);
      if (!unit) throw new Error(`unit ${u.unit.source}/${u.unit.code} is missing: run import-units first`);
      const inserted = await this.db.query(
        `INSERT INTO app_user (username, display_name, password_hash, role, unit_id) VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (username) DO NOTHING RETURNING id`,
        [u.username, u.displayName, hash, u.role, unit.id],
      );
      users += inserted.length;
    }
    const actor = async (username: string): Promise<Actor> => {
      const [{ id }] = await this.db.query(`SELECT id FROM app_user WHERE username = $1`, [username]);
      return (await this.users.findActiveActor(id)) as Actor;
    };
    const officer = await actor('canbo.xa');
    const [{ n: existing }] = await this.db.query(`SELECT count(*)::int AS n FROM message WHERE created_by = $1`, [officer.userId]);
    let messages = 0;
    if (existing === 0) {
      const supervisor = await actor('lanhdao.tinh');
      for (const m of DEMO_MESSAGES) messages += await this.seedMessage(officer, supervisor, m);
      const districtOfficer = await actor('canbo.xa.huyen');
      const districtSupervisor = await actor('lanhdao.huyen');
      messages += await this.seedMessage(districtOfficer, districtSupervisor, { ...DEMO_MESSAGES[4], fate: 'approved' });
      messages += await this.seedMessage(districtOfficer, districtSupervisor, { ...DEMO_MESSAGES[6], fate: 'submitted' });
    }
    await this.seedVillages(officer.unitId, ['Nà Pồng', 'Khau Cau']);
    const subscribers = await this.seedSubscribers(officer.unitId);
    const timeZone = (await this.units.findRef(officer.unitId))?.timeZone ?? this.config.defaultTimeZone;
    const { plans, activities } = await this.plans.seed(await actor('lanhdao.tinh'), officer, timeZone);
    this.logger.log({ users, messages, subscribers, plans, activities }, 'demo data seeded');
    return { users, messages, subscribers, plans, activities };
  }

  private async seedMessage(author: Actor, reviewer: Actor, m: (typeof DEMO_MESSAGES)[number]): Promise<number> {
    const created = await this.messages.create(author, author.unitId, {
      title: m.title,
      body: m.body,
      contentGroup: m.contentGroup,
      reformAreas: [],
      indices: m.contentGroup === 'par-sipas' ? ['PAR_INDEX', 'SIPAS'] : [],
      audiences: ['citizens'],
      priority: m.priority ?? 'normal',
      renditions: { sms: m.sms, loudspeaker: m.loudspeaker, social: m.body, board: { title: m.title, body: m.body.slice(0, 300) } },
      attachmentIds: [],
    });
    if (m.fate === 'draft') return 1;
    await this.messages.submit(author, created.id, 1);
    if (m.fate === 'approved') await this.messages.approve(reviewer, created.id, 1, 'Đồng ý phát');
    if (m.fate === 'returned') await this.messages.return(reviewer, created.id, 1, 'Đề nghị bổ sung số liệu cụ thể của từng thôn');
    return 1;
  }

  /** Two villages (thôn) under the demo commune, for village targeting and the sample CSV; named as officers add them. */
  private async seedVillages(communeId: string, names: string[]): Promise<void> {
    const commune = (await this.units.findRef(communeId))!;
    const existing = new Set((await this.units.childNames(communeId)).map((child) => child.name));
    for (const name of names.filter((n) => !existing.has(n))) {
      const fullName = villageFullName(name, 'village');
      await this.units.insertLocal(
        { parent: commune, level: 'village', type: 'village', code: null, name, fullName, searchName: searchNameOf(name, fullName) },
        this.db.manager,
      );
    }
  }

  /** Demo citizens with numbers in a range no real subscriber has (+84 91 99x xxxx), half of them tagged by audience. */
  private async seedSubscribers(unitId: string): Promise<number> {
    const rows = await this.db.query(
      `INSERT INTO subscriber (phone, full_name, unit_id, tags, consent_source, consent_at)
       SELECT '+849199' || lpad(n::text, 5, '0'), 'Công dân mẫu ' || n, $1,
              CASE WHEN n % 2 = 0 THEN ARRAY['hoi-nong-dan'] ELSE ARRAY['doan-thanh-nien'] END, 'officer', now()
         FROM generate_series(1, $2::int) AS n
       ON CONFLICT (phone) DO NOTHING RETURNING id`,
      [unitId, DEMO_SUBSCRIBERS],
    );
    return rows.length;
  }
}
