import type { ArgumentMetadata, PipeTransform } from '@nestjs/common';
import { CONTROL_CHARACTER_MESSAGE, hasControlCharacter, InvalidInputError, type FieldProblem } from '#domain/index.js';

/** Keys that reach an object's prototype when copied; no DTO has them, so they are unknown fields like any other. */
const PROTOTYPE_KEYS = new Set(['__proto__', 'constructor', 'prototype']);
/** Deeper than any DTO nests: refused before class-transformer recurses into it. */
const MAX_DEPTH = 16;

/**
 * The one check of text in every body, query string and path parameter, before DTO validation:
 * control characters and prototype keys are refused with a 400 naming the field.
 */
export class InputTextPipe implements PipeTransform {
  transform(value: unknown, metadata: ArgumentMetadata): unknown {
    if (metadata.type === 'custom') return value;
    const problems = inputTextProblems(value, metadata.data ?? '');
    if (problems.length) throw new InvalidInputError(problems);
    return value;
  }
}

/** Walks the value without recursion (a JSON body may nest thousands deep) and names every field at fault. */
export function inputTextProblems(root: unknown, rootField: string): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const stack: { value: unknown; field: string; depth: number }[] = [{ value: root, field: rootField, depth: 0 }];
  while (stack.length && problems.length < 20) {
    const { value, field, depth } = stack.pop()!;
    if (typeof value === 'string') {
      if (hasControlCharacter(value)) problems.push({ field: field || 'body', rule: 'noControlCharacters', message: CONTROL_CHARACTER_MESSAGE });
      continue;
    }
    if (value === null || typeof value !== 'object' || Buffer.isBuffer(value)) continue;
    if (depth >= MAX_DEPTH) {
      problems.push({ field: field || 'body', rule: 'maxDepth', message: `lồng nhau quá sâu (tối đa ${MAX_DEPTH} cấp)` });
      continue;
    }
    for (const key of Object.keys(value)) {
      const child = field ? `${field}.${key}` : key;
      if (PROTOTYPE_KEYS.has(key)) {
        problems.push({ field: child, rule: 'unknown-field', message: 'trường không được phép (không có trong mô tả API)' });
      } else if (hasControlCharacter(key)) {
        problems.push({ field: field || 'body', rule: 'noControlCharacters', message: `tên trường ${CONTROL_CHARACTER_MESSAGE}` });
      } else {
        stack.push({ value: (value as Record<string, unknown>)[key], field: child, depth: depth + 1 });
      }
    }
  }
  return problems;
}
