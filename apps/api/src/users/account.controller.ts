import { Body, Controller, HttpCode, Ip, Post } from '@nestjs/common';
import { ApiBadRequestResponse, ApiBearerAuth, ApiOkResponse, ApiTags, ApiTooManyRequestsResponse } from '@nestjs/swagger';
import type { Actor } from '../../../../libs/domain/src/index.js';
import type { TokenPair } from '../../../../libs/services/src/auth/auth.service.js';
import { AccountService } from '../../../../libs/services/src/users/account.service.js';
import { TokenPairDto } from '../auth/auth.dto.js';
import { CurrentActor } from '../auth/current-actor.decorator.js';
import { ChangePasswordDto } from './account.dto.js';

/** The caller's own account. */
@ApiTags('auth')
@ApiBearerAuth()
@Controller('api/v1/auth')
export class AccountController {
  constructor(private readonly account: AccountService) {}

  @Post('password')
  @HttpCode(200)
  @ApiOkResponse({ type: TokenPairDto, description: 'A fresh session; every other refresh token of the account is revoked' })
  @ApiBadRequestResponse({ description: 'Wrong current password (field currentPassword) or a weak new password' })
  @ApiTooManyRequestsResponse({ description: 'Too many wrong passwords; see Retry-After' })
  changePassword(@CurrentActor() actor: Actor, @Body() dto: ChangePasswordDto, @Ip() ip: string): Promise<TokenPair> {
    return this.account.changePassword(actor, dto.currentPassword, dto.newPassword, ip);
  }
}
