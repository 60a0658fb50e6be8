import { Body, Controller, Delete, Get, HttpCode, Patch, Post, Query } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiForbiddenResponse,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import type { Actor } from '#domain/index.js';
import type { UnitView } from '#persistence/repositories/unit.repository.js';
import { UnitsService, type UnitDetail } from '#services/units/units.service.js';
import { CurrentActor } from '../auth/current-actor.decorator.js';
import { ErrorBodyDto } from '../http/error-body.dto.js';
import { PageQueryDto, toPage, type Page } from '../http/pagination.dto.js';
import { UuidParam } from '../http/route-params.js';
import { CreateVillageDto, RenameVillageDto, UnitDetailDto, UnitDto, UnitPageDto, UnitsQueryDto } from './units.dto.js';

/** The administrative tree of the caller's subtree. A unit outside it answers 404, as if it did not exist. */
@ApiTags('units')
@ApiBearerAuth()
@ApiNotFoundResponse({ type: ErrorBodyDto, description: "The unit does not exist in the caller's subtree" })
@ApiBadRequestResponse({ type: ErrorBodyDto, description: 'A field or parameter breaks a rule; details name the field and the rule' })
@ApiUnauthorizedResponse({ type: ErrorBodyDto, description: 'No valid bearer token' })
@Controller('api/v1/units')
export class UnitsController {
  constructor(private readonly units: UnitsService) {}

  @Get()
  @ApiOperation({ summary: 'Search units of my subtree' })
  @ApiOkResponse({ type: UnitPageDto, description: 'Best name match first, then Vietnamese alphabetical order' })
  async search(@CurrentActor() actor: Actor, @Query() query: UnitsQueryDto): Promise<Page<UnitView>> {
    const { q, level, source, parentId, validOn } = query;
    return toPage(query, await this.units.search(actor, { q, level, source, parentId, validOn, limit: query.pageSize, offset: query.offset }));
  }

  @Get(':id')
  @ApiOperation({ summary: 'One unit with its breadcrumb' })
  @ApiOkResponse({ type: UnitDetailDto })
  get(@CurrentActor() actor: Actor, @UuidParam('id') id: string): Promise<UnitDetail> {
    return this.units.get(actor, id);
  }

  @Get(':id/children')
  @ApiOperation({ summary: 'Direct children of a unit' })
  @ApiOkResponse({ type: UnitPageDto })
  async children(@CurrentActor() actor: Actor, @UuidParam('id') id: string, @Query() query: PageQueryDto): Promise<Page<UnitView>> {
    return toPage(query, await this.units.children(actor, id, { limit: query.pageSize, offset: query.offset }));
  }

  @Post(':id/villages')
  @ApiOperation({ summary: 'Add a village (thôn, tổ dân phố) to a commune' })
  @ApiCreatedResponse({ type: UnitDto })
  @ApiForbiddenResponse({ type: ErrorBodyDto, description: 'Only officers and admins add villages' })
  @ApiConflictResponse({
    type: ErrorBodyDto,
    description: 'The unit is not a commune, is no longer valid, or already has a village of that name or code',
  })
  addVillage(@CurrentActor() actor: Actor, @UuidParam('id') id: string, @Body() dto: CreateVillageDto): Promise<UnitView> {
    return this.units.addVillage(actor, id, dto);
  }

  @Patch(':id')
  @ApiOperation({ summary: 'Rename a village created locally' })
  @ApiOkResponse({ type: UnitDto, description: 'The renamed village; audited as rename-village with the names before and after' })
  @ApiForbiddenResponse({ type: ErrorBodyDto, description: 'Only officers and admins rename villages' })
  @ApiConflictResponse({
    type: ErrorBodyDto,
    description: 'The unit is not a village created locally (official lists change only by import), or its commune already has that name',
  })
  rename(@CurrentActor() actor: Actor, @UuidParam('id') id: string, @Body() dto: RenameVillageDto): Promise<UnitView> {
    return this.units.renameVillage(actor, id, dto.name);
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiOperation({ summary: 'Remove a village created locally that nothing uses' })
  @ApiNoContentResponse({ description: 'Removed; audited as delete-village' })
  @ApiForbiddenResponse({ type: ErrorBodyDto, description: 'Only officers and admins remove villages' })
  @ApiConflictResponse({
    type: ErrorBodyDto,
    description:
      'Not a village created locally, or still in use: details list each kind with rule in-use (field subscribers, stations, boards, broadcasts, users, messages…)',
  })
  async remove(@CurrentActor() actor: Actor, @UuidParam('id') id: string): Promise<void> {
    await this.units.deleteVillage(actor, id);
  }
}
