import 'reflect-metadata';
import type { DataSource } from 'typeorm';
import { createUnit, createUser, type TestUnit } from '#test/fixtures.js';
import { createTestDatabase } from '#test/test-database.js';
import { createDataSource } from '../data-source.js';
import { TransactionRunner } from '../transaction-runner.js';
import { MessageRepository, type MessageContent } from './message.repository.js';

const content = (title: string): MessageContent => ({
  title,
  body: 'Nội dung',
  contentGroup: 'importance',
  reformAreas: [],
  indices: [],
  audiences: [],
  priority: 'normal',
  renditions: {},
  attachmentIds: [],
});

describe('MessageRepository against Postgres', () => {
  let database: Awaited<ReturnType<typeof createTestDatabase>>;
  let db: DataSource;
  let repo: MessageRepository;
  let transactions: TransactionRunner;
  let province: TestUnit;
  let district: TestUnit;
  let commune: TestUnit;
  let village: TestUnit;
  let authorId: string;

  beforeAll(async () => {
    database = await createTestDatabase();
    db = await createDataSource(database.url).initialize();
    repo = new MessageRepository(db);
    transactions = new TransactionRunner(db);
    province = await createUnit(db, { name: 'Tỉnh Chuỗi', level: 'province' });
    district = await createUnit(db, { name: 'Huyện Chuỗi', level: 'district', parent: province });
    commune = await createUnit(db, { name: 'Xã Chuỗi', level: 'commune', parent: district });
    village = await createUnit(db, { name: 'Thôn Chuỗi', level: 'village', parent: commune });
    authorId = (await createUser(db, { role: 'officer', unit: commune })).id;
  });
  afterAll(async () => {
    await db.destroy();
    await database.drop();
  });

  it('lists the approval chain nearest first at any depth, with active supervisors only', async () => {
    const p1 = await createUser(db, { role: 'supervisor', unit: province });
    const p2 = await createUser(db, { role: 'supervisor', unit: province });
    const disabled = await createUser(db, { role: 'supervisor', unit: district });
    await db.query(`UPDATE app_user SET disabled_at = now() WHERE id = $1`, [disabled.id]);
    await createUser(db, { role: 'officer', unit: district });
    await createUser(db, { role: 'supervisor', unit: await createUnit(db, { name: 'Xã Bên', level: 'commune', parent: district }) });

    const chain = await repo.approvalChain(village.path, db.manager);
    expect(chain).toEqual([
      { unitId: village.id, supervisorIds: [] },
      { unitId: commune.id, supervisorIds: [] },
      { unitId: district.id, supervisorIds: [] },
      { unitId: province.id, supervisorIds: [p1.id, p2.id].sort() },
    ]);
  });

  it('finds a message only inside the scope', async () => {
    const id = await transactions.run((tx) => repo.insert({ unitId: commune.id, authorId, content: content('Trong phạm vi') }, tx));
    expect(await repo.findInScope({ unitPath: province.path }, id)).toEqual(expect.objectContaining({ id, unitName: 'Xã Chuỗi' }));
    expect(await repo.findInScope({ unitPath: commune.path }, id)).not.toBeNull();
    expect(await repo.findInScope({ unitPath: village.path }, id)).toBeNull();
    expect(await transactions.run((tx) => repo.lockInScope({ unitPath: village.path }, id, tx))).toBeNull();
  });

  it('serialises changes: a second lock waits for the first and then sees its new version and author', async () => {
    const id = await transactions.run((tx) => repo.insert({ unitId: commune.id, authorId, content: content('Khóa') }, tx));
    const editor = await createUser(db, { role: 'officer', unit: commune });
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    let firstLocked!: () => void;
    const locked = new Promise<void>((resolve) => (firstLocked = resolve));

    const first = transactions.run(async (tx) => {
      await repo.lockInScope({ unitPath: commune.path }, id, tx);
      firstLocked();
      await held;
      await repo.insertVersion(id, 2, editor.id, content('Khóa v2'), tx);
      await repo.markEdited(id, 2, tx);
    });
    await locked;
    const second = transactions.run((tx) => repo.lockInScope({ unitPath: commune.path }, id, tx));
    await new Promise((resolve) => setTimeout(resolve, 100));
    release();
    await first;
    expect(await second).toEqual(expect.objectContaining({ currentVersion: 2, currentAuthorId: editor.id, status: 'draft' }));
  });

  it('searches titles ignoring case and diacritics, and treats % and _ literally', async () => {
    await transactions.run((tx) => repo.insert({ unitId: village.id, authorId, content: content('CẢI CÁCH THỦ TỤC Hành Chính') }, tx));
    await transactions.run((tx) => repo.insert({ unitId: village.id, authorId, content: content('Giảm 50% thời gian') }, tx));
    const titles = async (q: string) =>
      (await repo.list({ unitPath: village.path }, { q, limit: 10, offset: 0 })).items.map((m) => m.version.title);
    expect(await titles('cai cach thu tuc')).toEqual(['CẢI CÁCH THỦ TỤC Hành Chính']);
    expect(await titles('hành chính')).toEqual(['CẢI CÁCH THỦ TỤC Hành Chính']);
    expect(await titles('50%')).toEqual(['Giảm 50% thời gian']);
    expect(await titles('5_%')).toEqual([]);
  });

  it('fills a supervisor’s inbox with what was submitted to their unit, less the versions they wrote', async () => {
    const s1 = await createUser(db, { role: 'supervisor', unit: district });
    const s2 = await createUser(db, { role: 'supervisor', unit: district });
    const scope = { unitPath: district.path };
    const bySupervisor = await transactions.run(async (tx) => {
      const id = await repo.insert({ unitId: commune.id, authorId: s1.id, content: content('Hộp thư') }, tx);
      await repo.markSubmitted(id, district.id, tx);
      return id;
    });
    const page = { limit: 10, offset: 0 };
    expect((await repo.inbox(scope, { unitId: district.id, userId: s1.id }, page)).items.map((m) => m.id)).not.toContain(bySupervisor);
    expect((await repo.inbox(scope, { unitId: district.id, userId: s2.id }, page)).items.map((m) => m.id)).toContain(bySupervisor);
    expect((await repo.inbox({ unitPath: province.path }, { unitId: province.id, userId: s2.id }, page)).items.map((m) => m.id)).not.toContain(bySupervisor);
  });
});
