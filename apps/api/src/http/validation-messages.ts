import type { ValidationError } from 'class-validator';
import type { FieldProblem } from '#domain/index.js';

/** Vietnamese wording for class-validator rules, so officers read why a field was refused. */
const RULE_MESSAGES: Record<string, (c: string) => string> = {
  whitelistValidation: () => 'trường không được phép (không có trong mô tả API)',
  isDefined: () => 'là bắt buộc',
  isNotEmpty: () => 'không được để trống',
  isString: () => 'phải là chuỗi ký tự',
  isInt: () => 'phải là số nguyên',
  isBoolean: () => 'phải là true hoặc false',
  isUuid: () => 'phải là UUID',
  isEnum: (c) => `phải là một trong các giá trị cho phép (${extractAllowed(c)})`,
  isIn: (c) => `phải là một trong các giá trị cho phép (${extractAllowed(c)})`,
  maxLength: (c) => `dài quá mức cho phép (${c.match(/(\d+)/)?.[1] ?? ''} ký tự)`,
  minLength: (c) => `quá ngắn (tối thiểu ${c.match(/(\d+)/)?.[1] ?? ''} ký tự)`,
  arrayMaxSize: (c) => `có quá nhiều phần tử (tối đa ${c.match(/(\d+)/)?.[1] ?? ''})`,
  arrayUnique: () => 'không được có phần tử trùng',
  isArray: () => 'phải là một danh sách',
  min: (c) => `nhỏ hơn giá trị tối thiểu (${c.match(/(-?\d+)/)?.[1] ?? ''})`,
  max: (c) => `lớn hơn giá trị tối đa (${c.match(/(-?\d+)/)?.[1] ?? ''})`,
  matches: () => 'không đúng định dạng',
  isObject: () => 'phải là một đối tượng',
  nestedValidation: () => 'phải là một đối tượng hợp lệ',
  isTimeZone: () => 'phải là múi giờ IANA, ví dụ Asia/Ho_Chi_Minh',
  isDateString: () => 'phải là ngày giờ ISO 8601',
};

function extractAllowed(message: string): string {
  const m = message.match(/following values: (.*)$/);
  return m ? m[1] : message;
}

/** Flattens nested class-validator errors into one problem per field and rule, with dotted field paths. */
export function toFieldProblems(errors: ValidationError[], parent = ''): FieldProblem[] {
  const out: FieldProblem[] = [];
  for (const error of errors) {
    const field = parent ? `${parent}.${error.property}` : error.property;
    for (const [rule, english] of Object.entries(error.constraints ?? {})) {
      const rule2 = rule === 'whitelistValidation' ? 'unknown-field' : rule;
      out.push({ field, rule: rule2, message: RULE_MESSAGES[rule]?.(english) ?? english });
    }
    if (error.children?.length) out.push(...toFieldProblems(error.children, field));
  }
  return out;
}
