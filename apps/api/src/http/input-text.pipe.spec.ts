import { InvalidInputError } from '#domain/index.js';
import { InputTextPipe, inputTextProblems } from './input-text.pipe.js';

describe('InputTextPipe', () => {
  const pipe = new InputTextPipe();

  it('names every field holding a control character, with dotted paths into objects and arrays', () => {
    const body = JSON.parse('{"title":"a\\u0000","renditions":{"sms":"ok","board":{"title":"\\u001b[31m"}},"tags":["x","y\\u007f"]}');
    expect(inputTextProblems(body, '').map((p) => `${p.field}:${p.rule}`).sort()).toEqual([
      'renditions.board.title:noControlCharacters',
      'tags.1:noControlCharacters',
      'title:noControlCharacters',
    ]);
  });

  it('lets tabs and line breaks through and leaves values untouched', () => {
    const body = { body: 'Dòng 1\r\nDòng 2\tcột', count: 3, flag: true, none: null };
    expect(pipe.transform(body, { type: 'body' })).toBe(body);
  });

  it('refuses prototype keys as unknown fields, and nesting deeper than a DTO has', () => {
    expect(inputTextProblems(JSON.parse('{"a":{"__proto__":{"x":1}}}'), '')).toEqual([expect.objectContaining({ field: 'a.__proto__', rule: 'unknown-field' })]);
    expect(inputTextProblems(JSON.parse(`{"x":${'['.repeat(5000)}${']'.repeat(5000)}}`), '')).toEqual([expect.objectContaining({ field: expect.stringMatching(/^x(\.0)+$/), rule: 'maxDepth' })]);
  });

  it('names a path parameter or the query parameter, and skips custom arguments', () => {
    expect(() => pipe.transform('abc\u0000', { type: 'param', data: 'id' })).toThrow(InvalidInputError);
    expect(inputTextProblems({ q: 'a\u0000' }, '')).toEqual([expect.objectContaining({ field: 'q' })]);
    expect(pipe.transform({ name: '\u0000' }, { type: 'custom' })).toEqual({ name: '\u0000' });
  });
});
