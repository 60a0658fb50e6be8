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
  ApiTags,
} from '@nestjs/swagger';
import type { Actor } from '../../../../libs/domain/src/index.js';
import { UsersService } from '../../../../libs/services/src/users/users.service.js';
import type { UserView } from '../../../../libs/services/src/users/user-view.js';
import { CurrentActor } from '../auth/current-actor.decorator.js';
import { toPage, type Page } from '../http/pagination.dto.js';
import { UuidParam } from '../http/route-params.js';
import { CreateUserDto, ResetPasswordDto, UpdateUserDto, UserDto, UserPageDto, UsersQueryDto } from './users.dto.js';

/** Accounts of the caller's subtree. A user or unit outside it answers 404, as if it did not exist. */
@ApiTags('users')
@ApiBearerAuth()
@ApiNotFoundResponse({ description: "The user (or unit) does not exist in the caller's subtree" })
@ApiBadRequestResponse({ description: 'A field or parameter breaks a rule; details name the field and the rule' })
@Controller('api/v1/users')
export class UsersController {
  constructor(private readonly users: UsersService) {}

  @Post()
  @ApiCreatedResponse({ type: UserDto })
  @ApiForbiddenResponse({ description: 'Only admins create users' })
  @ApiConflictResponse({ description: 'The username is taken (details: field username, rule unique)' })
  create(@CurrentActor() actor: Actor, @Body() dto: CreateUserDto): Promise<UserView> {
    return this.users.create(actor, dto);
  }

  @Get()
  @ApiOkResponse({ type: UserPageDto })
  @ApiForbiddenResponse({ description: 'Officers cannot list users (they read their own account at GET /users/{id} or /auth/me)' })
  async list(@CurrentActor() actor: Actor, @Query() query: UsersQueryDto): Promise<Page<UserView>> {
    const { role, unitId, q, includeDisabled } = query;
    return toPage(query, await this.users.list(actor, { role, unitId, q, includeDisabled, limit: query.pageSize, offset: query.offset }));
  }

  @Get(':id')
  @ApiOkResponse({ type: UserDto })
  @ApiForbiddenResponse({ description: 'Officers read only their own account' })
  get(@CurrentActor() actor: Actor, @UuidParam('id') id: string): Promise<UserView> {
    return this.users.get(actor, id);
  }

  @Patch(':id')
  @ApiOkResponse({ type: UserDto })
  @ApiForbiddenResponse({ description: 'Only admins change users; an admin cannot change their own role or unit' })
  update(@CurrentActor() actor: Actor, @UuidParam('id') id: string, @Body() dto: UpdateUserDto): Promise<UserView> {
    return this.users.update(actor, id, dto);
  }

  @Post(':id/disable')
  @HttpCode(200)
  @ApiOkResponse({ type: UserDto, description: "Disabled at once: the user's tokens stop working" })
  @ApiForbiddenResponse({ description: 'Only admins disable users, never themselves' })
  disable(@CurrentActor() actor: Actor, @UuidParam('id') id: string): Promise<UserView> {
    return this.users.disable(actor, id);
  }

  @Post(':id/enable')
  @HttpCode(200)
  @ApiOkResponse({ type: UserDto })
  @ApiForbiddenResponse({ description: 'Only admins enable users' })
  enable(@CurrentActor() actor: Actor, @UuidParam('id') id: string): Promise<UserView> {
    return this.users.enable(actor, id);
  }

  @Post(':id/password')
  @HttpCode(204)
  @ApiNoContentResponse({ description: "Password set; the user's sessions are ended" })
  @ApiForbiddenResponse({ description: 'Only admins reset passwords, not their own (use POST /auth/password)' })
  async resetPassword(@CurrentActor() actor: Actor, @UuidParam('id') id: string, @Body() dto: ResetPasswordDto): Promise<void> {
    await this.users.resetPassword(actor, id, dto.password);
  }
}
