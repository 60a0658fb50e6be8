import { Body, Controller, Get, HttpCode, Patch, Post, Query } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiForbiddenResponse,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import type { Actor } from '#domain/index.js';
import type { UserSortField } from '#persistence/repositories/user.repository.js';
import { UsersService } from '#services/users/users.service.js';
import type { UserView } from '#services/users/user-view.js';
import { CurrentActor } from '../auth/current-actor.decorator.js';
import { ErrorBodyDto } from '../http/error-body.dto.js';
import { toPage, type Page } from '../http/pagination.dto.js';
import { UuidParam } from '../http/route-params.js';
import { toSortOrder } from '../http/sort.js';
import { CreateUserDto, ResetPasswordDto, UpdateUserDto, USER_DEFAULT_SORT, UserDto, UserPageDto, UsersQueryDto } from './users.dto.js';

/** Accounts of the caller's subtree. A user or unit outside it answers 404, as if it did not exist. */
@ApiTags('users')
@ApiBearerAuth()
@ApiNotFoundResponse({ type: ErrorBodyDto, description: "The user (or unit) does not exist in the caller's subtree" })
@ApiBadRequestResponse({ type: ErrorBodyDto, description: 'A field or parameter breaks a rule; details name the field and the rule' })
@ApiUnauthorizedResponse({ type: ErrorBodyDto, description: 'No valid bearer token' })
@Controller('api/v1/users')
export class UsersController {
  constructor(private readonly users: UsersService) {}

  @Post()
  @ApiOperation({ summary: "Create a user in my subtree" })
  @ApiCreatedResponse({ type: UserDto })
  @ApiForbiddenResponse({ type: ErrorBodyDto, description: 'Only admins create users' })
  @ApiConflictResponse({ type: ErrorBodyDto, description: 'The username is taken (details: field username, rule unique)' })
  create(@CurrentActor() actor: Actor, @Body() dto: CreateUserDto): Promise<UserView> {
    return this.users.create(actor, dto);
  }

  @Get()
  @ApiOperation({ summary: "List users of my subtree: search, filters, sort" })
  @ApiOkResponse({ type: UserPageDto, description: 'Active accounts by display name unless filtered or sorted otherwise' })
  @ApiForbiddenResponse({ type: ErrorBodyDto, description: 'Officers cannot list users (they read their own account at GET /users/{id} or /auth/me)' })
  async list(@CurrentActor() actor: Actor, @Query() query: UsersQueryDto): Promise<Page<UserView>> {
    const { role, unitId, q, disabled, includeDisabled } = query;
    const sort = toSortOrder<UserSortField>(query.sort, USER_DEFAULT_SORT);
    return toPage(query, await this.users.list(actor, { role, unitId, q, disabled, includeDisabled, sort, limit: query.pageSize, offset: query.offset }));
  }

  @Get(':id')
  @ApiOperation({ summary: "One user" })
  @ApiOkResponse({ type: UserDto })
  @ApiForbiddenResponse({ type: ErrorBodyDto, description: 'Officers read only their own account' })
  get(@CurrentActor() actor: Actor, @UuidParam('id') id: string): Promise<UserView> {
    return this.users.get(actor, id);
  }

  @Patch(':id')
  @ApiOperation({ summary: "Change a user's name, role or unit" })
  @ApiOkResponse({ type: UserDto })
  @ApiForbiddenResponse({ type: ErrorBodyDto, description: 'Only admins change users; an admin cannot change their own role or unit' })
  update(@CurrentActor() actor: Actor, @UuidParam('id') id: string, @Body() dto: UpdateUserDto): Promise<UserView> {
    return this.users.update(actor, id, dto);
  }

  @Post(':id/disable')
  @ApiOperation({ summary: "Disable a user (their sessions end at once)" })
  @HttpCode(200)
  @ApiOkResponse({ type: UserDto, description: "Disabled at once: the user's tokens stop working" })
  @ApiForbiddenResponse({ type: ErrorBodyDto, description: 'Only admins disable users, never themselves' })
  disable(@CurrentActor() actor: Actor, @UuidParam('id') id: string): Promise<UserView> {
    return this.users.disable(actor, id);
  }

  @Post(':id/enable')
  @ApiOperation({ summary: "Enable a disabled user" })
  @HttpCode(200)
  @ApiOkResponse({ type: UserDto })
  @ApiForbiddenResponse({ type: ErrorBodyDto, description: 'Only admins enable users' })
  enable(@CurrentActor() actor: Actor, @UuidParam('id') id: string): Promise<UserView> {
    return this.users.enable(actor, id);
  }

  @Post(':id/password')
  @ApiOperation({ summary: "Set a new password for a user" })
  @HttpCode(204)
  @ApiNoContentResponse({ description: "Password set; the user's sessions are ended" })
  @ApiForbiddenResponse({ type: ErrorBodyDto, description: 'Only admins reset passwords, not their own (use POST /auth/password)' })
  async resetPassword(@CurrentActor() actor: Actor, @UuidParam('id') id: string, @Body() dto: ResetPasswordDto): Promise<void> {
    await this.users.resetPassword(actor, id, dto.password);
  }
}
