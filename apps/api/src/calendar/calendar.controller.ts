import { Controller, Get, Query } from '@nestjs/common';
import { ApiBadRequestResponse, ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Actor } from '#domain/index.js';
import { CalendarService } from '#services/calendar/calendar.service.js';
import { CurrentActor } from '../auth/current-actor.decorator.js';
import { ErrorBodyDto } from '../http/error-body.dto.js';
import { CalendarOccurrenceDto, CalendarQueryDto } from './calendar.dto.js';

@ApiTags('calendar')
@ApiBearerAuth()
@Controller('api/v1/calendar')
export class CalendarController {
  constructor(private readonly calendar: CalendarService) {}

  @Get('occurrences')
  @ApiOperation({ summary: "Occurrences due in a range (≤ 62 days) in the caller's subtree, in time order" })
  @ApiOkResponse({ type: [CalendarOccurrenceDto] })
  @ApiBadRequestResponse({ type: ErrorBodyDto, description: 'A range that is empty, reversed or longer than 62 days' })
  occurrences(@CurrentActor() actor: Actor, @Query() q: CalendarQueryDto) {
    return this.calendar.occurrences(actor, { from: new Date(q.from), to: new Date(q.to), channel: q.channel, unitId: q.unitId });
  }
}
