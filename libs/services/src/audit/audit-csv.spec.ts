import type { AuditRow } from '#persistence/repositories/audit.repository.js';
import { auditCells, auditCsv } from './audit-csv.js';

const row = (overrides: Partial<AuditRow> = {}): AuditRow => ({
  id: '1',
  occurredAt: new Date('2026-12-31T17:05:09Z'),
  actorId: 'a1',
  actorName: 'Nguyễn Văn A',
  actorUsername: 'canbo.a',
  unitId: 'u1',
  unitName: 'Xã Tân Lập',
  entityType: 'message',
  entityId: 'm1',
  action: 'return',
  versionNo: 3,
  comment: null,
  data: {},
  ...overrides,
});

describe('audit CSV', () => {
  it('writes the time as dd/MM/yyyy HH:mm:ss on the wall clock of the zone', () => {
    expect(auditCells(row(), 'Asia/Ho_Chi_Minh')[0]).toBe('01/01/2027 00:05:09');
    expect(auditCells(row(), 'UTC')[0]).toBe('31/12/2026 17:05:09');
  });

  it('labels actions and entities in Vietnamese, keeping unknown codes as they are', () => {
    expect(auditCells(row(), 'Asia/Ho_Chi_Minh').slice(4, 6)).toEqual(['Trả lại', 'Tin bài']);
    expect(auditCells(row({ action: 'teleport', entityType: 'spaceship' }), 'UTC').slice(4, 6)).toEqual(['teleport', 'spaceship']);
  });

  it('names the system when no one acted and the unit id when the unit is gone', () => {
    const cells = auditCells(row({ actorId: null, actorName: null, actorUsername: null, unitName: null }), 'UTC');
    expect(cells.slice(1, 4)).toEqual(['Hệ thống', '', 'u1']);
  });

  it('starts with a BOM and the header, quotes separators and defuses formulas', async () => {
    async function* batches() {
      yield [row({ comment: '@SUM(A1)', data: { reason: 'a;b' } })];
    }
    const chunks: string[] = [];
    for await (const chunk of auditCsv(batches(), 'Asia/Ho_Chi_Minh')) chunks.push(chunk);
    expect(chunks).toEqual([
      '\ufeffThời gian;Người thực hiện;Tên đăng nhập;Đơn vị;Hành động;Loại đối tượng;Mã đối tượng;Phiên bản;Ghi chú;Chi tiết\r\n',
      `01/01/2027 00:05:09;Nguyễn Văn A;canbo.a;Xã Tân Lập;Trả lại;Tin bài;m1;3;'@SUM(A1);"{""reason"":""a;b""}"\r\n`,
    ]);
  });
});
