import { Body, Controller, Get, Post, Query, StreamableFile, UploadedFile, UseInterceptors } from '@nestjs/common';
import { Readable } from 'node:stream';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiBody,
  ApiConsumes,
  ApiCreatedResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiTags,
} from '@nestjs/swagger';
import type { Actor } from '../../../../libs/domain/src/index.js';
import type { ImportRowError, SubscriberImportView } from '../../../../libs/persistence/src/repositories/subscriber-import.repository.js';
import { SubscriberImportService, type SubscriberImportSummary } from '../../../../libs/services/src/subscribers/subscriber-import.service.js';
import { contentDisposition } from '../attachments/attachments.dto.js';
import { CurrentActor } from '../auth/current-actor.decorator.js';
import { PageQueryDto, toPage, type Page } from '../http/pagination.dto.js';
import { UuidParam } from '../http/route-params.js';
import { CsvUploadInterceptor } from './csv-upload.interceptor.js';
import {
  IMPORT_BODY_SCHEMA,
  ImportRowErrorPageDto,
  ImportSubscribersDto,
  SubscriberImportDto,
  SubscriberImportPageDto,
  SubscriberImportSummaryDto,
} from './subscriber-imports.dto.js';

/**
 * CSV imports of subscribers. The upload request waits until the file has been read to the end and
 * answers with the summary; meanwhile (and afterwards) anyone of the subtree can follow it here.
 */
@ApiTags('subscribers')
@ApiBearerAuth()
@ApiNotFoundResponse({ description: "The import or unit does not exist in the caller's subtree" })
@Controller('api/v1/subscribers/imports')
export class SubscriberImportsController {
  constructor(private readonly imports: SubscriberImportService) {}

  @Post()
  @UseInterceptors(CsvUploadInterceptor)
  @ApiConsumes('multipart/form-data')
  @ApiBody({ schema: IMPORT_BODY_SCHEMA })
  @ApiOperation({
    summary: 'Imports a CSV of subscribers, streaming it; valid rows are kept, every refused row is reported by line',
    description:
      'Numbers are normalised to E.164 (legacy 11-digit numbers converted). A number already subscribed, earlier in the file or before, ' +
      'is merged: tags are added, an empty name or village is filled, everything else stays. An import never re-subscribes an ' +
      'opted-out number. Progress is visible at GET /api/v1/subscribers/imports/{id} while the request runs.',
  })
  @ApiCreatedResponse({ type: SubscriberImportSummaryDto })
  @ApiBadRequestResponse({ description: 'No file, a file without a phone column, UTF-16, or larger than 512 MB' })
  upload(
    @CurrentActor() actor: Actor,
    @UploadedFile() file: { path: string; originalname: string } | undefined,
    @Body() dto: ImportSubscribersDto,
  ): Promise<SubscriberImportSummary> {
    return this.imports.import(actor, file && { path: file.path, originalName: file.originalname }, dto.unitId);
  }

  @Get()
  @ApiOkResponse({ type: SubscriberImportPageDto, description: 'Newest first' })
  async list(@CurrentActor() actor: Actor, @Query() query: PageQueryDto): Promise<Page<SubscriberImportView>> {
    return toPage(query, await this.imports.list(actor, { limit: query.pageSize, offset: query.offset }));
  }

  @Get(':id')
  @ApiOkResponse({ type: SubscriberImportDto, description: 'Counts are updated after every 5,000 rows while the import runs' })
  get(@CurrentActor() actor: Actor, @UuidParam('id') id: string): Promise<SubscriberImportView> {
    return this.imports.get(actor, id);
  }

  @Get(':id/errors')
  @ApiOkResponse({ type: ImportRowErrorPageDto, description: 'In line order' })
  async errors(@CurrentActor() actor: Actor, @UuidParam('id') id: string, @Query() query: PageQueryDto): Promise<Page<ImportRowError>> {
    return toPage(query, await this.imports.errors(actor, id, { limit: query.pageSize, offset: query.offset }));
  }

  @Get(':id/errors.csv')
  @ApiProduces('text/csv')
  @ApiOkResponse({ description: 'The full error report: UTF-8 with BOM, ";" separated, for Excel', schema: { type: 'string', format: 'binary' } })
  async errorsCsv(@CurrentActor() actor: Actor, @UuidParam('id') id: string): Promise<StreamableFile> {
    const report = await this.imports.errorReport(actor, id);
    return new StreamableFile(Readable.from(report.lines), {
      type: 'text/csv; charset=utf-8',
      disposition: contentDisposition(report.fileName).replace(/^inline/, 'attachment'),
    });
  }
}
