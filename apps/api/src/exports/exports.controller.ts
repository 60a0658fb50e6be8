import { Readable } from 'node:stream';
import { Controller, Get, Query, StreamableFile } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiTags,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import type { Actor } from '#domain/index.js';
import { ExportsService, type CsvExport } from '#services/exports/exports.service.js';
import { CurrentActor } from '../auth/current-actor.decorator.js';
import { ErrorBodyDto } from '../http/error-body.dto.js';
import { UuidParam } from '../http/route-params.js';
import { SubscribersExportQueryDto } from './exports.dto.js';

const CSV_CONVENTIONS = 'streamed: UTF-8 with BOM, ";" separated, Vietnamese headers, times dd/MM/yyyy HH:mm in the unit zone';
const MASKING = 'phone numbers are masked but for their last 3 digits unless the caller is a supervisor or an administrator';

/** CSV files for officers to file; each streams batch by batch with the response's backpressure (Readable.from pulls one chunk at a time). */
@ApiTags('exports')
@ApiBearerAuth()
@ApiUnauthorizedResponse({ type: ErrorBodyDto, description: 'No valid bearer token' })
@Controller('api/v1')
export class ExportsController {
  constructor(private readonly exportsService: ExportsService) {}

  @Get('broadcasts/:id/deliveries.csv')
  @ApiTags('broadcasts')
  @ApiOperation({ summary: "A broadcast's deliveries as CSV for Excel" })
  @ApiProduces('text/csv')
  @ApiOkResponse({
    description: `Every delivery: channel, recipient, status, the reason in Vietnamese, attempts and times; ${CSV_CONVENTIONS}; ${MASKING}`,
    schema: { type: 'string', format: 'binary' },
  })
  @ApiNotFoundResponse({ type: ErrorBodyDto, description: "The broadcast is not in the caller's subtree" })
  async deliveries(@CurrentActor() actor: Actor, @UuidParam('id') id: string): Promise<StreamableFile> {
    return csvFile(await this.exportsService.deliveriesCsv(actor, id));
  }

  @Get('subscribers.csv')
  @ApiTags('subscribers')
  @ApiOperation({ summary: "The subscribers of the caller's subtree as CSV for Excel, with the list's filters" })
  @ApiProduces('text/csv')
  @ApiOkResponse({ description: `Every matching subscriber; ${CSV_CONVENTIONS}; ${MASKING}`, schema: { type: 'string', format: 'binary' } })
  @ApiBadRequestResponse({ type: ErrorBodyDto, description: 'A filter breaks a rule; details name it' })
  @ApiNotFoundResponse({ type: ErrorBodyDto, description: "unitId is not a unit of the caller's subtree" })
  async subscribers(@CurrentActor() actor: Actor, @Query() query: SubscribersExportQueryDto): Promise<StreamableFile> {
    const { unitId, villageId, tag, q, optedOut } = query;
    return csvFile(await this.exportsService.subscribersCsv(actor, { unitId, villageId, tag, q, optedOut }));
  }
}

function csvFile(file: CsvExport): StreamableFile {
  return new StreamableFile(Readable.from(file.lines), { type: 'text/csv; charset=utf-8', disposition: `attachment; filename="${file.fileName}"` });
}
