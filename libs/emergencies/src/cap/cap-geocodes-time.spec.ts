import { stormAlert } from '#test/cap-samples.js';
import { alertUnitCodes, capDateTimeProblem, capDateTimeToDate, toCapDateTime, unitGeocode, unitOfGeocode } from './index.js';

describe('Vietnamese unit geocodes', () => {
  it('names each official list and its edition, and has no geocode for a local unit', () => {
    expect(unitGeocode({ source: 'vn-2025', code: '22' })).toEqual({ valueName: 'VN-DVHC-2025', value: '22' });
    expect(unitGeocode({ source: 'vn-pre2025', code: '00001' })).toEqual({ valueName: 'VN-DVHC-PRE2025', value: '00001' });
    expect(unitGeocode({ source: 'local', code: null })).toBeNull();
    expect(unitOfGeocode({ valueName: 'VN-DVHC-2025', value: '06652' })).toEqual({ source: 'vn-2025', code: '06652' });
    expect(unitOfGeocode({ valueName: 'VN-DVHC-2025', value: '0665' })).toBeNull();
    expect(unitOfGeocode({ valueName: 'SAME', value: '006037' })).toBeNull();
  });

  it('splits an alert\'s geocodes into the units they name (once each) and the unknown ones', () => {
    const alert = stormAlert();
    alert.infos[0].areas[0].geocodes.push({ valueName: 'VN-DVHC-2025', value: '06652' }, { valueName: 'EMMA_ID', value: 'VN001' });
    expect(alertUnitCodes(alert)).toEqual({
      units: [
        { source: 'vn-2025', code: '06652' },
        { source: 'vn-2025', code: '06658' },
      ],
      unknown: [{ valueName: 'EMMA_ID', value: 'VN001' }],
    });
  });
});

describe('CAP dateTime', () => {
  it('writes Vietnam time with +07:00 by default and UTC as -00:00, to the second', () => {
    const instant = new Date('2026-12-03T17:05:09.987Z');
    expect(toCapDateTime(instant)).toBe('2026-12-04T00:05:09+07:00');
    expect(toCapDateTime(instant, 0)).toBe('2026-12-03T17:05:09-00:00');
    expect(toCapDateTime(instant, -330)).toBe('2026-12-03T11:35:09-05:30');
    expect(capDateTimeToDate('2026-12-04T00:05:09+07:00').toISOString()).toBe('2026-12-03T17:05:09.000Z');
    expect(capDateTimeToDate('2026-12-03T17:05:09-00:00').toISOString()).toBe('2026-12-03T17:05:09.000Z');
  });

  it.each(['2026-12-03T17:05:09Z', '2026-12-03T17:05:09.5+07:00', '2026-12-03 17:05:09+07:00', '2026-13-01T00:00:00+07:00', '2025-02-29T00:00:00+07:00', '2026-01-01T24:00:00+07:00', '2026-01-01T00:00:00+15:00'])(
    'refuses %s',
    (text) => {
      expect(capDateTimeProblem(text)).toContain(text);
      expect(() => capDateTimeToDate(text)).toThrow(RangeError);
    },
  );

  it('accepts 29 February in a leap year', () => {
    expect(capDateTimeProblem('2028-02-29T00:00:00+07:00')).toBeNull();
  });
});
