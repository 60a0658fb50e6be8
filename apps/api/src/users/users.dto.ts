import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsNotEmpty, IsOptional, IsString, IsUUID, Matches, MaxLength, MinLength } from 'class-validator';
import {
  DISPLAY_NAME_MAX_LENGTH,
  PASSWORD_MAX_LENGTH,
  PASSWORD_MIN_LENGTH,
  ROLES,
  USERNAME_MAX_LENGTH,
  USERNAME_MIN_LENGTH,
  type Role,
} from '#domain/index.js';
import { USER_SORT_FIELDS } from '#persistence/repositories/user.repository.js';
import { PageQueryDto, toBoolean } from '../http/pagination.dto.js';
import { SortQuery } from '../http/sort.js';

export const USER_DEFAULT_SORT = 'displayName';

/** Upper case is accepted and stored lower-case; the rest of the alphabet is the domain's. */
const USERNAME_INPUT = /^[A-Za-z0-9._-]+$/;

export class CreateUserDto {
  @ApiProperty({
    example: 'canbo.xatanlap',
    minLength: USERNAME_MIN_LENGTH,
    maxLength: USERNAME_MAX_LENGTH,
    pattern: USERNAME_INPUT.source,
    description: 'Stored lower-case; unique whatever the case',
  })
  @IsString()
  @MinLength(USERNAME_MIN_LENGTH)
  @MaxLength(USERNAME_MAX_LENGTH)
  @Matches(USERNAME_INPUT)
  username!: string;

  @ApiProperty({ example: 'Nguyễn Thị Lan', maxLength: DISPLAY_NAME_MAX_LENGTH })
  @IsString()
  @IsNotEmpty()
  @MaxLength(DISPLAY_NAME_MAX_LENGTH)
  displayName!: string;

  @ApiProperty({ format: 'password', minLength: PASSWORD_MIN_LENGTH, maxLength: PASSWORD_MAX_LENGTH })
  @IsString()
  @MinLength(PASSWORD_MIN_LENGTH)
  @MaxLength(PASSWORD_MAX_LENGTH)
  password!: string;

  @ApiProperty({ enum: ROLES, enumName: 'Role' })
  @IsIn(ROLES)
  role!: Role;

  @ApiProperty({ format: 'uuid', description: "The user's unit; must lie in the caller's subtree" })
  @IsUUID()
  unitId!: string;
}

export class UpdateUserDto {
  @ApiPropertyOptional({ maxLength: DISPLAY_NAME_MAX_LENGTH })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(DISPLAY_NAME_MAX_LENGTH)
  displayName?: string;

  @ApiPropertyOptional({ enum: ROLES, enumName: 'Role', description: 'An admin cannot change their own role' })
  @IsOptional()
  @IsIn(ROLES)
  role?: Role;

  @ApiPropertyOptional({ format: 'uuid', description: "Moves the user to another unit of the caller's subtree" })
  @IsOptional()
  @IsUUID()
  unitId?: string;
}

export class ResetPasswordDto {
  @ApiProperty({ format: 'password', minLength: PASSWORD_MIN_LENGTH, maxLength: PASSWORD_MAX_LENGTH })
  @IsString()
  @MinLength(PASSWORD_MIN_LENGTH)
  @MaxLength(PASSWORD_MAX_LENGTH)
  password!: string;
}

export class UsersQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: ROLES, enumName: 'Role' })
  @IsOptional()
  @IsIn(ROLES)
  role?: Role;

  @ApiPropertyOptional({ format: 'uuid', description: "Only users of this unit and the units below it" })
  @IsOptional()
  @IsUUID()
  unitId?: string;

  @ApiPropertyOptional({ description: 'Part of the username or display name; case and Vietnamese diacritics are ignored' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  q?: string;

  @ApiPropertyOptional({ type: Boolean, description: 'true: only disabled accounts; false: only active ones. Overrides includeDisabled' })
  @IsOptional()
  @Transform(toBoolean)
  @IsBoolean()
  disabled?: boolean;

  @ApiPropertyOptional({ type: Boolean, default: false, description: 'Without `disabled`: also list disabled accounts' })
  @IsOptional()
  @Transform(toBoolean)
  @IsBoolean()
  includeDisabled?: boolean;

  @SortQuery(USER_SORT_FIELDS, USER_DEFAULT_SORT)
  sort?: string;
}

export class UserDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() username!: string;
  @ApiProperty() displayName!: string;
  @ApiProperty({ enum: ROLES, enumName: 'Role' }) role!: string;
  @ApiProperty({ format: 'uuid' }) unitId!: string;
  @ApiProperty() unitName!: string;
  @ApiProperty() disabled!: boolean;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) disabledAt!: Date | null;
  @ApiProperty({ type: String, format: 'date-time' }) createdAt!: Date;
  @ApiProperty({ type: String, format: 'date-time' }) updatedAt!: Date;
}

export class UserPageDto {
  @ApiProperty({ type: [UserDto] }) items!: UserDto[];
  @ApiProperty() total!: number;
  @ApiProperty() page!: number;
  @ApiProperty() pageSize!: number;
}
