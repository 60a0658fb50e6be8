/** Whether a database error is a unique violation (23505) of the named constraint. */
export function isUniqueViolation(error: unknown, constraint: string): boolean {
  const e = error as { code?: string; constraint?: string } | null | undefined;
  return e?.code === '23505' && e.constraint === constraint;
}
