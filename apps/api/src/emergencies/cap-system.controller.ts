import { Controller, HttpCode, Post, Req } from '@nestjs/common';
import { ApiBadRequestResponse, ApiBody, ApiConflictResponse, ApiConsumes, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import { InvalidInputError } from '#domain/index.js';
import { CAP_MIME_TYPE } from '#emergencies/cap/index.js';
import { CapImportService } from '#services/emergencies/cap-import.service.js';
import type { CallingSystemInfo } from '#services/upper-systems/signed-request-verifier.js';
import { ErrorBodyDto } from '../http/error-body.dto.js';
import { CallingSystem, SignedBySystem } from '../upper-systems/signed-system.guard.js';
import { CapReceiptDto } from './cap.dto.js';

/** An upper-level system pushes CAP 1.2 messages, signed (docs/upper-systems.md); it speaks for its unit's subtree. */
@ApiTags('systems')
@Controller('api/v1/systems/cap')
export class CapSystemController {
  constructor(private readonly imports: CapImportService) {}

  @Post('alerts')
  @HttpCode(200)
  @SignedBySystem()
  @ApiConsumes(CAP_MIME_TYPE)
  @ApiBody({ description: 'A CAP 1.2 document', schema: { type: 'string' } })
  @ApiOperation({
    summary: "A system's CAP 1.2 Alert, Update or Cancel",
    description:
      "An Alert becomes an emergency draft waiting for a supervisor, or goes out at once when the system is trusted; an Update or Cancel acts on the emergency it references. The same message again answers outcome 'duplicate' and changes nothing.",
  })
  @ApiOkResponse({ type: CapReceiptDto })
  @ApiBadRequestResponse({ type: ErrorBodyDto, description: 'details name the CAP element and the rule; nothing was written' })
  @ApiConflictResponse({ type: ErrorBodyDto, description: 'The emergency referenced is cancelled' })
  receive(@CallingSystem() system: CallingSystemInfo, @Req() req: Request): Promise<CapReceiptDto> {
    if (!Buffer.isBuffer(req.body) || req.body.length === 0) {
      throw new InvalidInputError([{ field: 'body', rule: 'required', message: 'gửi tài liệu CAP 1.2 với Content-Type application/cap+xml' }]);
    }
    const source = { kind: 'system' as const, ref: system.id, name: system.name, unit: { id: system.unitId, path: system.unitPath }, trusted: system.trusted };
    return this.imports.receive(source, req.body.toString('utf8'));
  }
}
