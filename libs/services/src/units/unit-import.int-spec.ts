import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { randomBytes } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { loadConfig } from '#config/index.js';
import { createDataSource, runMigrations } from '#persistence/index.js';
import { UnitImportRepository } from '#persistence/repositories/unit-import.repository.js';
import { adminQuery, databaseUrl } from '#test/test-database.js';
import { UnitImportService } from './unit-import.service.js';

const HEADER = 'code,parent_code,level,type,name,full_name,name_en';

describe('UnitImportService against a fresh database', () => {
  const dbName = `tincoso_t_units_${process.pid}_${randomBytes(4).toString('hex')}`;
  const dataDir = resolve(loadConfig({ NODE_ENV: 'test' }).unitsDataDir);
  const tmp = mkdtempSync(join(tmpdir(), 'tincoso-units-'));
  let db: DataSource;
  let importer: UnitImportService;

  const csv = (name: string, lines: string[]) => {
    const path = join(tmp, name);
    writeFileSync(path, `${[HEADER, ...lines].join('\n')}\n`);
    return path;
  };
  const snapshot = async () =>
    (await db.query(`SELECT id, xmin::text AS xmin, updated_at, path::text AS path FROM admin_unit ORDER BY id`)) as unknown[];

  beforeAll(async () => {
    // An empty, migrated database: the shared template already holds the lists, this test imports them itself.
    await adminQuery(`CREATE DATABASE "${dbName}"`);
    db = await createDataSource(databaseUrl(dbName)).initialize();
    await runMigrations(db);
    importer = new UnitImportService(new UnitImportRepository(db));
  });
  afterAll(async () => {
    await db?.destroy();
    await adminQuery(`DROP DATABASE IF EXISTS "${dbName}" WITH (FORCE)`);
    rmSync(tmp, { recursive: true, force: true });
  });

  it('imports both official lists as trees with their source and validity dates', async () => {
    const started = Date.now();
    const summary = await importer.importOfficialLists(dataDir);
    const elapsed = Date.now() - started;

    expect(summary).toEqual({
      'vn-2025': { inserted: 3_355, updated: 0, unchanged: 0, rejected: [] },
      'vn-pre2025': { inserted: 10_794, updated: 0, unchanged: 0, rejected: [] },
    });
    expect(elapsed).toBeLessThan(10_000);
    const levels = await db.query(`SELECT source, level, count(*)::int AS n FROM admin_unit GROUP BY source, level ORDER BY source, level`);
    expect(levels.map((r: { source: string; level: string; n: number }) => [r.source, r.level, r.n])).toEqual([
      ['vn-2025', 'commune', 3_321],
      ['vn-2025', 'province', 34],
      ['vn-pre2025', 'commune', 10_035],
      ['vn-pre2025', 'district', 696],
      ['vn-pre2025', 'province', 63],
    ]);
    const dates = await db.query(
      `SELECT source, array_agg(DISTINCT coalesce(valid_from::text, '-')) AS froms, array_agg(DISTINCT coalesce(valid_to::text, '-')) AS tos
         FROM admin_unit GROUP BY source ORDER BY source`,
    );
    expect(dates).toEqual([
      { source: 'vn-2025', froms: ['2025-07-01'], tos: ['-'] },
      { source: 'vn-pre2025', froms: ['-'], tos: ['2025-06-30'] },
    ]);

    const [tree] = await db.query(`
      SELECT count(*) FILTER (WHERE c.level <> 'province' AND (p.id IS NULL OR p.source <> c.source))::int AS orphans,
             count(*) FILTER (WHERE c.level = 'province' AND c.parent_id IS NOT NULL)::int AS parented_provinces,
             count(*) FILTER (WHERE c.depth <> nlevel(c.path))::int AS wrong_depth,
             count(*) FILTER (WHERE p.id IS NOT NULL AND c.path <> p.path || replace(c.id::text, '-', '')::ltree)::int AS wrong_path,
             count(*) FILTER (WHERE c.level = 'commune' AND p.level NOT IN ('province', 'district'))::int AS misplaced_communes
        FROM admin_unit c LEFT JOIN admin_unit p ON p.id = c.parent_id`);
    expect(tree).toEqual({ orphans: 0, parented_provinces: 0, wrong_depth: 0, wrong_path: 0, misplaced_communes: 0 });

    const [caoBang] = await db.query(
      `SELECT name, full_name, name_en, search_name, depth FROM admin_unit WHERE source = 'vn-2025' AND code = '04'`,
    );
    expect(caoBang).toEqual({ name: 'Cao Bằng', full_name: 'Tỉnh Cao Bằng', name_en: 'Cao Bang', search_name: 'cao bang tinh cao bang', depth: 1 });
  });

  it('changes nothing when run a second time', async () => {
    const before = await snapshot();
    const summary = await importer.importOfficialLists(dataDir);
    expect(summary).toEqual({
      'vn-2025': { inserted: 0, updated: 0, unchanged: 3_355, rejected: [] },
      'vn-pre2025': { inserted: 0, updated: 0, unchanged: 10_794, rejected: [] },
    });
    expect(await snapshot()).toEqual(before);
  });

  it('rejects bad rows by line number and imports the others', async () => {
    const path = csv('bad-rows.csv', [
      'T01,,province,province,Thử Nghiệm,Tỉnh Thử Nghiệm,Thu Nghiem', // line 2
      'T0101,T01,commune,commune,Hòa Bình,Xã Hòa Bình,Hoa Binh', // line 3
      'T0102,T99,commune,commune,Mồ Côi,Xã Mồ Côi,Mo Coi', // line 4: no such parent
      'T0103,T01,commune,commune,,Xã Không Tên,', // line 5: no name
      'T0104,T01,hamlet,hamlet,Ấp Lạ,Ấp Lạ,', // line 6: unknown level
      'T0101,T01,commune,commune,Trùng,Xã Trùng,', // line 7: duplicate code
      'T0105,T0102,village,village,Thôn Con,Thôn Con,', // line 8: its parent was refused
      'T0106,T0101,province,province,Ngược,Tỉnh Ngược,', // line 9: a province under a commune
      'T0107,01,commune,ward,Cũ Nối,Phường Cũ Nối,', // line 10: parent from the list already in the database
    ]);
    const summary = await importer.importFiles([{ source: 'vn-2025', path }]);
    expect(summary['vn-2025']).toEqual({
      inserted: 3,
      updated: 0,
      unchanged: 0,
      rejected: [
        { row: 4, reason: 'không tìm thấy đơn vị cấp trên có mã "T99" trong danh sách' },
        { row: 5, reason: 'thiếu tên đơn vị (name)' },
        { row: 6, reason: expect.stringContaining('cấp "hamlet" không hợp lệ') },
        { row: 7, reason: 'mã "T0101" trùng với dòng 3' },
        { row: 8, reason: expect.stringContaining('đơn vị cấp trên (mã "T0102") bị từ chối') },
        { row: 9, reason: 'đơn vị cấp "province" không thể trực thuộc đơn vị cấp "commune" (mã "T0101")' },
      ],
    });
    const rows = await db.query(
      `SELECT c.code, p.code AS parent_code, c.depth, c.valid_from::text AS valid_from
         FROM admin_unit c LEFT JOIN admin_unit p ON p.id = c.parent_id
        WHERE c.source = 'vn-2025' AND c.code IN ('T01', 'T0101', 'T0102', 'T0103', 'T0104', 'T0105', 'T0106', 'T0107')
        ORDER BY c.code`,
    );
    expect(rows).toEqual([
      { code: 'T01', parent_code: null, depth: 1, valid_from: '2025-07-01' },
      { code: 'T0101', parent_code: 'T01', depth: 2, valid_from: '2025-07-01' },
      { code: 'T0107', parent_code: '01', depth: 2, valid_from: '2025-07-01' },
    ]);
  });

  it('moves a unit to its new parent and carries the villages added below it', async () => {
    const [commune] = await db.query(`SELECT id, path::text AS path FROM admin_unit WHERE source = 'vn-2025' AND code = 'T0101'`);
    const [village] = await db.query(
      `INSERT INTO admin_unit (id, parent_id, path, depth, source, level, type, name, full_name, search_name)
       SELECT v.id, $1, $2::ltree || replace(v.id::text, '-', '')::ltree, nlevel($2::ltree) + 1, 'local', 'village', 'village',
              'Thôn Một', 'Thôn Một', 'thon mot'
         FROM (SELECT gen_random_uuid() AS id) v
       RETURNING id`,
      [commune.id, commune.path],
    );
    const path = csv('moved.csv', ['T0101,04,commune,commune,Hòa Bình,Xã Hòa Bình,Hoa Binh']);

    const summary = await importer.importFiles([{ source: 'vn-2025', path }]);

    expect(summary['vn-2025']).toEqual({ inserted: 0, updated: 1, unchanged: 0, rejected: [] });
    const [caoBang] = await db.query(`SELECT id, path::text AS path FROM admin_unit WHERE source = 'vn-2025' AND code = '04'`);
    const [moved] = await db.query(`SELECT parent_id, path::text AS path FROM admin_unit WHERE id = $1`, [commune.id]);
    expect(moved).toEqual({ parent_id: caoBang.id, path: `${caoBang.path}.${commune.id.replace(/-/g, '')}` });
    const [child] = await db.query(`SELECT path::text AS path, depth FROM admin_unit WHERE id = $1`, [village.id]);
    expect(child).toEqual({ path: `${moved.path}.${village.id.replace(/-/g, '')}`, depth: 3 });
  });
});
