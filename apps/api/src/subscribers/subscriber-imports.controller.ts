import { Body, Controller, Get, Post, Query, StreamableFile, UploadedFile, UseInterceptors } from '@nestjs/common';
import { Readable } from 'node:stream';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiBody,
  ApiConflictResponse,
  ApiConsumes,
  ApiCreatedResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiTags,
} from '@nestjs/swagger';
import type { Actor } from '#domain/index.js';
import type { ImportRowError, SubscriberImportView } from '#persistence/repositories/subscriber-import.repository.js';
import { SubscriberImportService, type SubscriberImportSummary } from '#services/subscribers/subscriber-import.service.js';
import { contentDisposition } from '../attachments/attachments.dto.js';
import { CurrentActor } from '../auth/current-actor.decorator.js';
import { ErrorBodyDto } from '../http/error-body.dto.js';
import { PageQueryDto, toPage, type Page } from '../http/pagination.dto.js';
import { UuidParam } from '../http/route-params.js';
import { ListUploadInterceptor } from './list-upload.interceptor.js';
import {
  IMPORT_BODY_SCHEMA,
  ImportRowErrorPageDto,
  ImportSubscribersDto,
  SubscriberImportDto,
  SubscriberImportPageDto,
  SubscriberImportSummaryDto,
} from './subscriber-imports.dto.js';

/**
 * Imports of subscribers from CSV or Excel (.xlsx). The upload request waits until the file has been read to the end and
 * answers with the summary; meanwhile (and afterwards) anyone of the subtree can follow it here.
 */
@ApiTags('subscribers')
@ApiBearerAuth()
@ApiNotFoundResponse({ type: ErrorBodyDto, description: "The import or unit does not exist in the caller's subtree" })
@ApiBadRequestResponse({ type: ErrorBodyDto, description: 'A parameter breaks a rule; details name it' })
@Controller('api/v1/subscribers/imports')
export class SubscriberImportsController {
  constructor(private readonly imports: SubscriberImportService) {}

  @Post()
  @UseInterceptors(ListUploadInterceptor)
  @ApiConsumes('multipart/form-data')
  @ApiBody({ schema: IMPORT_BODY_SCHEMA })
  @ApiOperation({
    summary: 'Imports subscribers from CSV or Excel (.xlsx), streaming it; valid rows are kept, every refused row is reported by line',
    description:
      'The same columns and rules for both formats. Numbers are normalised to E.164 (legacy 11-digit numbers converted). A number already subscribed, earlier in the file or before, ' +
      'is merged: tags are added, an empty name or village is filled, everything else stays. An import never re-subscribes an ' +
      'opted-out number. Progress (processedRows of totalRows) is visible at GET /api/v1/subscribers/imports/{id} while the request ' +
      'runs: send importId (a new uuid) to know the id before the answer.',
  })
  @ApiCreatedResponse({ type: SubscriberImportSummaryDto })
  @ApiBadRequestResponse({
    type: ErrorBodyDto,
    description: 'No file, neither .csv nor .xlsx, a file without a phone column, UTF-16, an unreadable workbook, or larger than 512 MB',
  })
  @ApiConflictResponse({ type: ErrorBodyDto, description: 'importId is already taken' })
  upload(
    @CurrentActor() actor: Actor,
    @UploadedFile() file: { path: string; originalname: string; mimetype: string } | undefined,
    @Body() dto: ImportSubscribersDto,
  ): Promise<SubscriberImportSummary> {
    const upload = file && { path: file.path, originalName: file.originalname, mimeType: file.mimetype };
    return this.imports.import(actor, upload, { unitId: dto.unitId, importId: dto.importId });
  }

  @Get()
  @ApiOperation({ summary: "The imports of the caller's subtree, newest first" })
  @ApiOkResponse({ type: SubscriberImportPageDto, description: 'Newest first' })
  async list(@CurrentActor() actor: Actor, @Query() query: PageQueryDto): Promise<Page<SubscriberImportView>> {
    return toPage(query, await this.imports.list(actor, { limit: query.pageSize, offset: query.offset }));
  }

  @Get(':id')
  @ApiOperation({ summary: 'One import with its progress (processedRows of totalRows) and counts' })
  @ApiOkResponse({ type: SubscriberImportDto, description: 'Counts are updated after every 5,000 rows while the import runs' })
  get(@CurrentActor() actor: Actor, @UuidParam('id') id: string): Promise<SubscriberImportView> {
    return this.imports.get(actor, id);
  }

  @Get(':id/errors')
  @ApiOperation({ summary: 'The refused rows of an import, in row order' })
  @ApiOkResponse({ type: ImportRowErrorPageDto, description: 'In line order' })
  async errors(@CurrentActor() actor: Actor, @UuidParam('id') id: string, @Query() query: PageQueryDto): Promise<Page<ImportRowError>> {
    return toPage(query, await this.imports.errors(actor, id, { limit: query.pageSize, offset: query.offset }));
  }

  @Get(':id/errors.csv')
  @ApiOperation({ summary: 'The error report as CSV for Excel' })
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
