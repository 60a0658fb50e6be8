import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags, ApiUnauthorizedResponse } from '@nestjs/swagger';
import type { Actor } from '#domain/index.js';
import { DashboardService } from '#services/dashboard/dashboard.service.js';
import { CurrentActor } from '../auth/current-actor.decorator.js';
import { ErrorBodyDto } from '../http/error-body.dto.js';
import { DashboardDto } from './dashboard.dto.js';

@ApiTags('dashboard')
@ApiBearerAuth()
@Controller('api/v1/dashboard')
export class DashboardController {
  constructor(private readonly dashboard: DashboardService) {}

  @Get()
  @ApiOperation({ summary: "What waits for the caller, what goes out soon or now, alerts and this month's figures" })
  @ApiOkResponse({ type: DashboardDto })
  @ApiUnauthorizedResponse({ type: ErrorBodyDto, description: 'No valid access token' })
  get(@CurrentActor() actor: Actor) {
    return this.dashboard.forActor(actor);
  }
}
