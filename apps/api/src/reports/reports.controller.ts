import { Controller, Get, Query, StreamableFile } from '@nestjs/common';
import { ApiBadRequestResponse, ApiBearerAuth, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiProduces, ApiTags, ApiUnauthorizedResponse } from '@nestjs/swagger';
import type { Actor } from '#domain/index.js';
import { ReportsService } from '#services/reports/reports.service.js';
import { CurrentActor } from '../auth/current-actor.decorator.js';
import { ErrorBodyDto } from '../http/error-body.dto.js';
import {
  ReportBreakdownDto,
  ReportBreakdownQueryDto,
  ReportQueryDto,
  ReportRankingDto,
  ReportRankingQueryDto,
  ReportSummaryDto,
} from './reports.dto.js';

@ApiTags('reports')
@ApiBearerAuth()
@ApiBadRequestResponse({ type: ErrorBodyDto, description: 'A date that is not a real YYYY-MM-DD day, a period ending before it starts, an unknown dimension' })
@ApiNotFoundResponse({ type: ErrorBodyDto, description: "The unit is not in the caller's subtree" })
@ApiUnauthorizedResponse({ type: ErrorBodyDto, description: 'No valid access token' })
@Controller('api/v1/reports')
export class ReportsController {
  constructor(private readonly reports: ReportsService) {}

  @Get('summary')
  @ApiOperation({ summary: "Totals of a unit's subtree for a period, beside the previous period (the previous calendar month, quarter or year; else the same number of days before)" })
  @ApiOkResponse({ type: ReportSummaryDto })
  summary(@CurrentActor() actor: Actor, @Query() q: ReportQueryDto) {
    return this.reports.summary(actor, q);
  }

  @Get('breakdown')
  @ApiOperation({ summary: 'Figures of a period split by unit (one level down), content group, channel, priority or month' })
  @ApiOkResponse({ type: ReportBreakdownDto })
  breakdown(@CurrentActor() actor: Actor, @Query() q: ReportBreakdownQueryDto) {
    return this.reports.breakdown(actor, q);
  }

  @Get('ranking')
  @ApiOperation({ summary: 'The units one level down that reached the most and the fewest in a period' })
  @ApiOkResponse({ type: ReportRankingDto })
  ranking(@CurrentActor() actor: Actor, @Query() q: ReportRankingQueryDto) {
    return this.reports.ranking(actor, q);
  }

  @Get('export.xlsx')
  @ApiOperation({ summary: 'The report of a period as an Excel workbook laid out as an administrative report' })
  @ApiProduces('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
  @ApiOkResponse({
    description: 'Sheets Tổng hợp (this and the previous period, signature block), Theo đơn vị and Theo nhóm nội dung, with totals',
    schema: { type: 'string', format: 'binary' },
  })
  async exportXlsx(@CurrentActor() actor: Actor, @Query() q: ReportQueryDto): Promise<StreamableFile> {
    const report = await this.reports.exportXlsx(actor, q);
    return new StreamableFile(report.stream, {
      type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      disposition: `attachment; filename="${report.fileName}"`,
    });
  }
}
