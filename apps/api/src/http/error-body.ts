import type { FieldProblem } from '../../../../libs/domain/src/index.js';

/** The one error body every endpoint answers with. */
export interface ErrorBody {
  statusCode: number;
  error: string;
  message: string;
  details: FieldProblem[];
  requestId?: string;
}
