import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsNotEmpty, IsOptional, IsString, MaxLength } from 'class-validator';
import { LIMITS } from '#domain/index.js';
import { EMERGENCY_CHANGE_KINDS } from '#persistence/index.js';
import { EMERGENCY_TEXT_MAX } from '#services/emergencies/emergency-renditions.js';
import { CleanText, ConfirmEmergencyDto } from './emergencies.dto.js';
import { EmergencyDto } from './emergency-responses.dto.js';

/** A cancellation's reason is a sentence, kept in the audit and in CAP Cancel notes. */
const REASON_MAX = 500;

export class CancelEmergencyDto extends ConfirmEmergencyDto {
  @ApiPropertyOptional({ maxLength: REASON_MAX, example: 'Mưa đã ngớt, nguy cơ lũ quét đã qua' })
  @IsOptional()
  @CleanText()
  @IsString()
  @MaxLength(REASON_MAX)
  reason?: string;
}

export class UpdateEmergencyDto extends ConfirmEmergencyDto {
  @ApiProperty({ maxLength: LIMITS.titleMax, example: 'Cảnh báo lũ quét (cập nhật)' })
  @CleanText()
  @IsString()
  @IsNotEmpty()
  @MaxLength(LIMITS.titleMax)
  title!: string;

  @ApiProperty({ maxLength: EMERGENCY_TEXT_MAX, description: 'The new text; every rendition is derived from it again as at send' })
  @CleanText()
  @IsString()
  @IsNotEmpty()
  @MaxLength(EMERGENCY_TEXT_MAX)
  body!: string;
}

export class EmergencyChangeDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) emergencyId!: string;
  @ApiProperty({ enum: EMERGENCY_CHANGE_KINDS, enumName: 'EmergencyChangeKind' }) kind!: string;
  @ApiProperty({ description: 'The message version the emergency carries after the change' }) messageVersion!: number;
  @ApiProperty({ type: String, nullable: true }) reason!: string | null;
  @ApiProperty({ type: String, nullable: true, description: "A system's change (e.g. an imported CAP Cancel); null: a person at the console" }) origin!: string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: 'The SMS follow-up to those who had received the SMS; null when nobody had' })
  followUpBroadcastId!: string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) createdBy!: string | null;
  @ApiProperty() createdAt!: Date;
}

export class EmergencyWithChangesDto extends EmergencyDto {
  @ApiProperty({ type: [EmergencyChangeDto], description: 'Updates and the cancellation, oldest first' })
  changes!: EmergencyChangeDto[];
}
