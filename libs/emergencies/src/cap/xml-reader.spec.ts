import { readXml, XmlSyntaxError, type XmlElement } from './xml-reader.js';

function syntaxError(xml: string): XmlSyntaxError {
  try {
    readXml(xml);
  } catch (e) {
    if (e instanceof XmlSyntaxError) return e;
    throw e;
  }
  throw new Error('expected a syntax error');
}

describe('strict XML reader', () => {
  it('resolves default and prefixed namespaces, decodes references and CDATA, and normalises line ends', () => {
    const root = readXml('<?xml version="1.0" encoding="utf-8"?>\r\n<!-- c --><a:r xmlns:a="urn:a" xmlns="urn:d" k="1&#9;2"><c>x &lt;&amp;&gt; &#x1F600;&#233;<![CDATA[<&>]]>\r\ny&#13;</c><a:c/><?pi data?></a:r>');
    expect(root).toMatchObject({ ns: 'urn:a', local: 'r', attributes: [{ ns: null, local: 'k', value: '1\t2' }] });
    const [c, ac] = root.children as XmlElement[];
    expect(c).toMatchObject({ ns: 'urn:d', local: 'c', children: ['x <&> 😀é<&>\ny\r'] });
    expect(ac).toMatchObject({ ns: 'urn:a', local: 'c', line: 3 });
  });

  it('normalises white space in attribute values as XML requires', () => {
    expect(readXml('<r a="x\ny\tz"/>').attributes[0].value).toBe('x y z');
  });

  it.each([
    ['<a><b></a>', /không khớp/, 1],
    ['<a></a><b/>', /một phần tử gốc/, 1],
    ['<a>&nbsp;</a>', /không được định nghĩa/, 1],
    ['<a>AT&T</a>', /tham chiếu/, 1],
    ['<a>&#0;</a>', /không hợp lệ/, 1],
    ['<a>\u0001</a>', /U\+0001/, 1],
    ['<!DOCTYPE a [<!ENTITY x "y">]><a>&x;</a>', /DOCTYPE/, 1],
    ['<a x="1" x="2"/>', /lặp lại/, 1],
    ['<a x=1/>', /dấu nháy/, 1],
    ['<p:a/>', /chưa được khai báo/, 1],
    ['<a xmlns:p="u" xmlns:q="u" p:x="1" q:x="2"/>', /cùng không gian tên/, 1],
    ['<a>\n<b>]]></b></a>', /\]\]>/, 2],
    ['<a><!-- x -- y --></a>', /--/, 1],
    ['<?xml version="1.1"?><a/>', /1\.0/, 1],
    ['<?xml version="1.0" encoding="ISO-8859-1"?><a/>', /UTF-8/, 1],
    ['', /rỗng/, 1],
    ['text<a/>', /ngoài phần tử gốc/, 1],
    ['<a>\n\n<b>', /không đóng/, 3],
  ])('refuses %j with the rule and the line', (xml, rule, line) => {
    const e = syntaxError(xml);
    expect(e.message).toMatch(rule);
    expect(e.line).toBe(line);
  });

  it('refuses nesting deeper than 64 levels instead of recursing without end', () => {
    expect(syntaxError(`${'<a>'.repeat(100)}${'</a>'.repeat(100)}`).message).toMatch(/sâu/);
  });

  it('refuses a document longer than its limit before reading it', () => {
    expect(syntaxError(`<a>${'x'.repeat(1_000_001)}</a>`).message).toMatch(/dài quá/);
  });
});
