import fc from 'fast-check';
import { capAlert, capText } from '#test/cap-samples.js';
import { escapeXml, parseCapXml, toCapXml } from './index.js';
import { readXml } from './xml-reader.js';

describe('CAP round trip (property)', () => {
  it('reads back exactly the alert it wrote, for any alert CAP allows', () => {
    fc.assert(
      fc.property(capAlert, (alert) => {
        const result = parseCapXml(toCapXml(alert));
        expect(result).toEqual({ ok: true, alert, signatures: 0 });
      }),
      { numRuns: 300 },
    );
  });

  it('escapes any allowed text so that it reads back unchanged, in content and in attributes', () => {
    fc.assert(
      fc.property(capText, (text) => {
        const root = readXml(`<r a="${escapeXml(text, true)}">${escapeXml(text)}</r>`);
        expect(root.attributes[0].value).toBe(text);
        expect(root.children.join('')).toBe(text);
      }),
      { numRuns: 500 },
    );
  });
});
