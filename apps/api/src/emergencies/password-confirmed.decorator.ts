import { applyDecorators, HttpCode } from '@nestjs/common';
import { ApiConflictResponse, ApiForbiddenResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTooManyRequestsResponse } from '@nestjs/swagger';
import { ErrorBodyDto } from '../http/error-body.dto.js';
import { EmergencyDto } from './emergency-responses.dto.js';

/**
 * A supervisor's action on one emergency, confirmed with their password (confirm, send a draft): 200
 * with the emergency, and the answers every such action can give.
 */
export function PasswordConfirmedAction(summary: string, refusals: { forbidden: string; conflict: string }) {
  return applyDecorators(
    HttpCode(200),
    ApiOperation({ summary }),
    ApiOkResponse({ type: EmergencyDto }),
    ApiForbiddenResponse({ type: ErrorBodyDto, description: refusals.forbidden }),
    ApiNotFoundResponse({ type: ErrorBodyDto, description: "Not in the caller's subtree" }),
    ApiConflictResponse({ type: ErrorBodyDto, description: refusals.conflict }),
    ApiTooManyRequestsResponse({ type: ErrorBodyDto, description: 'Too many wrong passwords' }),
  );
}
