import { Body, Controller, Delete, Get, HttpCode, Patch, Post, Query } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import type { Actor } from '#domain/index.js';
import { BoardsService, type BoardView, type BoardWithToken } from '#board/boards.service.js';
import { CurrentActor } from '../auth/current-actor.decorator.js';
import { toPage, type Page } from '../http/pagination.dto.js';
import { UuidParam } from '../http/route-params.js';
import { BoardDto, BoardPageDto, BoardsQueryDto, BoardWithTokenDto, CreateBoardDto, UpdateBoardDto, WithdrawnDto } from './boards.dto.js';

/** Electronic bulletin boards of the caller's subtree; outside it a board answers 404, as if it did not exist. */
@ApiTags('boards')
@ApiBearerAuth()
@ApiNotFoundResponse({ description: "The board or unit does not exist in the caller's subtree" })
@Controller('api/v1/boards')
export class BoardsController {
  constructor(private readonly boards: BoardsService) {}

  @Post()
  @ApiOperation({ summary: 'Registers a board; its device token and kiosk URL are shown in this answer only' })
  @ApiCreatedResponse({ type: BoardWithTokenDto })
  @ApiBadRequestResponse({ description: 'A field breaks a rule (unit out of scope, village not under the unit...); details name it' })
  create(@CurrentActor() actor: Actor, @Body() dto: CreateBoardDto): Promise<BoardWithToken> {
    return this.boards.create(actor, dto);
  }

  @Get()
  @ApiOperation({ summary: 'Boards with their online/offline flag (offline: no heartbeat within BOARD_OFFLINE_AFTER_SECONDS)' })
  @ApiOkResponse({ type: BoardPageDto })
  async list(@CurrentActor() actor: Actor, @Query() query: BoardsQueryDto): Promise<Page<BoardView>> {
    return toPage(query, await this.boards.list(actor, { unitId: query.unitId, limit: query.pageSize, offset: query.offset }));
  }

  @Post('broadcasts/:broadcastId/withdraw')
  @HttpCode(200)
  @ApiOperation({ summary: "Takes a broadcast's slides off every board now (also after the broadcast has completed)" })
  @ApiOkResponse({ type: WithdrawnDto })
  withdraw(@CurrentActor() actor: Actor, @UuidParam('broadcastId') broadcastId: string): Promise<{ withdrawn: number }> {
    return this.boards.withdrawSlides(actor, broadcastId);
  }

  @Get(':id')
  @ApiOkResponse({ type: BoardDto })
  @ApiOperation({ summary: 'A board with its online/offline flag' })
  get(@CurrentActor() actor: Actor, @UuidParam('id') id: string): Promise<BoardView> {
    return this.boards.get(actor, id);
  }

  @Patch(':id')
  @ApiOkResponse({ type: BoardDto })
  @ApiOperation({ summary: "Changes a board's name, location or village" })
  update(@CurrentActor() actor: Actor, @UuidParam('id') id: string, @Body() dto: UpdateBoardDto): Promise<BoardView> {
    return this.boards.update(actor, id, dto);
  }

  @Post(':id/token')
  @HttpCode(200)
  @ApiOperation({ summary: 'Issues a new device token; the old one stops working at once' })
  @ApiOkResponse({ type: BoardWithTokenDto })
  rotateToken(@CurrentActor() actor: Actor, @UuidParam('id') id: string): Promise<BoardWithToken> {
    return this.boards.rotateToken(actor, id);
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'Removed with its slides; its past deliveries stay in the broadcast reports' })
  @ApiOperation({ summary: 'Removes a board and its slides' })
  remove(@CurrentActor() actor: Actor, @UuidParam('id') id: string): Promise<void> {
    return this.boards.remove(actor, id);
  }
}
