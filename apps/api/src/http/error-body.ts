import type { FieldProblem } from '#domain/index.js';

/** The one error body every endpoint answers with. */
export interface ErrorBody {
  statusCode: number;
  error: string;
  message: string;
  details: FieldProblem[];
  /** The domain's reason for a refusal a client may act on (e.g. `relay.full`); absent for the framework's. */
  code?: string;
  requestId?: string;
}
