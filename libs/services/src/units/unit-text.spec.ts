import { searchNameOf, villageFullName } from './unit-text.js';

describe('unit names', () => {
  it('folds every name once into the search text, short name first', () => {
    expect(searchNameOf('Cao Bằng', 'Tỉnh Cao Bằng', 'Cao Bang')).toBe('cao bang tinh cao bang');
    expect(searchNameOf('Hà Nội', 'Thành phố Hà Nội', 'Hanoi')).toBe('ha noi thanh pho ha noi hanoi');
    expect(searchNameOf('Đắk Lắk', null, undefined)).toBe('dak lak');
  });

  it('puts the kind of place in front of a bare village name only', () => {
    expect(villageFullName('Đông', 'village')).toBe('Thôn Đông');
    expect(villageFullName('Thôn Đông', 'village')).toBe('Thôn Đông');
    expect(villageFullName('thon Tây', 'village')).toBe('thon Tây');
    expect(villageFullName('Bản Mển', 'village')).toBe('Bản Mển');
    expect(villageFullName('3', 'residential-group')).toBe('Tổ dân phố 3');
    expect(villageFullName('Tổ 12', 'residential-group')).toBe('Tổ 12');
    expect(villageFullName('Tô Hiệu', 'residential-group')).toBe('Tổ dân phố Tô Hiệu');
    expect(villageFullName('Ấp Bình Minh', 'hamlet')).toBe('Ấp Bình Minh');
    expect(villageFullName('Khu tái định cư', 'other')).toBe('Khu tái định cư');
  });
});
