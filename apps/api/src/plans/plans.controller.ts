import { Body, Controller, Delete, Get, HttpCode, Post, Put, Query, StreamableFile } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiForbiddenResponse,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiTags,
} from '@nestjs/swagger';
import { foldVietnamese, type Actor } from '#domain/index.js';
import type { PlanSortField, PlanView } from '#services/plans/plan.repository.js';
import { PlanProgressService, type PlanProgress } from '#services/plans/plan-progress.service.js';
import { PlansService, type PlanDetail } from '#services/plans/plans.service.js';
import { CurrentActor } from '../auth/current-actor.decorator.js';
import { ErrorBodyDto } from '../http/error-body.dto.js';
import { toPage, type Page } from '../http/pagination.dto.js';
import { UuidParam } from '../http/route-params.js';
import { toSortOrder } from '../http/sort.js';
import { PlanDetailDto, PlanPageDto, PlanProgressDto } from './plan-responses.dto.js';
import { CreatePlanDto, ListPlansQueryDto, OverrideValueDto, PLAN_DEFAULT_SORT, PlanFieldsDto, PlanTargetDto, ProgressQueryDto } from './plans.dto.js';

@ApiTags('plans')
@ApiBearerAuth()
@ApiNotFoundResponse({ type: ErrorBodyDto, description: 'Not visible to the caller (answered as if it did not exist)' })
@ApiBadRequestResponse({ type: ErrorBodyDto, description: 'details name each refused field and rule' })
@Controller('api/v1/plans')
export class PlansController {
  constructor(
    private readonly plans: PlansService,
    private readonly progressService: PlanProgressService,
  ) {}

  @Post()
  @ApiOperation({ summary: 'Creates a communication plan (kế hoạch thông tin, tuyên truyền CCHC) with its targets' })
  @ApiCreatedResponse({ type: PlanDetailDto })
  @ApiForbiddenResponse({ type: ErrorBodyDto, description: 'Only supervisors and administrators issue plans' })
  create(@CurrentActor() actor: Actor, @Body() dto: CreatePlanDto): Promise<PlanDetail> {
    const { unitId, targets, ...fields } = dto;
    return this.plans.create(actor, unitId, fields, targets);
  }

  @Get()
  @ApiOperation({ summary: "Lists the plans of the caller's subtree and of the units above it: filters, search, sort" })
  @ApiOkResponse({ type: PlanPageDto })
  async list(@CurrentActor() actor: Actor, @Query() query: ListPlansQueryDto): Promise<Page<PlanView>> {
    const sort = toSortOrder<PlanSortField>(query.sort, PLAN_DEFAULT_SORT);
    const folded = query.q ? foldVietnamese(query.q).trim() : undefined;
    return toPage(
      query,
      await this.plans.list(actor, { unitId: query.unitId, year: query.year, folded, sort, limit: query.pageSize, offset: query.offset }),
    );
  }

  @Get(':id')
  @ApiOperation({ summary: 'A plan with its targets and their per-unit overrides' })
  @ApiOkResponse({ type: PlanDetailDto })
  get(@CurrentActor() actor: Actor, @UuidParam('id') id: string): Promise<PlanDetail> {
    return this.plans.get(actor, id);
  }

  @Put(':id')
  @ApiOperation({ summary: "Changes a plan's title, period and decision (targets are changed on their own routes)" })
  @ApiOkResponse({ type: PlanDetailDto })
  @ApiForbiddenResponse({ type: ErrorBodyDto, description: 'Only supervisors and administrators change plans' })
  update(@CurrentActor() actor: Actor, @UuidParam('id') id: string, @Body() dto: PlanFieldsDto): Promise<PlanDetail> {
    return this.plans.update(actor, id, dto);
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiOperation({ summary: 'Removes a plan with its targets and overrides' })
  @ApiNoContentResponse({ description: 'Removed' })
  @ApiForbiddenResponse({ type: ErrorBodyDto, description: 'Only supervisors and administrators remove plans' })
  remove(@CurrentActor() actor: Actor, @UuidParam('id') id: string): Promise<void> {
    return this.plans.delete(actor, id);
  }

  @Post(':id/targets')
  @ApiOperation({ summary: 'Adds a target to a plan' })
  @ApiCreatedResponse({ type: PlanDetailDto })
  addTarget(@CurrentActor() actor: Actor, @UuidParam('id') id: string, @Body() dto: PlanTargetDto): Promise<PlanDetail> {
    return this.plans.addTarget(actor, id, dto);
  }

  @Put(':id/targets/:targetId')
  @ApiOperation({ summary: 'Changes a target; overrides of units no longer of its level are dropped' })
  @ApiOkResponse({ type: PlanDetailDto })
  updateTarget(
    @CurrentActor() actor: Actor,
    @UuidParam('id') id: string,
    @UuidParam('targetId') targetId: string,
    @Body() dto: PlanTargetDto,
  ): Promise<PlanDetail> {
    return this.plans.updateTarget(actor, id, targetId, dto);
  }

  @Delete(':id/targets/:targetId')
  @ApiOperation({ summary: 'Removes a target with its overrides' })
  @ApiOkResponse({ type: PlanDetailDto })
  removeTarget(@CurrentActor() actor: Actor, @UuidParam('id') id: string, @UuidParam('targetId') targetId: string): Promise<PlanDetail> {
    return this.plans.deleteTarget(actor, id, targetId);
  }

  @Put(':id/targets/:targetId/overrides/:unitId')
  @ApiOperation({ summary: "Sets a unit's own figure for a target (the unit must be of the target's level)" })
  @ApiOkResponse({ type: PlanDetailDto })
  setOverride(
    @CurrentActor() actor: Actor,
    @UuidParam('id') id: string,
    @UuidParam('targetId') targetId: string,
    @UuidParam('unitId') unitId: string,
    @Body() dto: OverrideValueDto,
  ): Promise<PlanDetail> {
    return this.plans.setOverride(actor, id, targetId, unitId, dto.value);
  }

  @Delete(':id/targets/:targetId/overrides/:unitId')
  @ApiOperation({ summary: "Removes a unit's own figure: the target's value applies again" })
  @ApiOkResponse({ type: PlanDetailDto })
  removeOverride(
    @CurrentActor() actor: Actor,
    @UuidParam('id') id: string,
    @UuidParam('targetId') targetId: string,
    @UuidParam('unitId') unitId: string,
  ): Promise<PlanDetail> {
    return this.plans.deleteOverride(actor, id, targetId, unitId);
  }

  @Get(':id/progress')
  @ApiOperation({ summary: "Actual against target and expected-by-now, per unit of each target's level within the caller's subtree" })
  @ApiOkResponse({ type: PlanProgressDto })
  progress(@CurrentActor() actor: Actor, @UuidParam('id') id: string, @Query() query: ProgressQueryDto): Promise<PlanProgress> {
    return this.progressService.progress(actor, id, query.asOf);
  }

  @Get(':id/progress.xlsx')
  @ApiOperation({ summary: 'The progress as an Excel workbook laid out as an administrative report' })
  @ApiProduces('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
  @ApiOkResponse({
    description: 'Sheet Tiến độ: one row per target and unit (target, expected, actual, share, status), units behind, signature block',
    schema: { type: 'string', format: 'binary' },
  })
  async progressXlsx(@CurrentActor() actor: Actor, @UuidParam('id') id: string, @Query() query: ProgressQueryDto): Promise<StreamableFile> {
    const file = await this.progressService.exportXlsx(actor, id, query.asOf);
    return new StreamableFile(file.stream, {
      type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      disposition: `attachment; filename="${file.fileName}"`,
    });
  }
}
