import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, IsUUID, Matches, Max, MaxLength, Min, ValidateIf } from 'class-validator';
import { PageQueryDto } from '../http/pagination.dto.js';

export class CreateBoardDto {
  @ApiPropertyOptional({ format: 'uuid', description: "The unit of the caller's subtree that owns the board (usually a commune); default: the caller's unit" })
  @IsOptional()
  @IsUUID()
  unitId?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'The village (thôn, tổ dân phố) under unitId where the board stands' })
  @IsOptional()
  @IsUUID()
  villageId?: string;

  @ApiProperty({ example: 'Bảng tin nhà văn hóa thôn Bản Giới', maxLength: 200 })
  @IsString()
  @MaxLength(200)
  name!: string;

  @ApiPropertyOptional({ example: 'Trước cổng UBND xã', maxLength: 500 })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  location?: string;
}

export class UpdateBoardDto {
  @ApiPropertyOptional({ maxLength: 200 })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  name?: string;

  @ApiPropertyOptional({ maxLength: 500, nullable: true, description: 'null clears it' })
  @ValidateIf((_: unknown, v: unknown) => v !== undefined && v !== null)
  @IsString()
  @MaxLength(500)
  location?: string | null;

  @ApiPropertyOptional({ format: 'uuid', nullable: true, description: 'A village under the board unit; null: at the unit office' })
  @ValidateIf((_: unknown, v: unknown) => v !== undefined && v !== null)
  @IsUUID()
  villageId?: string | null;
}

export class BoardsQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ format: 'uuid', description: 'Boards of this unit and the units below it' })
  @IsOptional()
  @IsUUID()
  unitId?: string;
}

export class BoardDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) unitId!: string;
  @ApiProperty() unitName!: string;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) villageId!: string | null;
  @ApiProperty({ nullable: true, type: String }) villageName!: string | null;
  @ApiProperty() name!: string;
  @ApiProperty({ nullable: true, type: String }) location!: string | null;
  @ApiProperty({ description: 'Heard from within BOARD_OFFLINE_AFTER_SECONDS' }) online!: boolean;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) lastSeenAt!: Date | null;
  @ApiProperty({ nullable: true, type: String, description: 'Content version the board last reported showing' }) shownVersion!: string | null;
  @ApiProperty({ format: 'date-time' }) tokenIssuedAt!: Date;
  @ApiProperty({ format: 'date-time' }) createdAt!: Date;
  @ApiProperty({ format: 'date-time' }) updatedAt!: Date;
}

export class BoardWithTokenDto extends BoardDto {
  @ApiProperty({ example: 'tcs_bd_…', description: 'The device token, shown this once only (stored hashed)' })
  token!: string;

  @ApiProperty({ description: 'The kiosk page to open on the board (contains the token)' })
  kioskUrl!: string;
}

export class BoardPageDto {
  @ApiProperty({ type: [BoardDto] }) items!: BoardDto[];
  @ApiProperty() total!: number;
  @ApiProperty() page!: number;
  @ApiProperty() pageSize!: number;
}

export class KioskQueryDto {
  @ApiPropertyOptional({ minimum: 2, maximum: 600, default: 20, description: 'Seconds between feed polls; change notices come between polls anyway' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(2)
  @Max(600)
  poll: number = 20;

  @ApiPropertyOptional({ minimum: 5, maximum: 600, default: 15, description: 'Seconds each slide stays before the next' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(5)
  @Max(600)
  rotate: number = 15;
}

export class WithdrawnDto {
  @ApiProperty({ description: 'Slides that were live and are now taken down' }) withdrawn!: number;
}

export class HeartbeatDto {
  @ApiPropertyOptional({ example: 'Vb3k9X2aQ1mZp0Lr', description: 'The feed version the board is showing now' })
  @IsOptional()
  @IsString()
  @Matches(/^[\w-]{1,64}$/)
  shownVersion?: string;
}

export class HeartbeatReplyDto {
  @ApiProperty({ description: 'The current feed version; fetch the feed when it differs from the one shown' }) version!: string;
  @ApiProperty({ description: 'Slides confirmed shown by this heartbeat' }) delivered!: number;
}

export class BoardSlideDto {
  @ApiProperty() id!: string;
  @ApiProperty({ format: 'uuid' }) broadcastId!: string;
  @ApiProperty({ format: 'uuid' }) messageId!: string;
  @ApiProperty({ enum: ['normal', 'priority', 'emergency'], description: 'emergency: show as a full-screen overlay at once' }) priority!: string;
  @ApiProperty() title!: string;
  @ApiProperty() body!: string;
  @ApiProperty({ nullable: true, type: String, description: 'Absolute URL; needs no header (the token is in the path)' }) imageUrl!: string | null;
  @ApiProperty({ description: 'What the QR code opens: a .gov.vn public service named in the text, else the public page' }) qrUrl!: string;
  @ApiProperty({ description: 'The QR code as inline SVG markup' }) qrSvg!: string;
  @ApiProperty({ format: 'date-time' }) startsAt!: Date;
  @ApiProperty({ format: 'date-time' }) expiresAt!: Date;
}

export class BoardFeedBoardDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ nullable: true, type: String }) location!: string | null;
  @ApiProperty() unitName!: string;
  @ApiProperty({ example: 'Asia/Ho_Chi_Minh', description: 'Local time of the board (IANA name), for its clock' }) timeZone!: string;
}

export class BoardFeedDto {
  @ApiProperty({ type: BoardFeedBoardDto }) board!: BoardFeedBoardDto;
  @ApiProperty({ description: 'Content version (also the ETag); report it in the heartbeat once shown' }) version!: string;
  @ApiProperty({ format: 'date-time' }) generatedAt!: Date;
  @ApiProperty({ type: [BoardSlideDto], description: 'Emergency first, then priority, then newest' }) slides!: BoardSlideDto[];
}
