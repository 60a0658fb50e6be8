import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsUUID } from 'class-validator';
import { SUBSCRIBER_CSV_COLUMNS } from '#services/subscribers/subscriber-csv-row.js';

export class ImportSubscribersDto {
  @ApiPropertyOptional({ format: 'uuid', description: "The unit every row joins (villages are named per row); defaults to the caller's unit" })
  @IsOptional()
  @IsUUID()
  unitId?: string;

  @ApiPropertyOptional({
    format: 'uuid',
    description: 'An id chosen by the client for this import, so it can poll GET /subscribers/imports/{id} while the upload request runs',
  })
  @IsOptional()
  @IsUUID()
  importId?: string;
}

/** The multipart body, for the OpenAPI document (the file part is read by the upload interceptor, not a DTO). */
export const IMPORT_BODY_SCHEMA = {
  type: 'object',
  required: ['file'],
  properties: {
    file: {
      type: 'string',
      format: 'binary',
      description:
        'Excel workbook (.xlsx: the first sheet, its first row the header) or CSV (UTF-8, a BOM is fine, comma- or semicolon-delimited, ' +
        `a header line first). Columns (any case): ${SUBSCRIBER_CSV_COLUMNS.join(', ')}; ` +
        'only phone is required. village: name or code of a village under the unit. tags: separated by ";". consent_source defaults ' +
        'to import, consent_at to now (15/03/2024 or 2024-03-15 08:30, local time), preferred_language to vi.',
    },
    unitId: { type: 'string', format: 'uuid' },
    importId: { type: 'string', format: 'uuid' },
  },
};

export class ImportRowErrorDto {
  @ApiProperty({ description: 'Line in the file (row in the sheet); the header is 1' }) rowNo!: number;
  @ApiProperty({ example: 'phone', description: 'The column (or "file" for a line that is not valid CSV)' }) field!: string;
  @ApiProperty({ example: 'landline' }) rule!: string;
  @ApiProperty({ example: 'Đây là số điện thoại cố định, không nhận được tin nhắn SMS' }) message!: string;
  @ApiProperty({ description: 'The line as it was in the file (cut at 1,000 characters)' }) raw!: string;
}

export class SubscriberImportDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) unitId!: string;
  @ApiProperty({ format: 'uuid' }) createdBy!: string;
  @ApiProperty() fileName!: string;
  @ApiProperty({ enum: ['running', 'completed', 'failed'], enumName: 'SubscriberImportStatus' }) status!: string;
  @ApiProperty({ description: 'Rows read so far (blank rows are not counted)' }) rowsRead!: number;
  @ApiProperty({ description: 'The same as rowsRead: the progress bar\'s position' }) processedRows!: number;
  @ApiProperty({
    type: Number,
    nullable: true,
    description: 'Rows in the file, counted before they are read (a CSV cell spanning lines can make it a little high); exact when completed',
  })
  totalRows!: number | null;
  @ApiProperty({ description: 'Rows that created a subscriber' }) inserted!: number;
  @ApiProperty({ description: 'Valid rows whose number was already subscribed (earlier in the file or before): tags added, blanks filled' })
  merged!: number;
  @ApiProperty({ description: 'Rows refused; each has an entry in the error report' }) rejected!: number;
  @ApiProperty({ type: String, nullable: true }) failure!: string | null;
  @ApiProperty({ type: String, format: 'date-time' }) createdAt!: Date;
  @ApiProperty({ type: String, format: 'date-time' }) updatedAt!: Date;
}

export class SubscriberImportSummaryDto extends SubscriberImportDto {
  @ApiProperty({ type: [ImportRowErrorDto], description: 'The first 20 rejected rows; the full report is at errors and errors.csv' })
  firstErrors!: ImportRowErrorDto[];
}

export class SubscriberImportPageDto {
  @ApiProperty({ type: [SubscriberImportDto] }) items!: SubscriberImportDto[];
  @ApiProperty() total!: number;
  @ApiProperty() page!: number;
  @ApiProperty() pageSize!: number;
}

export class ImportRowErrorPageDto {
  @ApiProperty({ type: [ImportRowErrorDto] }) items!: ImportRowErrorDto[];
  @ApiProperty() total!: number;
  @ApiProperty() page!: number;
  @ApiProperty() pageSize!: number;
}
