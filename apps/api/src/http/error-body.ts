import type { FieldProblem } from '#domain/index.js';

/** The one error body every endpoint answers with. */
export interface ErrorBody {
  statusCode: number;
  error: string;
  message: string;
  details: FieldProblem[];
  requestId?: string;
}
