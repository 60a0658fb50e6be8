import { applyDecorators } from '@nestjs/common';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';

/** A list's order as the repositories take it: one whitelisted field and a direction. */
export interface SortOrder<F extends string = string> {
  field: F;
  direction: 'asc' | 'desc';
}

/**
 * The `sort` query parameter of a list: `field` ascending, `-field` descending, only the given fields.
 * Usage on a list DTO: `@SortQuery(['createdAt', 'title'], '-createdAt') sort?: string;`
 */
export function SortQuery(fields: readonly string[], byDefault: string): PropertyDecorator {
  const allowed = fields.flatMap((f) => [f, `-${f}`]);
  return applyDecorators(
    ApiPropertyOptional({ enum: allowed, default: byDefault, description: '`field` ascending, `-field` descending' }),
    IsOptional(),
    IsIn(allowed),
  );
}

export function toSortOrder<F extends string>(sort: string | undefined, byDefault: string): SortOrder<F> {
  const s = sort ?? byDefault;
  return s.startsWith('-') ? { field: s.slice(1) as F, direction: 'desc' } : { field: s as F, direction: 'asc' };
}
