import { Controller, HttpCode, Inject, Post, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiForbiddenResponse, ApiNoContentResponse, ApiOperation, ApiTags, ApiUnauthorizedResponse } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { APP_CONFIG, type AppConfig } from '#config/index.js';
import { ForbiddenActionError, type Actor } from '#domain/index.js';
import { CurrentActor } from '../auth/current-actor.decorator.js';
import { bearerToken } from '../http/bearer-token.js';
import { ErrorBodyDto } from '../http/error-body.dto.js';
import { setAdminQueuesCookie } from './admin-queues-cookie.js';

@ApiTags('admin')
@ApiBearerAuth()
@Controller('api/v1/admin/queues')
export class AdminQueuesController {
  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  /** A browser tab cannot send the console's bearer token: this puts it in a cookie scoped to /admin/queues. */
  @Post('session')
  @HttpCode(204)
  @ApiOperation({ summary: 'Open the queue board (/admin/queues) in this browser; admins only' })
  @ApiNoContentResponse({ description: 'cookie tincoso_queues set for /admin/queues, as long as the access token lives' })
  @ApiUnauthorizedResponse({ type: ErrorBodyDto })
  @ApiForbiddenResponse({ type: ErrorBodyDto })
  openSession(@CurrentActor() actor: Actor, @Req() req: Request, @Res({ passthrough: true }) res: Response): void {
    if (actor.role !== 'admin') throw new ForbiddenActionError('admin-queues.forbidden', 'Chỉ quản trị viên được xem hàng đợi');
    setAdminQueuesCookie(req, res, bearerToken(req.headers.authorization) as string, this.config.accessTokenTtlSeconds);
  }
}
