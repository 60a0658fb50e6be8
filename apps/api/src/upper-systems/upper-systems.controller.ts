import { Body, Controller, Get, HttpCode, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Actor } from '#domain/index.js';
import { UpperSystemsService } from '#services/upper-systems/upper-systems.service.js';
import { CurrentActor } from '../auth/current-actor.decorator.js';
import { PageQueryDto, toPage } from '../http/pagination.dto.js';
import { UuidParam } from '../http/route-params.js';
import { CreateUpperSystemDto, UpdateUpperSystemDto, UpperSystemPageDto, UpperSystemResponseDto, UpperSystemWithSecretDto } from './upper-systems.dto.js';

/** Upper-level information systems allowed to call the signed API (docs/upper-systems.md). Secrets are shown once. */
@ApiTags('upper-systems')
@ApiBearerAuth()
@Controller('api/v1/upper-systems')
export class UpperSystemsController {
  constructor(private readonly systems: UpperSystemsService) {}

  @Post()
  @ApiCreatedResponse({ type: UpperSystemWithSecretDto })
  @ApiOperation({ summary: 'Registers a province or district information system; the answer holds its secret, shown this once only' })
  @ApiNotFoundResponse({ description: "The unit does not exist in the caller's subtree" })
  register(@CurrentActor() actor: Actor, @Body() dto: CreateUpperSystemDto) {
    return this.systems.register(actor, dto);
  }

  @Get()
  @ApiOperation({ summary: 'Registered systems of the subtree' })
  @ApiOkResponse({ type: UpperSystemPageDto })
  async list(@CurrentActor() actor: Actor, @Query() q: PageQueryDto) {
    return toPage(q, await this.systems.list(actor, { limit: q.pageSize, offset: q.offset }));
  }

  @Get(':id')
  @ApiOkResponse({ type: UpperSystemResponseDto })
  @ApiOperation({ summary: 'A registered system (never its secret)' })
  @ApiNotFoundResponse({ description: "Not in the caller's subtree" })
  get(@CurrentActor() actor: Actor, @UuidParam('id') id: string) {
    return this.systems.get(actor, id);
  }

  @Patch(':id')
  @ApiOkResponse({ type: UpperSystemResponseDto })
  @ApiOperation({ summary: 'Renames a system, marks it trusted, or deactivates it' })
  @ApiNotFoundResponse({ description: "Not in the caller's subtree" })
  update(@CurrentActor() actor: Actor, @UuidParam('id') id: string, @Body() dto: UpdateUpperSystemDto) {
    return this.systems.update(actor, id, dto);
  }

  @Post(':id/secret')
  @HttpCode(200)
  @ApiOkResponse({ type: UpperSystemWithSecretDto })
  @ApiOperation({ summary: 'A new secret, shown this once only; the old one stops working at once' })
  @ApiNotFoundResponse({ description: "Not in the caller's subtree" })
  rotate(@CurrentActor() actor: Actor, @UuidParam('id') id: string) {
    return this.systems.rotate(actor, id);
  }
}
