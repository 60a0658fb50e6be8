import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsIn, IsOptional, IsString, IsUUID, Matches, MaxLength, MinLength } from 'class-validator';
import { CHANNEL_ACCOUNT_STATUSES, SOCIAL_PLATFORMS, type ChannelAccountStatus, type SocialPlatform } from '#persistence/index.js';
import { IsInstant } from '../http/date-time.validators.js';
import { PageQueryDto } from '../http/pagination.dto.js';

/** Tokens are write-only: accepted here, sealed at once, never returned (writeOnly in the OpenAPI document). */
export class CreateChannelAccountDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  unitId!: string;

  @ApiProperty({ enum: SOCIAL_PLATFORMS, enumName: 'SocialPlatform' })
  @IsIn(SOCIAL_PLATFORMS)
  platform!: SocialPlatform;

  @ApiProperty({ example: 'UBND xã Tân Lập', maxLength: 200 })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  name!: string;

  @ApiProperty({ description: 'Zalo OA id or Facebook Page id', example: '1234567890' })
  @Matches(/^[0-9A-Za-z_.-]{1,64}$/, { message: 'externalId chỉ gồm chữ, số và . _ -' })
  externalId!: string;

  @ApiPropertyOptional({ description: 'Zalo app id (required for Zalo)' })
  @IsOptional()
  @Matches(/^[0-9A-Za-z_-]{1,64}$/)
  appId?: string;

  @ApiPropertyOptional({ description: 'Zalo app secret key (required for Zalo)', writeOnly: true })
  @IsOptional()
  @IsString()
  @MinLength(4)
  @MaxLength(500)
  appSecret?: string;

  @ApiProperty({ description: 'OA access token or Page access token', writeOnly: true })
  @IsString()
  @MinLength(8)
  @MaxLength(4000)
  accessToken!: string;

  @ApiPropertyOptional({ description: 'Zalo refresh token (required for Zalo; rotates on each use)', writeOnly: true })
  @IsOptional()
  @IsString()
  @MinLength(8)
  @MaxLength(4000)
  refreshToken?: string;

  @ApiPropertyOptional({ format: 'date-time', description: 'When the access token expires (Zalo default: in 25 hours)' })
  @IsOptional()
  @IsInstant()
  accessExpiresAt?: string;

  @ApiPropertyOptional({ description: 'Zalo: the OA may send broadcast messages to its followers', default: false })
  @IsOptional()
  @IsBoolean()
  canBroadcast?: boolean;
}

export class UpdateChannelAccountDto {
  @ApiPropertyOptional({ maxLength: 200 })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  name?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsBoolean()
  canBroadcast?: boolean;

  @ApiPropertyOptional({ description: 'false stops publishing to this account' })
  @IsOptional()
  @IsBoolean()
  enabled?: boolean;
}

export class ReconnectChannelAccountDto {
  @ApiProperty({ writeOnly: true })
  @IsString()
  @MinLength(8)
  @MaxLength(4000)
  accessToken!: string;

  @ApiPropertyOptional({ writeOnly: true })
  @IsOptional()
  @IsString()
  @MinLength(8)
  @MaxLength(4000)
  refreshToken?: string;

  @ApiPropertyOptional({ writeOnly: true })
  @IsOptional()
  @IsString()
  @MinLength(4)
  @MaxLength(500)
  appSecret?: string;

  @ApiPropertyOptional({ format: 'date-time' })
  @IsOptional()
  @IsInstant()
  accessExpiresAt?: string;
}

export class ChannelAccountListQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: SOCIAL_PLATFORMS, enumName: 'SocialPlatform' })
  @IsOptional()
  @IsIn(SOCIAL_PLATFORMS)
  platform?: SocialPlatform;
}

export class ChannelAccountResponseDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) unitId!: string;
  @ApiProperty() unitName!: string;
  @ApiProperty({ enum: SOCIAL_PLATFORMS, enumName: 'SocialPlatform' }) platform!: SocialPlatform;
  @ApiProperty() name!: string;
  @ApiProperty() externalId!: string;
  @ApiProperty({ nullable: true, type: String }) appId!: string | null;
  @ApiProperty() canBroadcast!: boolean;
  @ApiProperty({ enum: CHANNEL_ACCOUNT_STATUSES, enumName: 'ChannelAccountStatus' }) status!: ChannelAccountStatus;
  @ApiProperty({ nullable: true, type: String, description: 'Why the account needs reconnecting' }) statusReason!: string | null;
  @ApiProperty() needsReconnect!: boolean;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) accessExpiresAt!: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) lastCheckedAt!: string | null;
  @ApiProperty({ type: String, format: 'date-time' }) createdAt!: string;
}

export class ConnectionCheckDto {
  @ApiProperty() ok!: boolean;
  @ApiProperty() needsReconnect!: boolean;
  @ApiProperty({ nullable: true, type: String }) platformId!: string | null;
  @ApiProperty({ nullable: true, type: String }) platformName!: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'The platform error code' }) code!: string | null;
  @ApiProperty() message!: string;
}

export class ChannelAccountPageDto {
  @ApiProperty({ type: [ChannelAccountResponseDto] }) items!: ChannelAccountResponseDto[];
  @ApiProperty() total!: number;
  @ApiProperty() page!: number;
  @ApiProperty() pageSize!: number;
}
