import { ApiProperty } from '@nestjs/swagger';
import { IsString, MaxLength, MinLength } from 'class-validator';
import { CAP_MESSAGE_DIRECTIONS, CAP_MESSAGE_SOURCES } from '#persistence/index.js';
import { EmergencyDto } from './emergency-responses.dto.js';

const OUTCOMES = ['draft', 'sent', 'updated', 'cancelled', 'duplicate'];

export class SendDraftDto {
  @ApiProperty({ description: "The supervisor's own login password, to confirm" })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  password!: string;
}

export class CapReceiptDto {
  @ApiProperty({
    enum: OUTCOMES,
    enumName: 'CapImportOutcome',
    description: 'draft: an Alert waiting for a supervisor; sent: a trusted source\'s Alert, gone out; updated/cancelled: an Update/Cancel acted on the emergency it references; duplicate: this message was received before, nothing changed',
  })
  outcome!: string;
  @ApiProperty({ format: 'uuid' }) emergencyId!: string;
  @ApiProperty({ description: 'The CAP key "sender,identifier,sent" of the message received' }) alertKey!: string;
}

export class CapImportDto extends CapReceiptDto {
  @ApiProperty({ type: EmergencyDto }) emergency!: EmergencyDto;
}

export class CapMessageDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) emergencyId!: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: 'The update or cancellation it is (out) or caused (in)' }) changeId!: string | null;
  @ApiProperty({ enum: CAP_MESSAGE_DIRECTIONS, enumName: 'CapMessageDirection' }) direction!: string;
  @ApiProperty({ type: String, enum: [...CAP_MESSAGE_SOURCES], nullable: true, description: 'Where a received message came from' }) source!: string | null;
  @ApiProperty() sender!: string;
  @ApiProperty() identifier!: string;
  @ApiProperty({ description: 'CAP dateTime as written' }) sent!: string;
  @ApiProperty({ enum: ['Alert', 'Update', 'Cancel'], enumName: 'CapMsgType' }) msgType!: string;
  @ApiProperty() alertKey!: string;
  @ApiProperty({ type: String, nullable: true, description: 'Public URL of a message issued (application/cap+xml)' }) url!: string | null;
  @ApiProperty() createdAt!: Date;
}
