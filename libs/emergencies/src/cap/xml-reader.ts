/**
 * A small, strict XML 1.0 reader for the documents this project accepts from outside (CAP alerts).
 * It refuses any DOCTYPE, so there is no DTD, no entity declaration, no external entity and no entity
 * expansion at all (XXE and "billion laughs" cannot happen); it never touches the network or the disk.
 * Namespaces are resolved, so `<cap:alert xmlns:cap="…">` and `<alert xmlns="…">` read the same.
 */

export interface XmlElement {
  /** The namespace URI, or null for no namespace. */
  ns: string | null;
  local: string;
  /** The name as written (prefix included), for messages. */
  qname: string;
  attributes: XmlAttribute[];
  children: XmlNode[];
  line: number;
}
export interface XmlAttribute {
  ns: string | null;
  local: string;
  qname: string;
  value: string;
}
export type XmlNode = XmlElement | string;

export class XmlSyntaxError extends Error {
  constructor(
    readonly rule: string,
    readonly line: number,
    readonly column: number,
  ) {
    super(`dòng ${line}, cột ${column}: ${rule}`);
  }
}

export const XML_NAMESPACE = 'http://www.w3.org/XML/1998/namespace';
const XMLNS_NAMESPACE = 'http://www.w3.org/2000/xmlns/';
const MAX_DEPTH = 64;
export const MAX_XML_CHARS = 1_000_000;

