import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsUUID } from 'class-validator';

export class UploadAttachmentDto {
  @ApiPropertyOptional({ format: 'uuid', description: "The unit the file belongs to; defaults to the caller's unit" })
  @IsOptional()
  @IsUUID('all')
  unitId?: string;
}

/** The multipart body, for the OpenAPI document (the file part is read by the upload interceptor, not a DTO). */
export const UPLOAD_BODY_SCHEMA = {
  type: 'object',
  required: ['file'],
  properties: {
    file: { type: 'string', format: 'binary', description: 'MP3, WAV, OGG audio or JPEG, PNG, WebP image; the type is read from the bytes' },
    unitId: { type: 'string', format: 'uuid' },
  },
};

export class AttachmentDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) unitId!: string;
  @ApiProperty({ enum: ['audio', 'image'] }) kind!: string;
  @ApiProperty({ example: 'audio/mpeg', description: 'Sniffed from the bytes' }) contentType!: string;
  @ApiProperty() sizeBytes!: number;
  @ApiProperty() sha256!: string;
  @ApiProperty() originalName!: string;
  @ApiProperty({ format: 'uuid' }) uploadedBy!: string;
  @ApiProperty() createdAt!: Date;
}

/** inline, with the UTF-8 name for browsers and an ASCII fallback for the rest. */
export function contentDisposition(fileName: string): string {
  const ascii = fileName.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/[đĐ]/g, 'd').replace(/[^\x20-\x7e]|["\\]/g, '_');
  return `inline; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}
