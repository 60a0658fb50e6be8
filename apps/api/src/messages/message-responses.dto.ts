import { ApiProperty } from '@nestjs/swagger';
import { CONTENT_GROUP_CODES, MESSAGE_STATUSES, PRIORITIES } from '#domain/index.js';
import { MessageContentDto } from './messages.dto.js';

/** Response shapes, declared for the OpenAPI document; the services return plain objects of the same shape. */

export class VersionSummaryDto {
  @ApiProperty() versionNo!: number;
  @ApiProperty() title!: string;
  @ApiProperty({ enum: CONTENT_GROUP_CODES, enumName: 'ContentGroup' }) contentGroup!: string;
  @ApiProperty({ enum: PRIORITIES, enumName: 'Priority' }) priority!: string;
  @ApiProperty({ format: 'uuid' }) authorId!: string;
  @ApiProperty({ type: String, nullable: true }) authorName!: string | null;
  @ApiProperty() createdAt!: Date;
}

export class VersionDto extends MessageContentDto {
  @ApiProperty() versionNo!: number;
  @ApiProperty({ format: 'uuid' }) authorId!: string;
  @ApiProperty({ type: String, nullable: true }) authorName!: string | null;
  @ApiProperty() createdAt!: Date;
}

class MessageHeadDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) unitId!: string;
  @ApiProperty() unitName!: string;
  @ApiProperty({ enum: MESSAGE_STATUSES, enumName: 'MessageStatus' }) status!: string;
  @ApiProperty() currentVersion!: number;
  @ApiProperty({ type: Number, nullable: true, description: 'The last approved version; kept when a later edit makes the message a draft again' })
  approvedVersion!: number | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: 'The unit whose supervisors review it (set at submit)' })
  approvalUnitId!: string | null;
  @ApiProperty({ type: Date, nullable: true }) submittedAt!: Date | null;
  @ApiProperty({ type: Date, nullable: true }) approvedAt!: Date | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) approvedBy!: string | null;
  @ApiProperty() createdAt!: Date;
  @ApiProperty() updatedAt!: Date;
}

export class MessageDto extends MessageHeadDto {
  @ApiProperty({ type: VersionDto, description: 'The current version' }) version!: VersionDto;
}

export class MessageSummaryDto extends MessageHeadDto {
  @ApiProperty({ type: String, nullable: true, description: "The current version's author" }) authorName!: string | null;
  @ApiProperty({ type: VersionSummaryDto, description: 'The current version, without its content' }) version!: VersionSummaryDto;
}

export class MessagePageDto {
  @ApiProperty({ type: [MessageSummaryDto] }) items!: MessageSummaryDto[];
  @ApiProperty() total!: number;
  @ApiProperty() page!: number;
  @ApiProperty() pageSize!: number;
}