const NAME = /[\p{L}_][\p{L}\p{N}_.\-\u00B7]*(?::[\p{L}_][\p{L}\p{N}_.\-\u00B7]*)?/uy;
const SPACE = /[ \t\r\n]*/y;
const FORBIDDEN_CHAR = /[^\u0009\u000A\u000D\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/u;
const PREDEFINED: Record<string, string> = { lt: '<', gt: '>', amp: '&', apos: "'", quot: '"' };

/** Parses a whole document: one root element, with only comments, processing instructions and white space around it. */
export function readXml(text: string): XmlElement {
  return new Reader(text).document();
}

class Reader {
  private pos = 0;
  private readonly src: string;
  private readonly newlines: number[] = [];

  constructor(text: string) {
    if (text.length > MAX_XML_CHARS) throw new XmlSyntaxError(`tài liệu dài quá ${MAX_XML_CHARS} ký tự`, 1, 1);
    // XML end-of-line handling: CR LF and lone CR read as LF (a CR written as &#13; stays).
    this.src = (text.charCodeAt(0) === 0xfeff ? text.slice(1) : text).replace(/\r\n?/g, '\n');
    const bad = FORBIDDEN_CHAR.exec(this.src);
    for (let i = this.src.indexOf('\n'); i >= 0; i = this.src.indexOf('\n', i + 1)) this.newlines.push(i);
    if (bad) this.fail(`ký tự U+${bad[0].codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')} không được phép trong XML 1.0`, bad.index);
  }

  document(): XmlElement {
    if (/^<\?xml[ \t\n]/.test(this.src)) this.declaration();
    this.misc();
    if (this.src.startsWith('<!DOCTYPE', this.pos)) this.fail('không chấp nhận DOCTYPE (không DTD, không thực thể)');
    if (this.src[this.pos] !== '<') this.fail(this.pos >= this.src.length ? 'tài liệu rỗng, thiếu phần tử gốc' : 'nội dung ngoài phần tử gốc');
    const root = this.element(new Map([['xml', XML_NAMESPACE]]), 1);
    this.misc();
    if (this.pos < this.src.length) this.fail(this.src[this.pos] === '<' && /[\p{L}_]/u.test(this.src[this.pos + 1] ?? '') ? 'chỉ được có một phần tử gốc' : 'nội dung sau phần tử gốc');
    return root;
  }

  private declaration(): void {
    const end = this.src.indexOf('?>');
    if (end < 0) this.fail('khai báo XML không đóng');
    const decl = this.src.slice(0, end);
    const version = /\bversion\s*=\s*(["'])(.*?)\1/.exec(decl)?.[2];
    if (version !== '1.0') this.fail(`khai báo XML phải có version="1.0" (nhận: ${version ?? 'không có'})`);
    const encoding = /\bencoding\s*=\s*(["'])(.*?)\1/.exec(decl)?.[2];
    if (encoding !== undefined && encoding.toUpperCase() !== 'UTF-8') this.fail(`chỉ nhận mã hóa UTF-8 (nhận: ${encoding})`);
    this.pos = end + 2;
  }

  /** Comments, processing instructions and white space. */
  private misc(): void {
    for (;;) {
      this.space();
      if (this.src.startsWith('<!--', this.pos)) this.comment();
      else if (this.src.startsWith('<?', this.pos)) this.processingInstruction();
      else return;
    }
  }

  private comment(): void {
    const end = this.src.indexOf('-->', this.pos + 4);
    if (end < 0) this.fail('chú thích không đóng');
    if (this.src.slice(this.pos + 4, end).includes('--')) this.fail('"--" không được có trong chú thích');
    this.pos = end + 3;
  }

  private processingInstruction(): void {
    const target = this.name(this.pos + 2);
    if (target.toLowerCase() === 'xml') this.fail('khai báo XML chỉ được ở đầu tài liệu');
    const end = this.src.indexOf('?>', this.pos);
    if (end < 0) this.fail('chỉ thị xử lý không đóng');
    this.pos = end + 2;
  }

  private element(scope: Map<string, string>, depth: number): XmlElement {
    if (depth > MAX_DEPTH) this.fail(`các phần tử lồng nhau sâu quá ${MAX_DEPTH} mức`);
    const start = this.pos;
    const qname = this.name(this.pos + 1);
    const raw: { qname: string; value: string; at: number }[] = [];
    for (;;) {
      const before = this.pos;
      this.space();
      const c = this.src[this.pos];
      if (c === '>' || c === '/') break;
      if (c === undefined) this.fail(`thẻ <${qname}> không đóng`);
      if (this.pos === before) this.fail(`thiếu khoảng trắng trước thuộc tính trong <${qname}>`);
      const at = this.pos;
      const name = this.name(this.pos);
      if (raw.some((a) => a.qname === name)) this.fail(`thuộc tính "${name}" lặp lại`, at);
      this.space();
      this.expect('=', `thiếu "=" sau thuộc tính "${name}"`);
      this.space();
      raw.push({ qname: name, value: this.attributeValue(), at });
    }
    const own = new Map(scope);
    for (const a of raw) {
      if (a.qname === 'xmlns') own.set('', a.value);
      else if (a.qname.startsWith('xmlns:')) {
        if (a.value === '') this.fail(`tiền tố "${a.qname.slice(6)}" không được khai báo rỗng`, a.at);
        own.set(a.qname.slice(6), a.value);
      }
    }
    const [ns, local] = this.resolve(qname, own, true, start);
    const attributes: XmlAttribute[] = raw
      .filter((a) => a.qname !== 'xmlns' && !a.qname.startsWith('xmlns:'))
      .map((a) => {
        const [ans, alocal] = this.resolve(a.qname, own, false, a.at);
        return { ns: ans, local: alocal, qname: a.qname, value: a.value };
      });
    const seen = new Set(attributes.map((a) => `${a.ns} ${a.local}`));
    if (seen.size !== attributes.length) this.fail(`thuộc tính lặp lại trong <${qname}> (cùng không gian tên)`, start);
    const node: XmlElement = { ns, local, qname, attributes, children: [], line: this.lineOf(start) };
    if (this.src[this.pos] === '/') {
      this.pos++;
      this.expect('>', `thiếu ">" sau "/" trong <${qname}>`);
      return node;
    }
    this.pos++;
    this.content(node, own, depth);
    return node;
  }

  private content(node: XmlElement, scope: Map<string, string>, depth: number): void {
    let text = '';
    const flush = () => {
      if (text) node.children.push(text);
      text = '';
    };
    for (;;) {
      const lt = this.src.indexOf('<', this.pos);
      if (lt < 0) this.fail(`phần tử <${node.qname}> không đóng`, this.src.length);
      text += this.text(this.pos, lt);
      this.pos = lt;
      if (this.src.startsWith('</', lt)) {
        const name = this.name(lt + 2);
        if (name !== node.qname) this.fail(`thẻ đóng </${name}> không khớp với <${node.qname}> (dòng ${node.line})`, lt);
        this.space();
        this.expect('>', `thiếu ">" trong thẻ đóng </${name}>`);
        flush();
        return;
      }
      if (this.src.startsWith('<!--', lt)) this.comment();
      else if (this.src.startsWith('<![CDATA[', lt)) {
        const end = this.src.indexOf(']]>', lt + 9);
        if (end < 0) this.fail('đoạn CDATA không đóng');
        text += this.src.slice(lt + 9, end);
        this.pos = end + 3;
      } else if (this.src.startsWith('<?', lt)) this.processingInstruction();
      else if (this.src.startsWith('<!', lt)) this.fail('khai báo không được phép trong nội dung');
      else {
        flush();
        node.children.push(this.element(scope, depth + 1));
      }
    }
  }

  /** Character data between from and to, references decoded. */
  private text(from: number, to: number): string {
    const raw = this.src.slice(from, to);
    const cdataEnd = raw.indexOf(']]>');
    if (cdataEnd >= 0) this.fail('"]]>" không được có trong văn bản', from + cdataEnd);
    return this.decode(raw, from);
  }

  private attributeValue(): string {
    const quote = this.src[this.pos];
    if (quote !== '"' && quote !== "'") this.fail('giá trị thuộc tính phải nằm trong dấu nháy');
    const end = this.src.indexOf(quote, this.pos + 1);
    if (end < 0) this.fail('giá trị thuộc tính không đóng');
    const raw = this.src.slice(this.pos + 1, end);
    const lt = raw.indexOf('<');
    if (lt >= 0) this.fail('"<" không được có trong giá trị thuộc tính', this.pos + 1 + lt);
    const value = this.decode(raw.replace(/[\t\n]/g, ' '), this.pos + 1);
    this.pos = end + 1;
    return value;
  }

  private decode(raw: string, offset: number): string {
    if (!raw.includes('&')) return raw;
    return raw.replace(/&([^;&]*)(;?)/g, (whole, ref: string, semi: string, at: number) => {
      if (!semi) this.fail('"&" phải bắt đầu một tham chiếu có dấu ";"', offset + at);
      if (ref in PREDEFINED) return PREDEFINED[ref];
      const m = /^#(?:x([0-9a-fA-F]{1,6})|([0-9]{1,7}))$/.exec(ref);
      if (!m) this.fail(`thực thể "&${ref};" không được định nghĩa (chỉ nhận &lt; &gt; &amp; &apos; &quot; và &#…;)`, offset + at);
      const code = m[1] !== undefined ? parseInt(m[1], 16) : parseInt(m[2], 10);
      const char = code <= 0x10ffff ? String.fromCodePoint(code) : '\u0000';
      if (FORBIDDEN_CHAR.test(char)) this.fail(`tham chiếu ký tự ${whole} không hợp lệ trong XML 1.0`, offset + at);
      return char;
    });
  }

  private resolve(qname: string, scope: Map<string, string>, isElement: boolean, at: number): [string | null, string] {
    const colon = qname.indexOf(':');
    if (colon < 0) return [isElement ? (scope.get('') || null) : null, qname];
    const prefix = qname.slice(0, colon);
    const ns = prefix === 'xmlns' ? XMLNS_NAMESPACE : scope.get(prefix);
    if (ns === undefined) this.fail(`tiền tố không gian tên "${prefix}" chưa được khai báo`, at);
    return [ns, qname.slice(colon + 1)];
  }

  private name(at: number): string {
    NAME.lastIndex = at;
    const m = NAME.exec(this.src);
    if (!m) this.fail('cần một tên XML hợp lệ', at);
    this.pos = at + m[0].length;
    return m[0];
  }

  private space(): void {
    SPACE.lastIndex = this.pos;
    SPACE.exec(this.src);
    this.pos = SPACE.lastIndex;
  }

  private expect(char: string, rule: string): void {
    if (this.src[this.pos] !== char) this.fail(rule);
    this.pos++;
  }

  /** 1 + the number of line breaks before offset at (binary search). */
  private lineOf(at: number): number {
    let lo = 0;
    let hi = this.newlines.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.newlines[mid] < at) lo = mid + 1;
      else hi = mid;
    }
    return lo + 1;
  }

  private fail(rule: string, at = this.pos): never {
    const line = this.lineOf(at);
    const column = at - (this.src.lastIndexOf('\n', at - 1) + 1) + 1;
    throw new XmlSyntaxError(rule, line, column);
  }
}
