import type { EntityManager } from 'typeorm';

/**
 * Rows of a statement with RETURNING. TypeORM answers UPDATE and DELETE with [rows, rowCount] but
 * INSERT and SELECT with rows alone; this gives rows either way.
 */
export async function returning<T>(manager: Pick<EntityManager, 'query'>, sql: string, params: unknown[] = []): Promise<T[]> {
  const result: unknown = await manager.query(sql, params);
  if (Array.isArray(result) && result.length === 2 && Array.isArray(result[0]) && typeof result[1] === 'number') {
    return result[0] as T[];
  }
  return result as T[];
}
