import { Body, Controller, Get, HttpCode, Param, Post, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiConflictResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Actor } from '#domain/index.js';
import { RelaysService } from '#loudspeaker/relays/relays.service.js';
import { CurrentActor } from '../auth/current-actor.decorator.js';
import { toPage } from '../http/pagination.dto.js';
import { UuidParam } from '../http/route-params.js';
import { PlaceRelayDto, RelayAiringDto, RelayListQueryDto, RelayPageDto, RelayReportLineDto, RelayResponseDto, RelaySettingDto, RelaySettingResponseDto } from './relays.dto.js';

/** "Tin từ cấp trên": normal bulletins of the province or district waiting for the commune to place them (docs/devices.md). */
@ApiTags('relays')
@ApiBearerAuth()
@Controller('api/v1/relays')
export class RelaysController {
  constructor(private readonly relays: RelaysService) {}

  @Get()
  @ApiOperation({ summary: "Relays of the caller's communes, waiting ones first" })
  @ApiOkResponse({ type: RelayPageDto })
  async list(@CurrentActor() actor: Actor, @Query() q: RelayListQueryDto) {
    return toPage(q, await this.relays.list(actor, { status: q.status, limit: q.pageSize, offset: q.offset }));
  }

  @Get('broadcasts/:broadcastId/report')
  @ApiOperation({ summary: 'Per commune: placed (by an officer or automatically), played, missed' })
  @ApiOkResponse({ type: [RelayReportLineDto] })
  @ApiNotFoundResponse({ description: "The broadcast is not in the caller's subtree" })
  report(@CurrentActor() actor: Actor, @UuidParam('broadcastId') broadcastId: string) {
    return this.relays.report(actor, broadcastId);
  }

  @Get('settings/:unitId')
  @ApiOperation({ summary: "A province's or district's placement deadline" })
  @ApiOkResponse({ type: RelaySettingResponseDto })
  setting(@CurrentActor() actor: Actor, @UuidParam('unitId') unitId: string) {
    return this.relays.setting(actor, unitId);
  }

  @Put('settings/:unitId')
  @ApiOperation({ summary: "Sets a province's or district's placement deadline (supervisors, admins)" })
  @ApiOkResponse({ type: RelaySettingResponseDto })
  saveSetting(@CurrentActor() actor: Actor, @UuidParam('unitId') unitId: string, @Body() dto: RelaySettingDto) {
    return this.relays.saveSetting(actor, unitId, dto.deadlineHours);
  }

  @Get(':id')
  @ApiOperation({ summary: 'A relay of one of the caller\'s communes' })
  @ApiOkResponse({ type: RelayResponseDto })
  @ApiNotFoundResponse({ description: "Not in the caller's subtree" })
  get(@CurrentActor() actor: Actor, @Param('id') id: string) {
    return this.relays.get(actor, id);
  }

  @Get(':id/airings')
  @ApiOperation({ summary: 'Airings of the next 7 days the relay can go into' })
  @ApiOkResponse({ type: [RelayAiringDto] })
  airings(@CurrentActor() actor: Actor, @Param('id') id: string) {
    return this.relays.airings(actor, id);
  }

  @Post(':id/place')
  @HttpCode(200)
  @ApiOperation({ summary: "Places the relay in an airing of the commune's choosing" })
  @ApiOkResponse({ type: RelayResponseDto })
  @ApiConflictResponse({ description: 'Already placed, or the airing has no room left' })
  place(@CurrentActor() actor: Actor, @Param('id') id: string, @Body() dto: PlaceRelayDto) {
    return this.relays.place(actor, id, { slotId: dto.slotId, airsAt: new Date(dto.airsAt) });
  }
}
