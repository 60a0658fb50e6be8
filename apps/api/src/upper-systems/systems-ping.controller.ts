import { Controller, HttpCode, Post, Req } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { createHash } from 'node:crypto';
import type { Request } from 'express';
import type { CallingSystemInfo } from '#services/upper-systems/signed-request-verifier.js';
import { CallingSystem, SignedBySystem } from './signed-system.guard.js';

class CallingSystemDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ format: 'uuid' }) unitId!: string;
  @ApiProperty() trusted!: boolean;
}

class SystemPingDto {
  @ApiProperty({ type: CallingSystemDto }) system!: CallingSystemDto;
  @ApiProperty({ description: 'SHA-256 (hex) of the body as received, the last line of what was signed' }) bodySha256!: string;
}

/** Lets an integrator check its signing before sending real bulletins: a signed request answers who it came from. */
@ApiTags('systems')
@Controller('api/v1/systems')
export class SystemsPingController {
  @Post('ping')
  @HttpCode(200)
  @SignedBySystem()
  @ApiOperation({ summary: 'Checks a signed request (any body) and answers the calling system; changes nothing' })
  @ApiOkResponse({ type: SystemPingDto })
  ping(@CallingSystem() system: CallingSystemInfo, @Req() req: Request & { rawBody?: Buffer }): SystemPingDto {
    const bodySha256 = createHash('sha256').update(req.rawBody ?? Buffer.alloc(0)).digest('hex');
    return { system: { id: system.id, name: system.name, unitId: system.unitId, trusted: system.trusted }, bodySha256 };
  }
}
