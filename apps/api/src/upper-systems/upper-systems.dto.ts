import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsOptional, IsString, IsUUID, MaxLength, MinLength } from 'class-validator';

export class CreateUpperSystemDto {
  @ApiProperty({ format: 'uuid', description: 'The province or district the system speaks for' })
  @IsUUID()
  unitId!: string;

  @ApiProperty({ example: 'Hệ thống thông tin nguồn tỉnh', maxLength: 200 })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  name!: string;

  @ApiPropertyOptional({ description: "Its emergencies go out without a supervisor's approval", default: false })
  @IsOptional()
  @IsBoolean()
  trusted?: boolean;
}

export class UpdateUpperSystemDto {
  @ApiPropertyOptional({ maxLength: 200 })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  name?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsBoolean()
  trusted?: boolean;

  @ApiPropertyOptional({ description: 'false refuses its signed requests from now on' })
  @IsOptional()
  @IsBoolean()
  active?: boolean;
}

export class UpperSystemResponseDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) unitId!: string;
  @ApiProperty() unitName!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ description: 'Sent in X-Tincoso-System', example: 'tcs_sys_4f1c2a9be07d3e55' }) keyId!: string;
  @ApiProperty() trusted!: boolean;
  @ApiProperty() active!: boolean;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) rotatedAt!: string | null;
  @ApiProperty({ type: String, format: 'date-time' }) createdAt!: string;
}

export class UpperSystemWithSecretDto extends UpperSystemResponseDto {
  @ApiProperty({ description: 'The HMAC secret: shown this once only' }) secret!: string;
}

export class UpperSystemPageDto {
  @ApiProperty({ type: [UpperSystemResponseDto] }) items!: UpperSystemResponseDto[];
  @ApiProperty() total!: number;
  @ApiProperty() page!: number;
  @ApiProperty() pageSize!: number;
}
