import { Body, Controller, Get, NotFoundException, Post, Res } from '@nestjs/common';
import { ApiAcceptedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import type { CallingSystemInfo } from '#services/upper-systems/signed-request-verifier.js';
import { SystemPushesService } from '#services/upper-systems/system-pushes.service.js';
import { UuidParam } from '../http/route-params.js';
import { CallingSystem, SignedBySystem } from './signed-system.guard.js';
import { PushRelayDto, SystemPushResponseDto } from './system-relays.dto.js';

/** Bulletins pushed by upper-level systems into the relay path (docs/upper-systems.md). */
@ApiTags('systems')
@Controller('api/v1/systems/relays')
export class SystemRelaysController {
  constructor(private readonly pushes: SystemPushesService) {}

  @Post()
  @SignedBySystem()
  @ApiOperation({ summary: "Pushes a bulletin to the loudspeakers of the system's communes, as a broadcast of its unit" })
  @ApiAcceptedResponse({ type: SystemPushResponseDto, description: 'Accepted (202); the same reference again answers 200 with the first push' })
  async push(@CallingSystem() system: CallingSystemInfo, @Body() dto: PushRelayDto, @Res({ passthrough: true }) res: Response) {
    const { push, repeated } = await this.pushes.push(system, dto);
    res.status(repeated ? 200 : 202);
    return push;
  }

  @Get(':id')
  @SignedBySystem()
  @ApiOperation({ summary: 'What became of a push of this system' })
  @ApiOkResponse({ type: SystemPushResponseDto })
  async get(@CallingSystem() system: CallingSystemInfo, @UuidParam('id') id: string) {
    const push = await this.pushes.find(system, id);
    if (!push) throw new NotFoundException('Không tìm thấy tin đã gửi');
    return push;
  }
}
