import { Body, Controller, Get, Post, Query } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiForbiddenResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiTags,
} from '@nestjs/swagger';
import type { Actor } from '../../../../libs/domain/src/index.js';
import type { UnitView } from '../../../../libs/persistence/src/repositories/unit.repository.js';
import { UnitsService, type UnitDetail } from '../../../../libs/services/src/units/units.service.js';
import { CurrentActor } from '../auth/current-actor.decorator.js';
import { PageQueryDto, toPage, type Page } from '../http/pagination.dto.js';
import { UuidParam } from '../http/route-params.js';
import { CreateVillageDto, UnitDetailDto, UnitDto, UnitPageDto, UnitsQueryDto } from './units.dto.js';

/** The administrative tree of the caller's subtree. A unit outside it answers 404, as if it did not exist. */
@ApiTags('units')
@ApiBearerAuth()
@ApiNotFoundResponse({ description: "The unit does not exist in the caller's subtree" })
@Controller('api/v1/units')
export class UnitsController {
  constructor(private readonly units: UnitsService) {}

  @Get()
  @ApiOkResponse({ type: UnitPageDto, description: 'Best name match first, then Vietnamese alphabetical order' })
  async search(@CurrentActor() actor: Actor, @Query() query: UnitsQueryDto): Promise<Page<UnitView>> {
    const { q, level, source, parentId, validOn } = query;
    return toPage(query, await this.units.search(actor, { q, level, source, parentId, validOn, limit: query.pageSize, offset: query.offset }));
  }

  @Get(':id')
  @ApiOkResponse({ type: UnitDetailDto })
  get(@CurrentActor() actor: Actor, @UuidParam('id') id: string): Promise<UnitDetail> {
    return this.units.get(actor, id);
  }

  @Get(':id/children')
  @ApiOkResponse({ type: UnitPageDto })
  async children(@CurrentActor() actor: Actor, @UuidParam('id') id: string, @Query() query: PageQueryDto): Promise<Page<UnitView>> {
    return toPage(query, await this.units.children(actor, id, { limit: query.pageSize, offset: query.offset }));
  }

  @Post(':id/villages')
  @ApiCreatedResponse({ type: UnitDto })
  @ApiBadRequestResponse({ description: 'A field breaks a rule; details name the field and the rule' })
  @ApiForbiddenResponse({ description: 'Only officers and admins add villages' })
  @ApiConflictResponse({ description: 'The unit is not a commune, is no longer valid, or already has a village of that name or code' })
  addVillage(@CurrentActor() actor: Actor, @UuidParam('id') id: string, @Body() dto: CreateVillageDto): Promise<UnitView> {
    return this.units.addVillage(actor, id, dto);
  }
}
