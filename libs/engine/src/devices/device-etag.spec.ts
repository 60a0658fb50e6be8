import { deviceEtag, freshEtag } from './device-etag.js';

describe('device ETags: a 304 decided from the basis and the clock alone', () => {
  const basis = ['station', 'json', 'a1b2', 'Asia/Ho_Chi_Minh', '2026-12-04', 'v1', 'https://tincoso.example'];
  const now = Date.parse('2026-12-04T02:00:00Z');

  it('accepts the tag issued for the same basis until it expires, also weak or in a list', () => {
    const tag = deviceEtag(basis, now + 60_000);
    expect(tag).toMatch(/^"[\w-]{22}\.[0-9a-z]+"$/);
    expect(freshEtag(tag, basis, now)).toBe(tag);
    expect(freshEtag(`"x", W/${tag}`, basis, now)).toBe(tag);
    expect(freshEtag(tag, basis, now + 60_000)).toBeNull();
  });

  it('refuses a tag of another version, day or device, and one whose expiry was edited', () => {
    const tag = deviceEtag(basis, now + 60_000);
    expect(freshEtag(tag, basis.map((p) => (p === 'v1' ? 'v2' : p)), now)).toBeNull();
    expect(freshEtag(tag, basis.map((p) => (p === '2026-12-04' ? '2026-12-05' : p)), now)).toBeNull();
    expect(freshEtag(tag, basis.map((p) => (p === 'a1b2' ? 'c3d4' : p)), now)).toBeNull();
    const extended = tag.replace(/\.[0-9a-z]+"$/, `.${(now + 86_400_000).toString(36)}"`);
    expect(freshEtag(extended, basis, now)).toBeNull();
  });

  it('ignores what is not one of its tags', () => {
    for (const header of [undefined, '', '*', '"abc"', ['"a"'], `"${'x'.repeat(2000)}"`]) expect(freshEtag(header, basis, now)).toBeNull();
  });
});
