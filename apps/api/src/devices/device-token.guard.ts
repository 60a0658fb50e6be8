import { createParamDecorator, Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { ModuleRef, Reflector } from '@nestjs/core';
import type { Request } from 'express';
import { BoardFeedService, type AuthenticatedBoard } from '#board/board-feed.service.js';
import type { DeviceKind } from '#domain/index.js';
import { StationDeviceService, type AuthenticatedStation } from '#loudspeaker/station-device.service.js';
import { bearerToken } from '../http/bearer-token.js';

/** Whose token the routes of a controller (or one route) take: a loudspeaker station's or a board's. */
export const DeviceOf = Reflector.createDecorator<DeviceKind>();

interface DeviceRequest extends Request {
  station?: AuthenticatedStation;
  board?: AuthenticatedBoard;
}

/**
 * Checks a device's own token, taken the ways devices send it (docs/devices.md), and puts the
 * device on the request for @CurrentStation() / @CurrentBoard().
 * - Stations: `Authorization: Bearer` or `X-Device-Token`; missing or unknown: 401.
 * - Boards: the token in the path (`/boards/:token/...`), unknown: 404, as for any unknown page a
 *   kiosk opens; on routes without `:token`, Bearer for third-party signage players: 401.
 * The services are looked up once the route is known, so each API module provides only its own.
 */
@Injectable()
export class DeviceTokenGuard implements CanActivate {
  private stationDevices: StationDeviceService | null = null;
  private boardFeeds: BoardFeedService | null = null;

  constructor(
    private readonly reflector: Reflector,
    private readonly modules: ModuleRef,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const kind = this.reflector.getAllAndOverride(DeviceOf, [context.getHandler(), context.getClass()]);
    const req = context.switchToHttp().getRequest<DeviceRequest>();
    if (kind === 'station') {
      const header = req.headers['x-device-token'];
      const token = bearerToken(req.headers.authorization) ?? (typeof header === 'string' ? header : undefined);
      const devices = this.stationDevices ?? this.modules.get<StationDeviceService>(StationDeviceService, { strict: false });
      this.stationDevices = devices;
      req.station = await devices.authenticate(token);
    } else if (kind === 'board') {
      const pathToken = req.params.token;
      const inPath = typeof pathToken === 'string';
      const token = inPath ? pathToken : bearerToken(req.headers.authorization);
      const feeds = this.boardFeeds ?? this.modules.get<BoardFeedService>(BoardFeedService, { strict: false });
      this.boardFeeds = feeds;
      req.board = await feeds.authenticate(token, inPath ? 'not-found' : 'unauthenticated');
    } else {
      throw new Error('DeviceTokenGuard used without @DeviceOf(...)');
    }
    return true;
  }
}

/** The station whose token DeviceTokenGuard checked. */
export const CurrentStation = createParamDecorator((_: unknown, ctx: ExecutionContext): AuthenticatedStation => {
  const station = ctx.switchToHttp().getRequest<DeviceRequest>().station;
  if (!station) throw new Error("CurrentStation used on a route without DeviceTokenGuard and @DeviceOf('station')");
  return station;
});

/** The board whose token DeviceTokenGuard checked. */
export const CurrentBoard = createParamDecorator((_: unknown, ctx: ExecutionContext): AuthenticatedBoard => {
  const board = ctx.switchToHttp().getRequest<DeviceRequest>().board;
  if (!board) throw new Error("CurrentBoard used on a route without DeviceTokenGuard and @DeviceOf('board')");
  return board;
});
