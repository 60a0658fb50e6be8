import { Body, Controller, Delete, Get, HttpCode, Post, Put, Query } from '@nestjs/common';
import { ApiBadRequestResponse, ApiBearerAuth, ApiCreatedResponse, ApiNoContentResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { foldVietnamese, type Actor } from '#domain/index.js';
import { ActivitiesService } from '#services/activities/activities.service.js';
import type { ActivitySortField, ActivityView } from '#services/activities/activity.repository.js';
import { CurrentActor } from '../auth/current-actor.decorator.js';
import { ErrorBodyDto } from '../http/error-body.dto.js';
import { toPage, type Page } from '../http/pagination.dto.js';
import { UuidParam } from '../http/route-params.js';
import { toSortOrder } from '../http/sort.js';
import { ACTIVITY_DEFAULT_SORT, ActivityDto, ActivityFieldsDto, ActivityPageDto, CreateActivityDto, ListActivitiesQueryDto } from './activities.dto.js';

@ApiTags('activities')
@ApiBearerAuth()
@ApiNotFoundResponse({ type: ErrorBodyDto, description: "Not in the caller's unit subtree (answered as if it did not exist)" })
@ApiBadRequestResponse({ type: ErrorBodyDto, description: 'details name each refused field and rule' })
@Controller('api/v1/activities')
export class ActivitiesController {
  constructor(private readonly activities: ActivitiesService) {}

  @Post()
  @ApiOperation({ summary: 'Records a communication activity that took place (conference, dialogue, contest, training, leaflets, mobile propaganda)' })
  @ApiCreatedResponse({ type: ActivityDto })
  create(@CurrentActor() actor: Actor, @Body() dto: CreateActivityDto): Promise<ActivityView> {
    const { unitId, ...fields } = dto;
    return this.activities.create(actor, unitId, fields);
  }

  @Get()
  @ApiOperation({ summary: "Lists the activities of the caller's subtree: filters, search, sort" })
  @ApiOkResponse({ type: ActivityPageDto })
  async list(@CurrentActor() actor: Actor, @Query() query: ListActivitiesQueryDto): Promise<Page<ActivityView>> {
    const { kind, contentGroup, unitId, from, to } = query;
    const sort = toSortOrder<ActivitySortField>(query.sort, ACTIVITY_DEFAULT_SORT);
    const folded = query.q ? foldVietnamese(query.q).trim() : undefined;
    return toPage(
      query,
      await this.activities.list(actor, { kind, contentGroup, unitId, from, to, folded, sort, limit: query.pageSize, offset: query.offset }),
    );
  }

  @Get(':id')
  @ApiOperation({ summary: 'One activity' })
  @ApiOkResponse({ type: ActivityDto })
  get(@CurrentActor() actor: Actor, @UuidParam('id') id: string): Promise<ActivityView> {
    return this.activities.get(actor, id);
  }

  @Put(':id')
  @ApiOperation({ summary: 'Corrects an activity' })
  @ApiOkResponse({ type: ActivityDto })
  update(@CurrentActor() actor: Actor, @UuidParam('id') id: string, @Body() dto: ActivityFieldsDto): Promise<ActivityView> {
    return this.activities.update(actor, id, dto);
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiOperation({ summary: 'Removes an activity recorded by mistake' })
  @ApiNoContentResponse({ description: 'Removed' })
  remove(@CurrentActor() actor: Actor, @UuidParam('id') id: string): Promise<void> {
    return this.activities.delete(actor, id);
  }
}
