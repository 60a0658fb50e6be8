import { Body, Controller, Get, HttpCode, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Actor } from '#domain/index.js';
import { ChannelAccountsService } from '#social/channel-accounts.service.js';
import { CurrentActor } from '../auth/current-actor.decorator.js';
import { toPage } from '../http/pagination.dto.js';
import { UuidParam } from '../http/route-params.js';
import { ChannelAccountListQueryDto, ChannelAccountPageDto, ChannelAccountResponseDto, ConnectionCheckDto, CreateChannelAccountDto, ReconnectChannelAccountDto, UpdateChannelAccountDto } from './channel-account.dto.js';

/** Zalo OA and Facebook Page accounts of units. Tokens go in, never come out. */
@ApiTags('channel-accounts')
@ApiBearerAuth()
@Controller('api/v1/channel-accounts')
export class ChannelAccountsController {
  constructor(private readonly accounts: ChannelAccountsService) {}

  @Post()
  @ApiCreatedResponse({ type: ChannelAccountResponseDto })
  @ApiOperation({ summary: 'Connects a Zalo OA or Facebook Page account to a unit' })
  @ApiNotFoundResponse({ description: "The unit does not exist in the caller's subtree" })
  create(@CurrentActor() actor: Actor, @Body() dto: CreateChannelAccountDto) {
    return this.accounts.create(actor, { ...dto, accessExpiresAt: dto.accessExpiresAt ? new Date(dto.accessExpiresAt) : undefined });
  }

  @Get()
  @ApiOperation({ summary: 'Channel accounts of the subtree' })
  @ApiOkResponse({ type: ChannelAccountPageDto })
  async list(@CurrentActor() actor: Actor, @Query() q: ChannelAccountListQueryDto) {
    return toPage(q, await this.accounts.list(actor, { platform: q.platform, limit: q.pageSize, offset: q.offset }));
  }

  @Get(':id')
  @ApiOkResponse({ type: ChannelAccountResponseDto })
  @ApiOperation({ summary: 'A channel account (never its tokens)' })
  @ApiNotFoundResponse({ description: "Not in the caller's subtree" })
  get(@CurrentActor() actor: Actor, @UuidParam('id') id: string) {
    return this.accounts.get(actor, id);
  }

  @Patch(':id')
  @ApiOkResponse({ type: ChannelAccountResponseDto })
  @ApiOperation({ summary: 'Renames a channel account or changes whether it may broadcast' })
  @ApiNotFoundResponse({ description: "Not in the caller's subtree" })
  update(@CurrentActor() actor: Actor, @UuidParam('id') id: string, @Body() dto: UpdateChannelAccountDto) {
    return this.accounts.update(actor, id, dto);
  }

  /** New tokens after the platform's login flow; the account becomes active again. */
  @Post(':id/reconnect')
  @HttpCode(200)
  @ApiOkResponse({ type: ChannelAccountResponseDto })
  @ApiOperation({ summary: "Stores new tokens after the platform's login flow" })
  @ApiNotFoundResponse({ description: "Not in the caller's subtree" })
  reconnect(@CurrentActor() actor: Actor, @UuidParam('id') id: string, @Body() dto: ReconnectChannelAccountDto) {
    return this.accounts.reconnect(actor, id, { ...dto, accessExpiresAt: dto.accessExpiresAt ? new Date(dto.accessExpiresAt) : undefined });
  }

  /** "Check connection": calls the platform with the stored token; a rejected token flags the account. */
  @Post(':id/check')
  @HttpCode(200)
  @ApiOkResponse({ type: ConnectionCheckDto })
  @ApiOperation({ summary: 'Checks the connection with the platform using the stored token' })
  @ApiNotFoundResponse({ description: "Not in the caller's subtree" })
  check(@CurrentActor() actor: Actor, @UuidParam('id') id: string) {
    return this.accounts.check(actor, id);
  }
}
