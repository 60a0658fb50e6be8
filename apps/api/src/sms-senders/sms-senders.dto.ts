import { ApiProperty } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayUnique, IsArray, IsBoolean, IsString, Matches, MaxLength, MinLength } from 'class-validator';

/** A province's sender on one brandname gateway, as people manage it. */
export class PutSmsSenderProfileDto {
  @ApiProperty({ description: 'The brandname registered with the carriers (shown as the sender on phones)', example: 'UBND-TINH', maxLength: 11 })
  @Matches(/^[A-Za-z0-9 ._-]{1,11}$/, { message: 'brandname gồm tối đa 11 chữ cái không dấu, chữ số, dấu cách, . _ -' })
  brandname!: string;

  @ApiProperty({ description: 'The route carries Unicode (Vietnamese with diacritics); false: "không dấu" only' })
  @IsBoolean()
  unicodeAllowed!: boolean;

  @ApiProperty({
    type: [String],
    description: 'Customer-care templates registered with the carriers; {name} marks a placeholder (any text)',
    example: ['UBND xa {ten_xa} thong bao: {noi_dung}'],
    maxItems: 200,
  })
  @IsArray()
  @ArrayMaxSize(200)
  @ArrayUnique()
  @IsString({ each: true })
  @MinLength(1, { each: true })
  @MaxLength(1000, { each: true })
  templates!: string[];
}

export class SmsSenderProfileDto extends PutSmsSenderProfileDto {
  @ApiProperty({ format: 'uuid', description: 'The province' })
  unitId!: string;

  @ApiProperty({ example: 'esms', description: 'The SMS provider (SMS_PROVIDER) this sender is registered with' })
  provider!: string;

  @ApiProperty({ format: 'date-time' })
  updatedAt!: Date;
}
