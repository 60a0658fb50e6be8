import { Body, Controller, Get, Header, HttpCode, Post, Query, Req, Res, StreamableFile, UseGuards } from '@nestjs/common';
import { ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiParam, ApiProduces, ApiSecurity, ApiTags, ApiUnauthorizedResponse } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { BoardEventsHub } from '#board/board-events.js';
import { BoardFeedService, type AuthenticatedBoard } from '#board/board-feed.service.js';
import { Public } from '../auth/public.decorator.js';
import { CurrentBoard, DeviceOf, DeviceTokenGuard } from '../devices/device-token.guard.js';
import { openEventStream } from '../devices/event-stream.js';
import { revalidated } from '../devices/conditional-response.js';
import { UuidParam } from '../http/route-params.js';
import { renderKioskPage } from './board-kiosk.view.js';
import { BoardFeedDto, HeartbeatDto, HeartbeatReplyDto, KioskQueryDto } from './boards.dto.js';
import { DEVICE_BEARER } from '../http/openapi-document.js';

/**
 * What a board reads and reports with its own token (docs/devices.md): the kiosk page, its slides
 * as JSON (token in the path, or as Bearer for third-party signage players), images and heartbeat.
 * DeviceTokenGuard checks the token: an unknown one is a 404 in the path form and a 401 in the Bearer form.
 */
@ApiTags('devices')
@Public()
@DeviceOf('board')
@UseGuards(DeviceTokenGuard)
@Controller()
export class BoardDeviceController {
  constructor(
    private readonly boards: BoardFeedService,
    private readonly hub: BoardEventsHub,
  ) {}

  @Get('boards/:token')
  @ApiParam({ name: 'token', type: String })
  @Header('Content-Type', 'text/html; charset=utf-8')
  @Header('Cache-Control', 'no-store')
  @ApiOperation({ summary: 'The kiosk page to open full-screen on the board (plain HTML, works on cheap TV browsers)' })
  @ApiProduces('text/html')
  @ApiNotFoundResponse({ description: 'Unknown token' })
  @ApiOkResponse({ description: 'The HTML page', schema: { type: 'string' } })
  async kiosk(@CurrentBoard() board: AuthenticatedBoard, @Query() query: KioskQueryDto): Promise<string> {
    return renderKioskPage(await this.boards.feed(board), { token: board.token, pollSeconds: query.poll, rotateSeconds: query.rotate });
  }

  @Get('boards/:token/slides.json')
  @ApiParam({ name: 'token', type: String })
  @ApiOperation({ summary: "The board's slides (ETag; 304 when unchanged)" })
  @ApiOkResponse({ type: BoardFeedDto })
  @ApiNotFoundResponse({ description: 'Unknown token' })
  async slides(@CurrentBoard() board: AuthenticatedBoard, @Req() req: Request, @Res() res: Response): Promise<void> {
    const answer = await this.boards.conditionalFeed(board, req.headers['if-none-match']);
    revalidated(res, answer, (feed) => res.json(feed), 'no-cache');
  }

  @Get('boards/:token/events')
  @ApiParam({ name: 'token', type: String })
  @ApiOperation({ summary: 'Server-sent events: `slides` or `emergency` when the slides changed; fetch slides.json then' })
  @ApiProduces('text/event-stream')
  @ApiOkResponse({ description: 'An open text/event-stream', schema: { type: 'string' } })
  @ApiNotFoundResponse({ description: 'Unknown token' })
  events(@CurrentBoard() board: AuthenticatedBoard, @Req() req: Request, @Res() res: Response): void {
    openEventStream(req, res, { boardId: board.id }, (send) => this.hub.listen(board.id, send));
  }

  @Post('boards/:token/heartbeat')
  @ApiParam({ name: 'token', type: String })
  @HttpCode(200)
  @ApiOperation({ summary: 'Alive, showing this version: slides of the current version become delivered' })
  @ApiOkResponse({ type: HeartbeatReplyDto })
  @ApiNotFoundResponse({ description: 'Unknown token' })
  heartbeat(@CurrentBoard() board: AuthenticatedBoard, @Body() dto: HeartbeatDto): Promise<{ version: string; delivered: number }> {
    return this.boards.heartbeat(board, dto.shownVersion ?? null);
  }

  @Get('boards/:token/images/:attachmentId')
  @ApiParam({ name: 'token', type: String })
  @ApiProduces('image/jpeg', 'image/png', 'image/webp')
  @ApiOperation({ summary: 'The image of one of the board live slides' })
  @ApiOkResponse({ description: 'The image bytes', schema: { type: 'string', format: 'binary' } })
  @ApiNotFoundResponse({ description: 'Unknown token, or not an image of a live slide' })
  async image(
    @CurrentBoard() board: AuthenticatedBoard,
    @UuidParam('attachmentId') attachmentId: string,
    @Res({ passthrough: true }) res: Response,
  ): Promise<StreamableFile> {
    const image = await this.boards.image(board, attachmentId);
    // Content-addressed bytes never change: a board may keep them as long as it likes.
    res.setHeader('Cache-Control', 'private, max-age=604800, immutable');
    res.setHeader('X-Content-Type-Options', 'nosniff');
    return new StreamableFile(image.content, { type: image.contentType, length: image.sizeBytes });
  }

  @Get('api/v1/devices/boards/feed')
  @ApiSecurity(DEVICE_BEARER)
  @ApiOperation({ summary: 'The same slides for third-party signage players, the board token as Bearer' })
  @ApiOkResponse({ type: BoardFeedDto })
  @ApiUnauthorizedResponse({ description: 'Missing or unknown board token' })
  async feed(@CurrentBoard() board: AuthenticatedBoard, @Req() req: Request, @Res() res: Response): Promise<void> {
    const answer = await this.boards.conditionalFeed(board, req.headers['if-none-match']);
    revalidated(res, answer, (feed) => res.json(feed), 'no-cache');
  }

  @Post('api/v1/devices/boards/heartbeat')
  @HttpCode(200)
  @ApiSecurity(DEVICE_BEARER)
  @ApiOperation({ summary: 'Heartbeat of a third-party signage player, the board token as Bearer' })
  @ApiOkResponse({ type: HeartbeatReplyDto })
  @ApiUnauthorizedResponse({ description: 'Missing or unknown board token' })
  deviceHeartbeat(@CurrentBoard() board: AuthenticatedBoard, @Body() dto: HeartbeatDto): Promise<{ version: string; delivered: number }> {
    return this.boards.heartbeat(board, dto.shownVersion ?? null);
  }
}
