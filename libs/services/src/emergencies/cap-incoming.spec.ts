import { toCapAtomFeed, type CapAlert } from '#emergencies/cap/index.js';
import { stormAlert } from '#test/cap-samples.js';
import { readCapFeedIndex } from './cap-atom-index.js';
import { acceptanceProblems, incomingContent, INCOMING_TEXT_MAX, namedGeocodes } from './cap-incoming.js';
import { outgoingAlert } from './cap-outgoing.js';

const withInfo = (alert: CapAlert, info: Partial<CapAlert['infos'][number]>): CapAlert => ({ ...alert, infos: [{ ...alert.infos[0], ...info }] });

describe('incoming CAP: what tincoso accepts and how it reads it', () => {
  it('accepts an actual public Alert, and names the element and rule of anything else', () => {
    expect(acceptanceProblems(stormAlert())).toEqual([]);
    expect(acceptanceProblems({ ...stormAlert(), status: 'Exercise', scope: 'Restricted', restriction: 'x' }).map((p) => `${p.field}:${p.rule}`)).toEqual([
      'alert/status:not-actual',
      'alert/scope:not-public',
    ]);
    expect(acceptanceProblems({ ...stormAlert(), msgType: 'Ack', references: [{ sender: 'a', identifier: 'b', sent: '2026-01-01T00:00:00+07:00' }] })[0].rule).toBe('unsupported');
    expect(acceptanceProblems({ ...stormAlert(), infos: [] })[0]).toEqual(expect.objectContaining({ field: 'alert/info', rule: 'missing-element' }));
  });

  it('takes the Vietnamese info block: headline as title, description and instruction as text', () => {
    const english = { ...stormAlert().infos[0], language: 'en-US', headline: 'Storm' };
    const alert = { ...stormAlert(), infos: [english, stormAlert().infos[0]] };
    expect(incomingContent(alert)).toEqual({
      content: { info: 2, title: 'Cảnh báo bão số 3 & mưa lớn <khẩn>', text: 'Gió cấp 10-11 "giật cấp 14"\nSóng biển cao 4-6 m.\nTàu thuyền không ra khơi.' },
    });
    expect(incomingContent(withInfo(stormAlert(), { headline: undefined, description: undefined, instruction: undefined }))).toEqual({ content: { info: 1, title: 'Bão số 3', text: 'Bão số 3' } });
    const long = incomingContent(withInfo(stormAlert(), { description: 'x'.repeat(INCOMING_TEXT_MAX) }));
    expect(long).toEqual({ problems: [expect.objectContaining({ field: 'alert/info[1]/description', rule: 'max-length' })] });
  });

  it('maps geocodes of the Vietnamese lists with their elements; an Alert with none is refused', () => {
    const { named, problems } = namedGeocodes(stormAlert());
    expect(problems).toEqual([]);
    expect(named).toEqual([
      { unit: { source: 'vn-2025', code: '06652' }, element: 'alert/info[1]/area[1]/geocode[1]' },
      { unit: { source: 'vn-2025', code: '06658' }, element: 'alert/info[1]/area[1]/geocode[2]' },
    ]);
    const foreign = withInfo(stormAlert(), { areas: [{ areaDesc: 'X', polygons: [], circles: [], geocodes: [{ valueName: 'FIPS6', value: '006113' }] }] });
    expect(namedGeocodes(foreign).problems).toEqual([expect.objectContaining({ rule: 'no-unit' })]);
  });
});

describe('outgoing CAP and the Atom index a poller reads', () => {
  const message = {
    sender: 'tincoso@tin.example.vn',
    identifier: 'tincoso.1',
    sent: '2026-09-06T07:30:00+07:00',
    title: 'Lũ quét',
    body: 'Sơ tán ngay.',
    senderName: 'Tỉnh Quảng Ninh',
    areas: [
      { name: 'Phường Hà Tu', geocode: { valueName: 'VN-DVHC-2025', value: '06652' } },
      { name: 'Thôn 1', geocode: { valueName: 'VN-DVHC-2025', value: '06652' } },
    ],
    profile: { categories: ['Met' as const], event: 'Lũ quét', urgency: 'Immediate' as const, severity: 'Extreme' as const, certainty: 'Observed' as const },
  };

  it('an Alert has no references, a Cancel references every earlier message and says why; a geocode appears once', () => {
    const alert = outgoingAlert({ ...message, msgType: 'Alert', earlier: [] });
    expect(alert.references).toEqual([]);
    expect(alert.infos[0].areas[0]).toEqual({ areaDesc: 'Phường Hà Tu; Thôn 1', polygons: [], circles: [], geocodes: [{ valueName: 'VN-DVHC-2025', value: '06652' }] });
    const cancel = outgoingAlert({ ...message, identifier: 'tincoso.2', msgType: 'Cancel', earlier: [alert], reason: 'Hết nguy cơ' });
    expect(cancel.references).toEqual([{ sender: alert.sender, identifier: alert.identifier, sent: alert.sent }]);
    expect(cancel.infos[0]).toEqual(expect.objectContaining({ headline: 'Hủy bỏ: Lũ quét', description: 'Hết nguy cơ', responseTypes: ['AllClear'] }));
  });

  it('reads each entry\'s CAP link and key from an Atom feed, resolving relative links', () => {
    const alert = outgoingAlert({ ...message, msgType: 'Alert', earlier: [] });
    const feed = toCapAtomFeed({ id: 'urn:x', title: 'T', selfUrl: 'https://a.example/feed', authorName: 'A', entries: [{ alert, url: 'https://a.example/cap/1.xml' }] });
    expect(readCapFeedIndex(feed, 'https://a.example/feed')).toEqual([{ url: 'https://a.example/cap/1.xml', key: 'tincoso@tin.example.vn,tincoso.1,2026-09-06T07:30:00+07:00' }]);
    const plain = '<feed xmlns="http://www.w3.org/2005/Atom"><entry><id>x</id><link href="cap/2.xml"/></entry></feed>';
    expect(readCapFeedIndex(plain, 'https://a.example/feeds/main')).toEqual([{ url: 'https://a.example/feeds/cap/2.xml', key: null }]);
    expect(() => readCapFeedIndex('<rss/>', 'https://a.example/')).toThrow(/not an Atom feed/);
  });
});
