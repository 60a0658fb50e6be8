import { Controller, Get, Query } from '@nestjs/common';
import { ApiBadRequestResponse, ApiBearerAuth, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Actor } from '#domain/index.js';
import { CalendarService } from '#services/calendar/calendar.service.js';
import { CurrentActor } from '../auth/current-actor.decorator.js';
import { ErrorBodyDto } from '../http/error-body.dto.js';
import { UuidParam } from '../http/route-params.js';
import { ProgrammeQueryDto, StationProgrammeDto } from './station-programme.dto.js';

@ApiTags('loudspeakers')
@ApiBearerAuth()
@Controller('api/v1/loudspeakers')
export class StationProgrammeController {
  constructor(private readonly calendar: CalendarService) {}

  @Get('stations/:id/programme')
  @ApiOperation({ summary: "A station's slots airing on a local day and the items placed in each" })
  @ApiOkResponse({ type: StationProgrammeDto })
  @ApiBadRequestResponse({ type: ErrorBodyDto, description: 'date is not YYYY-MM-DD' })
  @ApiNotFoundResponse({ type: ErrorBodyDto, description: "Not in the caller's subtree (answered as if it did not exist)" })
  programme(@CurrentActor() actor: Actor, @UuidParam('id') id: string, @Query() q: ProgrammeQueryDto) {
    return this.calendar.programme(actor, id, q.date);
  }
}
