import { checkUnitRecord } from './unit-csv-row.js';

describe('checkUnitRecord', () => {
  it('accepts a complete row and derives the search text', () => {
    const check = checkUnitRecord({
      code: '01273',
      parent_code: '04',
      level: 'commune',
      type: 'ward',
      name: 'Thục Phán',
      full_name: 'Phường Thục Phán',
      name_en: 'Thuc Phan',
    });
    expect(check).toEqual({
      ok: true,
      unit: {
        code: '01273',
        parentCode: '04',
        level: 'commune',
        type: 'ward',
        name: 'Thục Phán',
        fullName: 'Phường Thục Phán',
        nameEn: 'Thuc Phan',
        searchName: 'thuc phan phuong thuc phan',
      },
    });
  });

  it('treats an empty parent code as a root and an empty full name as the name', () => {
    const check = checkUnitRecord({ code: ' 04 ', parent_code: '', level: 'province', type: 'province', name: 'Cao Bằng', full_name: '' });
    expect(check.ok && check.unit).toEqual(
      expect.objectContaining({ code: '04', parentCode: null, fullName: 'Cao Bằng', nameEn: null, searchName: 'cao bang' }),
    );
  });

  it('names every missing or unknown column in the reason', () => {
    const check = checkUnitRecord({ code: '', parent_code: '04', level: 'hamlet', type: '', name: '  ' });
    expect(check.ok).toBe(false);
    const reason = check.ok ? '' : check.reason;
    expect(reason).toContain('thiếu mã đơn vị (code)');
    expect(reason).toContain('thiếu tên đơn vị (name)');
    expect(reason).toContain('cấp "hamlet" không hợp lệ');
    expect(reason).toContain('thiếu loại đơn vị (type)');
  });

  it('refuses a row whose level column is missing altogether', () => {
    expect(checkUnitRecord({ code: '1', name: 'X', type: 'commune' })).toEqual({ ok: false, reason: 'thiếu cấp đơn vị (level)' });
  });
});
