import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';

/**
 * The bounds of every list's paging, in this one place: the offset they allow (10⁸ rows) stays a safe
 * integer that Postgres takes, so a page far out of range is a 400, never a database error.
 */
export const PAGE_MAX = 1_000_000;
export const PAGE_SIZE_MAX = 100;

export class PageQueryDto {
  @ApiPropertyOptional({ minimum: 1, maximum: PAGE_MAX, default: 1 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(PAGE_MAX)
  page: number = 1;

  @ApiPropertyOptional({ minimum: 1, maximum: PAGE_SIZE_MAX, default: 20 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(PAGE_SIZE_MAX)
  pageSize: number = 20;

  get offset(): number {
    return (this.page - 1) * this.pageSize;
  }
}

export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}

export function toPage<T>(query: PageQueryDto, result: { items: T[]; total: number }): Page<T> {
  return { items: result.items, total: result.total, page: query.page, pageSize: query.pageSize };
}

/** Query strings carry 'true' / 'false'; anything else is left for the validator to refuse. */
export const toBoolean = ({ value }: { value: unknown }) => (value === 'true' ? true : value === 'false' ? false : value);
