import { ApiProperty } from '@nestjs/swagger';

export class CodeLabelDto {
  @ApiProperty() code!: string;
  @ApiProperty({ description: 'Vietnamese label' }) label!: string;
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
}
