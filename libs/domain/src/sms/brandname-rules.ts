import type { FieldProblem } from '../errors.js';
import { smsSegments } from './segments.js';

/**
 * What a Vietnamese SMS-brandname route accepts, as a province registered it with its gateway and the
 * carriers: the brandname, whether the route carries Unicode (many customer-care routes are
 * "không dấu" only) and, for customer-care traffic, the registered templates the text must match.
 */
export interface BrandnameRoute {
  brandname: string;
  unicodeAllowed: boolean;
  /** Registered texts; `{name}` stands for one placeholder (any text of at least one character). */
  templates: readonly string[];
}

const PLACEHOLDER = /\{[^{}]*\}/g;

/** A template as an anchored pattern: literal text, runs of white space as one, each placeholder as at least one character. */
export function templatePattern(template: string): RegExp {
  const source = template
    .normalize('NFC')
    .trim()
    .split(PLACEHOLDER)
    .map((literal) => literal.split(/\s+/).map((word) => word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('\\s+'))
    .join('[\\s\\S]+?');
  return new RegExp(`^${source}$`, 'u');
}

/** True when the text is one of the registered templates with its placeholders filled in. */
export function matchesTemplate(text: string, template: string): boolean {
  return templatePattern(template).test(text.normalize('NFC').trim());
}

/** True when the text cannot go as GSM-7, so it needs a Unicode (UCS-2) route. */
export function needsUnicode(text: string): boolean {
  return smsSegments(text).encoding === 'UCS-2';
}

/**
 * Why this SMS text cannot go out under the province's brandname route, each problem naming `field`.
 * `body` is exactly what would be sent (smsBody: NFC or "không dấu"); a null route means the province
 * registered no brandname with the gateway in use.
 */
export function brandnameProblems(route: BrandnameRoute | null, body: string, field: string): FieldProblem[] {
  if (!route) {
    return [
      {
        field,
        rule: 'brandname',
        message:
          'Tỉnh của đơn vị chưa khai báo brandname SMS với nhà cung cấp đang dùng; ' +
          'lãnh đạo hoặc quản trị viên của tỉnh cần khai báo brandname và mẫu tin trước khi gửi SMS.',
      },
    ];
  }
  const problems: FieldProblem[] = [];
  if (!route.unicodeAllowed && needsUnicode(body)) {
    problems.push({
      field,
      rule: 'brandname-unicode',
      message: `Brandname ${route.brandname} chỉ gửi được tin không dấu, nhưng nội dung SMS cần Unicode. Hãy chọn gửi "không dấu" và bỏ các ký tự đặc biệt (biểu tượng, chữ ngoài bảng GSM).`,
    });
  }
  if (!route.templates.some((template) => matchesTemplate(body, template))) {
    problems.push({
      field,
      rule: 'brandname-template',
      message: `Nội dung SMS không khớp mẫu tin nào đã đăng ký cho brandname ${route.brandname}; tin chăm sóc khách hàng chỉ được gửi đúng mẫu đã đăng ký với nhà mạng.`,
    });
  }
  return problems;
}
