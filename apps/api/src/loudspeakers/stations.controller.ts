import { Body, Controller, Delete, Get, HttpCode, Post, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiConflictResponse, ApiCreatedResponse, ApiNotFoundResponse, ApiTags } from '@nestjs/swagger';
import type { Actor } from '../../../../libs/domain/src/index.js';
import { StationsService } from '../../../../libs/services/src/loudspeakers/stations.service.js';
import { CurrentActor } from '../auth/current-actor.decorator.js';
import { PageQueryDto, toPage } from '../http/pagination.dto.js';
import { UuidParam } from '../http/route-params.js';
import { AirtimeQueryDto, CreateGroupDto, CreateSlotDto, CreateStationDto, StationFieldsDto } from './stations.dto.js';

@ApiTags('loudspeakers')
@ApiBearerAuth()
@ApiNotFoundResponse({ description: "Not in the caller's unit subtree (answered as if it did not exist)" })
@Controller('api/v1/loudspeakers')
export class StationsController {
  constructor(private readonly stations: StationsService) {}

  @Post('stations')
  @ApiCreatedResponse({ description: 'The station and its device token; the token is shown only here and on rotation' })
  create(@CurrentActor() actor: Actor, @Body() dto: CreateStationDto) {
    return this.stations.create(actor, dto);
  }

  /** Stations of the subtree with online/offline (offline = no heartbeat for STATION_OFFLINE_AFTER_SECONDS). */
  @Get('stations')
  async list(@CurrentActor() actor: Actor, @Query() q: PageQueryDto) {
    return toPage(q, await this.stations.list(actor, { limit: q.pageSize, offset: q.offset }));
  }

  @Get('stations/:id')
  get(@CurrentActor() actor: Actor, @UuidParam('id') id: string) {
    return this.stations.detail(actor, id);
  }

  @Put('stations/:id')
  @ApiConflictResponse({ description: "Joining the group would make the station's slots overlap the group's" })
  update(@CurrentActor() actor: Actor, @UuidParam('id') id: string, @Body() dto: StationFieldsDto) {
    return this.stations.update(actor, id, dto);
  }

  @Post('stations/:id/token')
  @HttpCode(200)
  rotate(@CurrentActor() actor: Actor, @UuidParam('id') id: string) {
    return this.stations.rotateToken(actor, id);
  }

  @Delete('stations/:id')
  @HttpCode(204)
  remove(@CurrentActor() actor: Actor, @UuidParam('id') id: string) {
    return this.stations.remove(actor, id);
  }

  /** Minutes played to the end, per local day and per content group. */
  @Get('stations/:id/airtime')
  airtime(@CurrentActor() actor: Actor, @UuidParam('id') id: string, @Query() q: AirtimeQueryDto) {
    return this.stations.airtime(actor, id, q.from, q.to);
  }

  @Post('groups')
  createGroup(@CurrentActor() actor: Actor, @Body() dto: CreateGroupDto) {
    return this.stations.createGroup(actor, dto);
  }

  @Get('groups')
  listGroups(@CurrentActor() actor: Actor) {
    return this.stations.listGroups(actor);
  }

  @Get('groups/:id')
  group(@CurrentActor() actor: Actor, @UuidParam('id') id: string) {
    return this.stations.groupDetail(actor, id);
  }

  @Post('slots')
  @ApiConflictResponse({ description: 'The slot would air at the same time as another slot on the same loudspeakers (rule overlap)' })
  addSlot(@CurrentActor() actor: Actor, @Body() dto: CreateSlotDto) {
    return this.stations.addSlot(actor, dto);
  }

  @Delete('slots/:id')
  @HttpCode(204)
  removeSlot(@CurrentActor() actor: Actor, @UuidParam('id') id: string) {
    return this.stations.removeSlot(actor, id);
  }
}
