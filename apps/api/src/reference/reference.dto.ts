import { ApiProperty } from '@nestjs/swagger';

export class CodeLabelDto {
  @ApiProperty() code!: string;
  @ApiProperty({ description: 'Vietnamese label' }) label!: string;
}

export class SmsSettingsDto {
  @ApiProperty({ description: 'Estimated price of one SMS part, in đồng (SMS_PRICE_PER_PART_VND)' }) pricePerPartVnd!: number;
  @ApiProperty({ description: 'Parts a broadcast may use per SMS unless it says otherwise' }) defaultMaxParts!: number;
}

export class UploadLimitsDto {
  @ApiProperty({ description: 'Largest image attachment, in bytes' }) maxImageBytes!: number;
  @ApiProperty({ description: 'Largest audio attachment, in bytes' }) maxAudioBytes!: number;
}

export class ContentModelDto {
  @ApiProperty({ type: [CodeLabelDto], description: 'The ten content groups of Quyết định 1216/QĐ-BTTTT, in the order of the plan' })
  contentGroups!: CodeLabelDto[];
  @ApiProperty({ type: [CodeLabelDto] }) reformAreas!: CodeLabelDto[];
  @ApiProperty({ type: [CodeLabelDto] }) indices!: CodeLabelDto[];
  @ApiProperty({ type: [CodeLabelDto] }) audiences!: CodeLabelDto[];
  @ApiProperty({ type: [CodeLabelDto], description: 'Thông tư 39/2020/TT-BTTTT' }) priorities!: CodeLabelDto[];
  @ApiProperty({ type: [CodeLabelDto] }) renditionChannels!: CodeLabelDto[];
  @ApiProperty({
    type: 'object',
    additionalProperties: { type: 'integer' },
    description: 'Maximum lengths (characters) and counts the message endpoints enforce',
  })
  limits!: Record<string, number>;
  @ApiProperty({ type: SmsSettingsDto }) sms!: SmsSettingsDto;
  @ApiProperty({ type: UploadLimitsDto }) uploads!: UploadLimitsDto;
}
