import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, Matches } from 'class-validator';
import { PageQueryDto } from '../http/pagination.dto.js';

export class SandboxQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ example: '+84912345678' })
  @IsOptional()
  @Matches(/^\+\d{8,15}$/)
  to?: string;
}

export class SandboxSmsDto {
  @ApiProperty({ example: '42' }) id!: string;
  @ApiProperty({ example: 'SBa1b2c3d4e5f6' }) providerMessageId!: string;
  @ApiProperty({ example: '+84912345678' }) to!: string;
  @ApiProperty({ example: 'UBND xa Tan Lap: tu 01/12 nop ho so truc tuyen tai dichvucong.gov.vn' }) body!: string;
  @ApiProperty({ type: String, format: 'date-time' }) createdAt!: Date;
}

export class SandboxSmsPageDto {
  @ApiProperty({ enum: [true], description: 'Always true: nothing here reached a real phone' }) sandbox!: true;
  @ApiProperty({ example: 'sandbox', description: 'The SMS provider in use ("disabled" when none)' }) activeProvider!: string;
  @ApiProperty({ example: 'Hộp thử nghiệm (sandbox): các tin nhắn này KHÔNG được gửi tới điện thoại thật.' }) notice!: string;
  @ApiProperty({ type: [SandboxSmsDto] }) items!: SandboxSmsDto[];
  @ApiProperty() total!: number;
  @ApiProperty() page!: number;
  @ApiProperty() pageSize!: number;
}
