import { Controller, Get, Headers, Inject, NotFoundException, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import { APP_CONFIG, type AppConfig } from '#config/index.js';
import { UnauthenticatedError } from '#domain/index.js';
import { EXPOSITION_CONTENT_TYPE, exposition, scrapeAllowed } from '#metrics/index.js';
import { Public } from '../auth/public.decorator.js';
import { OperationsGauges } from './operations-gauges.service.js';

/**
 * Prometheus exposition. Scrapers are not users: no session, a bearer token of its own
 * (METRICS_TOKEN); without one (production with METRICS_TOKEN unset) the route does not exist.
 */
@ApiExcludeController()
@Public()
@Controller('metrics')
export class MetricsController {
  constructor(
    private readonly gauges: OperationsGauges,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Get()
  async scrape(@Headers('authorization') authorization: string | undefined, @Res({ passthrough: true }) res: Response): Promise<string> {
    const token = this.config.metrics.token;
    if (token === null) throw new NotFoundException();
    if (!scrapeAllowed(authorization, token)) {
      throw new UnauthenticatedError('metrics.invalid-token', 'Cần mã truy cập Bearer của METRICS_TOKEN để đọc số đo');
    }
    res.setHeader('Content-Type', EXPOSITION_CONTENT_TYPE);
    res.setHeader('Cache-Control', 'no-store');
    return exposition(this.gauges.registry);
  }
}
