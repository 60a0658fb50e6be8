import { Body, Controller, Get, HttpCode, Param, ParseArrayPipe, Post, Query, Req, Res, UseGuards } from '@nestjs/common';
import { ApiBody, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiProduces, ApiSecurity, ApiTags, ApiUnauthorizedResponse } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import {
  StationDeviceService,
  type AuthenticatedStation,
} from '#loudspeaker/station-device.service.js';
import { StationEventsHub } from '#loudspeaker/station-events.js';
import { Public } from '../auth/public.decorator.js';
import { CurrentStation, DeviceOf, DeviceTokenGuard } from './device-token.guard.js';
import { HeartbeatDto, PlayReportDto, PlaylistQueryDto } from './station-devices.dto.js';
import { revalidated } from './conditional-response.js';
import { openEventStream } from './event-stream.js';
import { sendWithRange } from './range-response.js';
import { PlaysAppliedDto, StationHeartbeatReplyDto, StationPlaylistDto } from './station-device-responses.dto.js';
import { DEVICE_BEARER, DEVICE_TOKEN_HEADER } from '../http/openapi-document.js';

/** The device protocol of loudspeaker stations (docs/devices.md); DeviceTokenGuard checks the station's own token. */
@ApiTags('devices')
@ApiSecurity(DEVICE_BEARER)
@ApiSecurity(DEVICE_TOKEN_HEADER)
@ApiUnauthorizedResponse({ description: 'Missing, unknown or rotated station token' })
@Public()
@DeviceOf('station')
@UseGuards(DeviceTokenGuard)
@Controller('api/v1/devices/stations')
export class StationDevicesController {
  constructor(
    private readonly devices: StationDeviceService,
    private readonly hub: StationEventsHub,
  ) {}

  @Get('playlist')
  @ApiOkResponse({ type: StationPlaylistDto, description: 'The day in playing order; ETag, 304 on If-None-Match' })
  @ApiOperation({ summary: "The station's playlist for a local day" })
  async playlist(@CurrentStation() station: AuthenticatedStation, @Req() req: Request, @Res() res: Response, @Query() q: PlaylistQueryDto): Promise<void> {
    const answer = await this.devices.playlist(station, q.date, req.headers['if-none-match']);
    revalidated(res, answer, (playlist) => res.json(playlist));
  }

  @Get('playlist.m3u8')
  @ApiProduces('application/vnd.apple.mpegurl')
  @ApiOperation({ summary: 'The same playlist as an M3U8 list for stream players' })
  @ApiOkResponse({ description: 'M3U8 text; ETag, 304 on If-None-Match', schema: { type: 'string' } })
  async m3u8(@CurrentStation() station: AuthenticatedStation, @Req() req: Request, @Res() res: Response, @Query() q: PlaylistQueryDto): Promise<void> {
    const answer = await this.devices.m3u8(station, q.date, req.headers['if-none-match']);
    revalidated(res, answer, (text) => res.type('application/vnd.apple.mpegurl; charset=utf-8').send(text));
  }

  @Get('media/:audioId')
  @ApiProduces('audio/mpeg', 'audio/wav', 'audio/ogg')
  @ApiNotFoundResponse({ description: "Not referenced by this station's playlist" })
  @ApiOperation({ summary: 'The audio of a playlist item (Range requests supported)' })
  @ApiOkResponse({ description: 'The audio bytes', schema: { type: 'string', format: 'binary' } })
  async media(@CurrentStation() station: AuthenticatedStation, @Req() req: Request, @Res() res: Response, @Param('audioId') audioId: string): Promise<void> {
    const media = await this.devices.media(station, audioId);
    res.setHeader('Cache-Control', 'private, max-age=31536000, immutable');
    res.setHeader('ETag', media.etag);
    sendWithRange(req, res, media.bytes, media.contentType);
  }

  /** Server-sent events: `playlist` when the playlist changed, `emergency` when an item must play now. */
  @Get('stream')
  @ApiProduces('text/event-stream')
  @ApiOperation({ summary: 'Server-sent events: playlist changed, or an emergency item to play now' })
  @ApiOkResponse({ description: 'An open text/event-stream', schema: { type: 'string' } })
  stream(@CurrentStation() station: AuthenticatedStation, @Req() req: Request, @Res() res: Response): void {
    openEventStream(req, res, { stationId: station.id }, (send) => this.hub.listen(station.id, send));
  }

  @Post('heartbeat')
  @HttpCode(200)
  @ApiOperation({ summary: 'Reports that the station is alive, with its status' })
  @ApiOkResponse({ type: StationHeartbeatReplyDto })
  async heartbeat(@CurrentStation() station: AuthenticatedStation, @Body() dto: HeartbeatDto): Promise<StationHeartbeatReplyDto> {
    const lastSeenAt = await this.devices.heartbeat(station, { ...dto });
    return { lastSeenAt };
  }

  @Post('plays')
  @HttpCode(200)
  @ApiBody({ type: [PlayReportDto] })
  @ApiOperation({ summary: 'Reports items started, played to the end or failed' })
  @ApiOkResponse({ type: PlaysAppliedDto })
  async plays(@CurrentStation() station: AuthenticatedStation, @Body(new ParseArrayPipe({ items: PlayReportDto, whitelist: true, forbidNonWhitelisted: true })) reports: PlayReportDto[]): Promise<PlaysAppliedDto> {
    return this.devices.reportPlays(
      station,
      reports.map((r) => ({ itemId: r.itemId, event: r.event, at: new Date(r.at), error: r.error ?? null })),
    );
  }
}
