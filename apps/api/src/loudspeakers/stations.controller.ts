import { Body, Controller, Delete, Get, HttpCode, Post, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiConflictResponse, ApiCreatedResponse, ApiNoContentResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Actor } from '#domain/index.js';
import { StationsService } from '#loudspeaker/stations.service.js';
import { CurrentActor } from '../auth/current-actor.decorator.js';
import { PageQueryDto, toPage } from '../http/pagination.dto.js';
import { UuidParam } from '../http/route-params.js';
import { AirtimeQueryDto, CreateGroupDto, CreateSlotDto, CreateStationDto, StationFieldsDto } from './stations.dto.js';
import { AirtimeDto, DeviceTokenDto, GroupDetailDto, GroupDto, SlotDto, StationDetailDto, StationDto, StationPageDto, StationWithTokenDto } from './station-responses.dto.js';

@ApiTags('loudspeakers')
@ApiBearerAuth()
@ApiNotFoundResponse({ description: "Not in the caller's unit subtree (answered as if it did not exist)" })
@Controller('api/v1/loudspeakers')
export class StationsController {
  constructor(private readonly stations: StationsService) {}

  @Post('stations')
  @ApiCreatedResponse({ type: StationWithTokenDto, description: 'The station and its device token; the token is shown only here and on rotation' })
  @ApiOperation({ summary: 'Registers a loudspeaker station' })
  create(@CurrentActor() actor: Actor, @Body() dto: CreateStationDto): Promise<StationWithTokenDto> {
    return this.stations.create(actor, dto);
  }

  /** Stations of the subtree with online/offline (offline = no heartbeat for STATION_OFFLINE_AFTER_SECONDS). */
  @Get('stations')
  @ApiOperation({ summary: 'Stations of the subtree with their online/offline state' })
  @ApiOkResponse({ type: StationPageDto })
  async list(@CurrentActor() actor: Actor, @Query() q: PageQueryDto): Promise<StationPageDto> {
    return toPage(q, await this.stations.list(actor, { limit: q.pageSize, offset: q.offset }));
  }

  @Get('stations/:id')
  @ApiOperation({ summary: 'A station with its weekly slots' })
  @ApiOkResponse({ type: StationDetailDto })
  get(@CurrentActor() actor: Actor, @UuidParam('id') id: string): Promise<StationDetailDto> {
    return this.stations.detail(actor, id);
  }

  @Put('stations/:id')
  @ApiConflictResponse({ description: "Joining the group would make the station's slots overlap the group's" })
  @ApiOperation({ summary: 'Changes a station (name, kind, villages, group)' })
  @ApiOkResponse({ type: StationDto })
  update(@CurrentActor() actor: Actor, @UuidParam('id') id: string, @Body() dto: StationFieldsDto): Promise<StationDto> {
    return this.stations.update(actor, id, dto);
  }

  @Post('stations/:id/token')
  @HttpCode(200)
  @ApiOperation({ summary: 'Issues a new device token; the old one stops working at once' })
  @ApiOkResponse({ type: DeviceTokenDto })
  rotate(@CurrentActor() actor: Actor, @UuidParam('id') id: string): Promise<DeviceTokenDto> {
    return this.stations.rotateToken(actor, id);
  }

  @Delete('stations/:id')
  @HttpCode(204)
  @ApiOperation({ summary: 'Removes a station' })
  @ApiNoContentResponse({ description: 'Removed' })
  remove(@CurrentActor() actor: Actor, @UuidParam('id') id: string): Promise<void> {
    return this.stations.remove(actor, id);
  }

  /** Minutes played to the end, per local day and per content group. */
  @Get('stations/:id/airtime')
  @ApiOperation({ summary: 'Minutes played to the end, per local day and content group' })
  @ApiOkResponse({ type: AirtimeDto })
  airtime(@CurrentActor() actor: Actor, @UuidParam('id') id: string, @Query() q: AirtimeQueryDto): Promise<AirtimeDto> {
    return this.stations.airtime(actor, id, q.from, q.to);
  }

  @Post('groups')
  @ApiOperation({ summary: 'Creates a group of stations that share weekly slots' })
  @ApiCreatedResponse({ type: GroupDto })
  createGroup(@CurrentActor() actor: Actor, @Body() dto: CreateGroupDto): Promise<GroupDto> {
    return this.stations.createGroup(actor, dto);
  }

  @Get('groups')
  @ApiOperation({ summary: 'Station groups of the subtree' })
  @ApiOkResponse({ type: [GroupDto] })
  listGroups(@CurrentActor() actor: Actor): Promise<GroupDto[]> {
    return this.stations.listGroups(actor);
  }

  @Get('groups/:id')
  @ApiOperation({ summary: 'A station group with its weekly slots' })
  @ApiOkResponse({ type: GroupDetailDto })
  group(@CurrentActor() actor: Actor, @UuidParam('id') id: string): Promise<GroupDetailDto> {
    return this.stations.groupDetail(actor, id);
  }

  @Post('slots')
  @ApiConflictResponse({ description: 'The slot would air at the same time as another slot on the same loudspeakers (rule overlap)' })
  @ApiOperation({ summary: 'Adds a weekly airing slot to a station or a group' })
  @ApiCreatedResponse({ type: SlotDto })
  addSlot(@CurrentActor() actor: Actor, @Body() dto: CreateSlotDto): Promise<SlotDto> {
    return this.stations.addSlot(actor, dto);
  }

  @Delete('slots/:id')
  @HttpCode(204)
  @ApiOperation({ summary: 'Removes a weekly slot' })
  @ApiNoContentResponse({ description: 'Removed' })
  removeSlot(@CurrentActor() actor: Actor, @UuidParam('id') id: string): Promise<void> {
    return this.stations.removeSlot(actor, id);
  }
}
