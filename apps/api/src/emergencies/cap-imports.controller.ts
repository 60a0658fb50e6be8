import { Body, Controller, Get, Ip, Post, Req, UploadedFile, UseInterceptors } from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiBody,
  ApiConflictResponse,
  ApiConsumes,
  ApiCreatedResponse,
  ApiForbiddenResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import type { Request } from 'express';
import multer from 'multer';
import { InvalidInputError, type Actor } from '#domain/index.js';
import { CAP_MIME_TYPE } from '#emergencies/cap/index.js';
import { CapDraftsService } from '#services/emergencies/cap-drafts.service.js';
import { CapExportService } from '#services/emergencies/cap-export.service.js';
import { CapImportService } from '#services/emergencies/cap-import.service.js';
import { EmergenciesService } from '#services/emergencies/emergencies.service.js';
import { assertSupervisor } from '#services/emergencies/emergency-planner.js';
import { CurrentActor } from '../auth/current-actor.decorator.js';
import { ErrorBodyDto } from '../http/error-body.dto.js';
import { UuidParam } from '../http/route-params.js';
import { PasswordConfirmedAction } from './password-confirmed.decorator.js';
import { CapImportDto, CapMessageDto, SendDraftDto } from './cap.dto.js';

/** A CAP document is at most this large (the codec's reader stops at 1,000,000 characters). */
export const CAP_UPLOAD_MAX_BYTES = 1_000_000;

@ApiTags('emergencies')
@ApiBearerAuth()
@ApiBadRequestResponse({ type: ErrorBodyDto, description: 'details name the CAP element (alert/info[1]/area[1]/geocode[2]) or field, and the rule' })
@Controller('api/v1/emergencies')
export class CapImportsController {
  constructor(
    private readonly imports: CapImportService,
    private readonly drafts: CapDraftsService,
    private readonly emergencies: EmergenciesService,
    private readonly exports: CapExportService,
  ) {}

  @Post('cap-imports')
  @UseInterceptors(FileInterceptor('file', { storage: multer.memoryStorage(), limits: { fileSize: CAP_UPLOAD_MAX_BYTES, files: 1, fields: 5 } }))
  @ApiConsumes('multipart/form-data', CAP_MIME_TYPE)
  @ApiBody({ schema: { type: 'object', properties: { file: { type: 'string', format: 'binary', description: 'A CAP 1.2 document (.xml)' } } } })
  @ApiOperation({
    summary: 'A supervisor imports a CAP 1.2 file: an Alert becomes a draft over the units its geocodes name; an Update or Cancel acts on the emergency it references',
    description: 'Multipart field `file`, or the document itself as the body with Content-Type application/cap+xml. Send the draft with POST /emergencies/{id}/send.',
  })
  @ApiCreatedResponse({ type: CapImportDto })
  @ApiForbiddenResponse({ type: ErrorBodyDto, description: 'Not a supervisor' })
  @ApiConflictResponse({ type: ErrorBodyDto, description: 'This CAP message was imported before, or the emergency it references is cancelled' })
  async import(@CurrentActor() actor: Actor, @UploadedFile() file: { buffer: Buffer } | undefined, @Req() req: Request): Promise<CapImportDto> {
    assertSupervisor(actor);
    const bytes = file?.buffer ?? (Buffer.isBuffer(req.body) ? req.body : null);
    if (!bytes || bytes.length === 0) {
      throw new InvalidInputError([{ field: 'file', rule: 'required', message: 'chọn tệp CAP (.xml) hoặc gửi tài liệu CAP với Content-Type application/cap+xml' }]);
    }
    const result = await this.imports.receive({ kind: 'upload', ref: actor.userId, name: 'tải lên', unit: { id: actor.unitId, path: actor.unitPath }, trusted: false, person: actor }, bytes.toString('utf8'));
    return { ...result, emergency: await this.emergencies.get(actor, result.emergencyId) };
  }

  @Get(':id/cap-messages')
  @ApiOperation({ summary: 'The CAP 1.2 messages of an emergency: received (uploaded, pushed, polled) and issued, with their public URLs' })
  @ApiOkResponse({ type: [CapMessageDto] })
  @ApiNotFoundResponse({ type: ErrorBodyDto, description: "Not in the caller's subtree" })
  capMessages(@CurrentActor() actor: Actor, @UuidParam('id') id: string) {
    return this.exports.messagesOf(actor, id);
  }

  @Post(':id/send')
  @PasswordConfirmedAction('A supervisor sends an imported draft with their password; where the province requires it, it waits for a second supervisor', {
    forbidden: 'Not a supervisor',
    conflict: 'Not a draft any more, or its message was changed elsewhere',
  })
  send(@CurrentActor() actor: Actor, @UuidParam('id') id: string, @Body() dto: SendDraftDto, @Ip() ip: string) {
    return this.drafts.send(actor, id, dto.password, ip);
  }
}
