import { contentVersion, qrTarget, slideExpiry } from './board-slides.js';

const at = (iso: string) => new Date(iso);

describe('board slide rules', () => {
  it('keeps a slide up for the configured days, or until the next occurrence when sooner', () => {
    const startsAt = at('2026-03-02T01:00:00Z');
    expect(slideExpiry({ startsAt, nextOccurrenceAt: null, slideDays: 7, emergency: false })).toEqual(at('2026-03-09T01:00:00Z'));
    expect(slideExpiry({ startsAt, nextOccurrenceAt: at('2026-03-03T01:00:00Z'), slideDays: 7, emergency: false })).toEqual(
      at('2026-03-03T01:00:00Z'),
    );
    expect(slideExpiry({ startsAt, nextOccurrenceAt: at('2026-04-01T00:00:00Z'), slideDays: 7, emergency: false })).toEqual(
      at('2026-03-09T01:00:00Z'),
    );
  });

  it('takes an emergency overlay down after a day at most', () => {
    const startsAt = at('2026-03-02T01:00:00Z');
    expect(slideExpiry({ startsAt, nextOccurrenceAt: null, slideDays: 7, emergency: true })).toEqual(at('2026-03-03T01:00:00Z'));
  });

  it('points the QR code at a .gov.vn public service named in the text, else at the public page', () => {
    const page = 'https://tin.example.vn/public/messages/m1';
    expect(qrTarget('Nộp hồ sơ tại https://dichvucong.gov.vn/p/home/dvc-trang-chu.html.', page)).toBe(
      'https://dichvucong.gov.vn/p/home/dvc-trang-chu.html',
    );
    expect(qrTarget('Xem https://dichvucong.caobang.gov.vn/ ngay', page)).toBe('https://dichvucong.caobang.gov.vn/');
    expect(qrTarget('Trang lạ https://gov.vn.evil.example/x và https://example.com', page)).toBe(page);
    expect(qrTarget('Không có liên kết', page)).toBe(page);
  });

  it('changes the content version when a slide comes, goes or changes priority', () => {
    const a = { id: '1', priority: 'normal', expiresAt: at('2026-03-09T01:00:00Z') };
    const b = { id: '2', priority: 'emergency', expiresAt: at('2026-03-03T01:00:00Z') };
    expect(contentVersion([a, b])).toBe(contentVersion([a, b]));
    expect(contentVersion([a])).not.toBe(contentVersion([a, b]));
    expect(contentVersion([a])).not.toBe(contentVersion([{ ...a, priority: 'priority' }]));
    expect(contentVersion([])).toMatch(/^[\w-]{16}$/);
  });
});
