import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsOptional, IsString, MaxLength, MinLength } from 'class-validator';
import { ROLES, UNIT_LEVELS, type Role, type UnitLevel } from '#domain/index.js';

export class LoginDto {
  @ApiProperty({ example: 'canbo.xa' })
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  username!: string;

  @ApiProperty({ example: 'matkhau-demo', format: 'password' })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  password!: string;

  @ApiPropertyOptional({
    default: false,
    description:
      'For the web console: the refresh token is set as the HttpOnly cookie `tincoso_refresh` (Path=/api/v1/auth/refresh) instead of being returned in the body',
  })
  @IsOptional()
  @IsBoolean()
  useCookie?: boolean;
}

export class RefreshDto {
  @ApiPropertyOptional({ description: 'Omit it to use the `tincoso_refresh` cookie; the next token is then set as that cookie' })
  @IsOptional()
  @IsString()
  @MinLength(20)
  @MaxLength(200)
  refreshToken?: string;
}

export class LogoutDto {
  @ApiPropertyOptional({ description: 'The refresh token to revoke (API clients); the console ends its session through its bearer token' })
  @IsOptional()
  @IsString()
  @MinLength(20)
  @MaxLength(200)
  refreshToken?: string;

  @ApiPropertyOptional({
    default: false,
    description: 'End every session of the user on every device; needs a valid bearer token (or a live refreshToken)',
  })
  @IsOptional()
  @IsBoolean()
  everywhere?: boolean;
}

export class TokenPairDto {
  @ApiProperty({ enum: ['Bearer'], enumName: 'TokenType' }) tokenType!: 'Bearer';
  @ApiProperty() accessToken!: string;
  @ApiProperty({ description: 'Lifetime of the access token, in seconds' }) expiresIn!: number;
  @ApiPropertyOptional({ description: 'Absent when the token was set as the `tincoso_refresh` cookie (useCookie, or a refresh by cookie)' })
  refreshToken?: string;
  @ApiProperty({ description: 'Lifetime of the refresh token, in seconds' }) refreshExpiresIn!: number;
}

export class ProfileDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() username!: string;
  @ApiProperty() displayName!: string;
  @ApiProperty({ enum: ROLES, enumName: 'Role' }) role!: Role;
  @ApiProperty({ format: 'uuid' }) unitId!: string;
  @ApiProperty({ example: 'Xã Tân Lập' }) unitName!: string;
  @ApiProperty({ enum: UNIT_LEVELS, enumName: 'UnitLevel' }) unitLevel!: UnitLevel;
  @ApiProperty({ example: 'Asia/Ho_Chi_Minh', description: "IANA zone of the user's unit: the console shows every time in it" })
  timeZone!: string;
}
