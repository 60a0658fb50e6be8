import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { createUnit, type TestUnit } from '#test/fixtures.js';
import { createTestDatabase } from '#test/test-database.js';
import { createDataSource } from '../data-source.js';
import { UnitRepository } from './unit.repository.js';

describe('UnitRepository.findRefs against Postgres', () => {
  let database: Awaited<ReturnType<typeof createTestDatabase>>;
  let db: DataSource;
  let repo: UnitRepository;
  let commune: TestUnit;
  let village: TestUnit;
  let elsewhere: TestUnit;
  let queries: number;

  beforeAll(async () => {
    database = await createTestDatabase();
    db = await createDataSource(database.url).initialize();
    const counting = Object.create(db) as DataSource;
    counting.query = ((...args: Parameters<DataSource['query']>) => {
      queries += 1;
      return db.query(...args);
    }) as DataSource['query'];
    Object.defineProperty(counting, 'manager', { value: { query: counting.query } });
    repo = new UnitRepository(counting);
    const province = await createUnit(db, { name: 'Tỉnh Tập', level: 'province' });
    commune = await createUnit(db, { name: 'Xã Tập', level: 'commune', parent: province });
    village = await createUnit(db, { name: 'Thôn Tập', level: 'village', parent: commune });
    elsewhere = await createUnit(db, { name: 'Tỉnh Ngoài', level: 'province' });
  });
  afterAll(async () => {
    await db?.destroy();
    await database?.drop();
  });
  beforeEach(() => {
    queries = 0;
  });

  it('returns the units of the caller subtree keyed by id, in one query, leaving out the others', async () => {
    const missing = randomUUID();
    const found = await repo.findRefs({ unitPath: commune.path }, [village.id, elsewhere.id, commune.id, missing]);
    expect(queries).toBe(1);
    expect([...found.keys()].sort()).toEqual([commune.id, village.id].sort());
    expect(found.get(village.id)).toEqual({ id: village.id, path: village.path, level: 'village', name: 'Thôn Tập', timeZone: null });
  });

  it('without a scope returns every unit that exists', async () => {
    const found = await repo.findRefs(null, [village.id, elsewhere.id, randomUUID()]);
    expect(queries).toBe(1);
    expect([...found.keys()].sort()).toEqual([village.id, elsewhere.id].sort());
    expect(found.get(elsewhere.id)?.path).toBe(elsewhere.path);
  });

  it('sends no query for no ids', async () => {
    expect(await repo.findRefs(null, [])).toEqual(new Map());
    expect(queries).toBe(0);
  });
});
