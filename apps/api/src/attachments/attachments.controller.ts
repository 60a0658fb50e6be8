import { Body, Controller, Get, Post, Res, StreamableFile, UploadedFile, UseInterceptors } from '@nestjs/common';
import { ApiBadRequestResponse, ApiBearerAuth, ApiBody, ApiConsumes, ApiCreatedResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import type { Actor } from '#domain/index.js';
import type { AttachmentView } from '#persistence/repositories/attachment.repository.js';
import { AttachmentsService } from '#services/attachments/attachments.service.js';
import { CurrentActor } from '../auth/current-actor.decorator.js';
import { UuidParam } from '../http/route-params.js';
import { AttachmentUploadInterceptor } from './attachment-upload.interceptor.js';
import { AttachmentDto, contentDisposition, UPLOAD_BODY_SCHEMA, UploadAttachmentDto } from './attachments.dto.js';

@ApiTags('attachments')
@ApiBearerAuth()
@ApiNotFoundResponse({ description: "Not in the caller's unit subtree (answered as if it did not exist)" })
@Controller('api/v1/attachments')
export class AttachmentsController {
  constructor(private readonly attachments: AttachmentsService) {}

  @Post()
  @UseInterceptors(AttachmentUploadInterceptor)
  @ApiConsumes('multipart/form-data')
  @ApiBody({ schema: UPLOAD_BODY_SCHEMA })
  @ApiCreatedResponse({ type: AttachmentDto, description: 'Identical bytes are stored once; each upload still gets its own record' })
  @ApiBadRequestResponse({ description: 'file missing (rule required), not an accepted type (fileType), or too large (maxSize)' })
  @ApiOperation({ summary: 'Uploads an image or an audio file for messages of a unit' })
  upload(
    @CurrentActor() actor: Actor,
    @UploadedFile() file: { buffer: Buffer; originalname: string } | undefined,
    @Body() dto: UploadAttachmentDto,
  ): Promise<AttachmentView> {
    return this.attachments.upload(actor, file && { buffer: file.buffer, originalName: file.originalname }, dto.unitId);
  }

  @Get(':id')
  @ApiOkResponse({ type: AttachmentDto })
  @ApiOperation({ summary: "An attachment's details" })
  get(@CurrentActor() actor: Actor, @UuidParam('id') id: string): Promise<AttachmentView> {
    return this.attachments.get(actor, id);
  }

  @Get(':id/content')
  @ApiProduces('audio/mpeg', 'audio/wav', 'audio/ogg', 'image/jpeg', 'image/png', 'image/webp')
  @ApiOkResponse({ description: 'The bytes, with the sniffed content type', schema: { type: 'string', format: 'binary' } })
  @ApiOperation({ summary: "An attachment's bytes" })
  async content(@CurrentActor() actor: Actor, @UuidParam('id') id: string, @Res({ passthrough: true }) res: Response): Promise<StreamableFile> {
    const { attachment, content } = await this.attachments.open(actor, id);
    // Content-addressed bytes never change: the hash is a strong validator.
    res.setHeader('ETag', `"${attachment.sha256}"`);
    res.setHeader('Cache-Control', 'private, max-age=86400');
    res.setHeader('X-Content-Type-Options', 'nosniff');
    return new StreamableFile(content, {
      type: attachment.contentType,
      length: attachment.sizeBytes,
      disposition: contentDisposition(attachment.originalName),
    });
  }
}
