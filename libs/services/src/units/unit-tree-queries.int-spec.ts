import { DataSource } from 'typeorm';
import { createDataSource } from '#persistence/index.js';
import { UnitRepository } from '#persistence/repositories/unit.repository.js';
import { createTestDatabase } from '#test/test-database.js';

interface PlanNode {
  'Node Type': string;
  'Relation Name'?: string;
  'Index Name'?: string;
  Plans?: PlanNode[];
}

const flatten = (node: PlanNode): PlanNode[] => [node, ...(node.Plans ?? []).flatMap(flatten)];

/**
 * The subtree and ancestor queries the repository really sends, planned over the ~14,000
 * units of both official lists (the template database holds them).
 */
describe('unit tree queries over the official lists', () => {
  let database: Awaited<ReturnType<typeof createTestDatabase>>;
  let db: DataSource;
  let captured: { sql: string; params: unknown[] }[];
  let units: UnitRepository;
  let provinces: { path: string }[];

  beforeAll(async () => {
    database = await createTestDatabase();
    db = await createDataSource(database.url).initialize();
    // The repository's own SQL is recorded on its way to Postgres, so the plans below are of the real queries.
    const recording = Object.create(db) as DataSource;
    recording.query = (async (sql: string, params?: unknown[]) => {
      captured.push({ sql, params: params ?? [] });
      return db.query(sql, params);
    }) as DataSource['query'];
    units = new UnitRepository(recording);
    provinces = await db.query(`SELECT path::text AS path FROM admin_unit WHERE level = 'province'`);
  });
  afterAll(async () => {
    await db?.destroy();
    await database?.drop();
  });

  const plansOf = async (run: () => Promise<unknown>) => {
    captured = [];
    await run();
    const plans: PlanNode[][] = [];
    for (const { sql, params } of captured.filter((c) => /admin_unit/.test(c.sql))) {
      const [{ 'QUERY PLAN': plan }] = await db.query(`EXPLAIN (FORMAT JSON) ${sql}`, params);
      plans.push(flatten(plan[0].Plan));
    }
    return plans;
  };
  const expectIndexed = (plans: PlanNode[][], index: string) => {
    expect(plans.length).toBeGreaterThan(0);
    for (const nodes of plans) {
      expect(nodes.filter((n) => n['Node Type'] === 'Seq Scan' && n['Relation Name'] === 'admin_unit')).toEqual([]);
      expect(nodes.map((n) => n['Index Name'])).toContain(index);
    }
  };

  it('has both lists loaded', async () => {
    const [{ n }] = await db.query(`SELECT count(*)::int AS n FROM admin_unit`);
    expect(n).toBeGreaterThanOrEqual(14_149);
    // 63 provinces before the 2025 merger, 34 after.
    expect(provinces.length).toBe(97);
  });

  it('answers subtree queries from the GiST path index', async () => {
    const [hanoi] = await db.query(`SELECT path::text AS path FROM admin_unit WHERE source = 'vn-pre2025' AND code = '01'`);
    expectIndexed(await plansOf(() => units.search({ unitPath: hanoi.path }, { limit: 20, offset: 0 })), 'ix_admin_unit_path');
    expectIndexed(
      await plansOf(() => units.search({ unitPath: hanoi.path }, { level: 'commune', validOn: '2025-01-01', limit: 20, offset: 40 })),
      'ix_admin_unit_path',
    );
  });

  it('answers ancestor queries from the GiST path index', async () => {
    const [commune] = await db.query(`SELECT path::text AS path FROM admin_unit WHERE source = 'vn-pre2025' AND code = '00001'`);
    expectIndexed(await plansOf(() => units.ancestorsOf(commune.path)), 'ix_admin_unit_path');
  });
});
