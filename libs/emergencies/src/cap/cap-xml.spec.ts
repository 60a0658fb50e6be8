import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CAP_FIXTURES, stormAlert } from '#test/cap-samples.js';
import { CapValidationError, capAlertKey, parseCapXml, referenceTo, toCapXml, type CapAlert, type CapParseResult, type CapProblem } from './index.js';

const fixture = (name: string) => readFileSync(join(CAP_FIXTURES, name), 'utf8');

function refusal(result: CapParseResult): CapProblem {
  if (result.ok) throw new Error(`expected a refusal, got alert ${result.alert.identifier}`);
  return result.problems[0];
}

function accepted(result: CapParseResult): CapAlert {
  if (!result.ok) throw new Error(`refused: ${JSON.stringify(result.problems)}`);
  return result.alert;
}

/** The storm alert as XML with one piece of text replaced, to break one rule at a time. */
const stormXmlWith = (from: string | RegExp, to: string) => {
  const xml = toCapXml(stormAlert());
  const changed = xml.replace(from, to);
  expect(changed).not.toBe(xml);
  return changed;
};

describe('CAP 1.2 XML', () => {
  it('writes the elements in schema order, with the namespace, vi-VN and +07:00 times, and reads back the same alert', () => {
    const alert = stormAlert();
    const xml = toCapXml(alert);
    expect(xml.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n<alert xmlns="urn:oasis:names:tc:emergency:cap:1.2">')).toBe(true);
    expect(xml).toContain('<language>vi-VN</language>');
    expect(xml).toContain('<sent>2026-09-06T07:30:00+07:00</sent>');
    expect(xml).toContain('<headline>Cảnh báo bão số 3 &amp; mưa lớn &lt;khẩn&gt;</headline>');
    const order = ['identifier', 'sender', 'sent', 'status', 'msgType', 'source', 'scope', 'code', 'note', 'incidents', 'info', 'language', 'category', 'event'];
    const positions = order.map((name) => xml.indexOf(`<${name}>`));
    expect(positions).toEqual([...positions].sort((a, b) => a - b));
    expect(accepted(parseCapXml(xml))).toEqual(alert);
  });

  it('reads a prefixed storm alert, its Update and its Cancel with their references', () => {
    const alert = accepted(parseCapXml(fixture('vn-storm-alert.xml')));
    expect(alert).toMatchObject({ identifier: 'QN-2026-BAO3-001', msgType: 'Alert', references: [] });
    expect(alert.infos[0].headline).toBe('Cảnh báo bão số 3 & mưa lớn');
    expect(alert.infos[0].description).toContain('<giật cấp 14>');
    expect(alert.infos[0].areas[0].geocodes).toEqual([
      { valueName: 'VN-DVHC-2025', value: '06652' },
      { valueName: 'VN-DVHC-2025', value: '06658' },
    ]);
    const update = accepted(parseCapXml(fixture('vn-storm-update.xml')));
    expect(update.references).toEqual([referenceTo(alert)]);
    expect(update.references.map(capAlertKey)).toEqual([capAlertKey(alert)]);
    expect(capAlertKey(alert)).toBe('pctt.quangninh.gov.vn,QN-2026-BAO3-001,2026-09-06T07:30:00+07:00');
    const cancel = accepted(parseCapXml(fixture('vn-storm-cancel.xml')));
    expect(cancel.msgType).toBe('Cancel');
    expect(cancel.infos).toEqual([]);
    expect(cancel.references.map((r) => r.identifier)).toEqual(['QN-2026-BAO3-001', 'QN-2026-BAO3-002']);
  });

  it('reads the two-language example of the CAP 1.2 specification', () => {
    const alert = accepted(parseCapXml(fixture('oasis-amber-alert-example.xml')));
    expect(alert.infos.map((i) => i.language)).toEqual(['en-US', 'es-US']);
    expect(alert.infos[1].event).toBe('Abducción de Niño');
    expect(alert.sent).toBe('2003-06-11T22:39:00-07:00');
  });

  it('counts a trailing XML signature and keeps an unsigned alert at zero', () => {
    const unsigned = parseCapXml(toCapXml(stormAlert()));
    expect(unsigned.ok && unsigned.signatures).toBe(0);
    const signed = parseCapXml(stormXmlWith('</alert>', '<Signature xmlns="http://www.w3.org/2000/09/xmldsig#"><SignedInfo/></Signature></alert>'));
    expect(signed.ok && signed.signatures).toBe(1);
    expect(refusal(parseCapXml(stormXmlWith('</alert>', '<ds:Signature xmlns:ds="http://www.w3.org/2000/09/xmldsig#"/><note>x</note></alert>')))).toMatchObject({
      code: 'unexpected-element',
      element: 'alert/note',
    });
  });

  it.each<[string, () => string, Partial<CapProblem>]>([
    ['malformed XML', () => stormXmlWith('</identifier>', '</identifer>'), { code: 'malformed-xml', element: 'document' }],
    ['two root elements', () => `${toCapXml(stormAlert())}<alert/>`, { code: 'malformed-xml' }],
    ['an undefined entity', () => stormXmlWith('Bão số 3', '&nbsp;Bão'), { code: 'malformed-xml' }],
    ['a DOCTYPE with an external entity (XXE)', () => fixture('xxe-alert.xml'), { code: 'malformed-xml' }],
    ['the CAP 1.1 namespace', () => fixture('cap-1.1-alert.xml'), { code: 'wrong-namespace', element: 'alert' }],
    ['no namespace', () => stormXmlWith(' xmlns="urn:oasis:names:tc:emergency:cap:1.2"', ''), { code: 'wrong-namespace' }],
    ['a missing identifier', () => stormXmlWith(/<identifier>.*<\/identifier>\n\s*/, ''), { code: 'missing-element', element: 'alert/identifier' }],
    ['an unknown msgType', () => stormXmlWith('<msgType>Alert<', '<msgType>Warning<'), { code: 'bad-value', element: 'alert/msgType' }],
    ['an Update without references', () => stormXmlWith('<msgType>Alert<', '<msgType>Update<'), { code: 'missing-element', element: 'alert/references' }],
    ['a Cancel without references', () => stormXmlWith('<msgType>Alert<', '<msgType>Cancel<'), { code: 'missing-element', element: 'alert/references' }],
    ['references that are not triples', () => stormXmlWith('<incidents>', '<references>sender,id</references>\n<incidents>'), { code: 'bad-value', element: 'alert/references' }],
    ['references with a bad sent', () => stormXmlWith('<incidents>', '<references>a,b,2026-09-06T07:30:00Z</references>\n<incidents>'), { code: 'bad-value', element: 'alert/references' }],
    ['a sent in UTC "Z"', () => stormXmlWith('<sent>2026-09-06T07:30:00+07:00', '<sent>2026-09-06T00:30:00Z'), { code: 'bad-value', element: 'alert/sent' }],
    ['a sent on 30 February', () => stormXmlWith('<sent>2026-09-06', '<sent>2026-02-30'), { code: 'bad-value', element: 'alert/sent' }],
    ['a bad urgency', () => stormXmlWith('<urgency>Expected<', '<urgency>Now<'), { code: 'bad-value', element: 'alert/info[1]/urgency' }],
    ['a sender after sent', () => stormXmlWith(/(\s*<sender>.*<\/sender>)(\s*<sent>.*<\/sent>)/, '$2$1'), { code: 'unexpected-element', element: 'alert/sender' }],
    ['an identifier with a space', () => stormXmlWith('tincoso-22-2026-0001', 'tincoso 22'), { code: 'bad-value', element: 'alert/identifier' }],
    ['an unknown element', () => stormXmlWith('<note>', '<priority>1</priority><note>'), { code: 'unexpected-element', element: 'alert/priority' }],
    ['two scopes', () => stormXmlWith('<scope>Public</scope>', '<scope>Public</scope><scope>Public</scope>'), { code: 'unexpected-element', element: 'alert/scope' }],
    ['an attribute on alert', () => stormXmlWith('<alert ', '<alert xml:lang="vi" '), { code: 'unexpected-attribute' }],
    ['text between elements', () => stormXmlWith('<note>', 'chữ lạc<note>'), { code: 'unexpected-text' }],
    ['an info without category', () => stormXmlWith(/<category>\w+<\/category>\s*<category>\w+<\/category>/, ''), { code: 'missing-element', element: 'alert/info[1]/category' }],
    ['an area without areaDesc', () => stormXmlWith(/<areaDesc>.*<\/areaDesc>/, ''), { code: 'missing-element', element: 'alert/info[1]/area[1]/areaDesc' }],
    ['an open polygon', () => stormXmlWith('21,107.1 20.95,107.1</polygon>', '21,107.1 20.9,107.1</polygon>'), { code: 'bad-value', element: 'alert/info[1]/area[1]/polygon[1]' }],
    ['a size that is not an integer', () => stormXmlWith('<size>52000<', '<size>52k<'), { code: 'bad-value', element: 'alert/info[1]/resource[1]/size' }],
    ['a Private scope without addresses', () => stormXmlWith('<scope>Public<', '<scope>Private<'), { code: 'missing-element', element: 'alert/addresses' }],
  ])('refuses %s, naming the element and the rule', (_case, xml, expected) => {
    const problem = refusal(parseCapXml(xml()));
    expect(problem).toMatchObject(expected);
    expect(problem.message.length).toBeGreaterThan(10);
  });

  it('reads the XXE fixture without resolving the entity: the reason is the DOCTYPE, and no file content appears', () => {
    const problem = refusal(parseCapXml(fixture('xxe-alert.xml')));
    expect(problem.message).toContain('DOCTYPE');
    expect(problem.message).toContain('dòng 2');
    expect(problem.message).not.toContain('root:');
  });

  it('refuses to write an alert that breaks a rule, listing every problem', () => {
    const broken = stormAlert({ msgType: 'Update', sent: '2026-09-06 07:30', identifier: 'a,b' });
    expect(() => toCapXml(broken)).toThrow(CapValidationError);
    try {
      toCapXml(broken);
    } catch (e) {
      expect((e as CapValidationError).problems.map((p) => p.element).sort()).toEqual(['alert/identifier', 'alert/references', 'alert/sent']);
    }
  });

  it('refuses to write a control character XML cannot carry, instead of dropping it', () => {
    const alert = stormAlert();
    alert.infos[0].description = 'Bão\u0001';
    expect(() => toCapXml(alert)).toThrow(/alert\/info\[1\]\/description/);
  });
});
