import { Body, Controller, HttpCode, Ip, Post, Req, Res } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiTooManyRequestsResponse,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import type { Request, Response } from 'express';
import type { Actor } from '#domain/index.js';
import { AccountService } from '#services/users/account.service.js';
import { TokenPairDto } from '../auth/auth.dto.js';
import { CurrentActor } from '../auth/current-actor.decorator.js';
import { deliverInCookie } from '../auth/refresh-cookie.js';
import { ErrorBodyDto } from '../http/error-body.dto.js';
import { ChangePasswordDto } from './account.dto.js';

/** The caller's own account. */
@ApiTags('auth')
@ApiBearerAuth()
@Controller('api/v1/auth')
export class AccountController {
  constructor(private readonly account: AccountService) {}

  @Post('password')
  @HttpCode(200)
  @ApiOperation({ summary: 'Change my password' })
  @ApiOkResponse({ type: TokenPairDto, description: 'A fresh session; every other refresh token of the account is revoked' })
  @ApiBadRequestResponse({ type: ErrorBodyDto, description: 'Wrong current password (field currentPassword) or a weak new password' })
  @ApiUnauthorizedResponse({ type: ErrorBodyDto, description: 'No valid bearer token' })
  @ApiTooManyRequestsResponse({
    type: ErrorBodyDto,
    headers: { 'Retry-After': { description: 'Seconds until another attempt is allowed', schema: { type: 'integer' } } },
    description: 'Too many wrong passwords; the message says how many minutes to wait',
  })
  async changePassword(
    @CurrentActor() actor: Actor,
    @Body() dto: ChangePasswordDto,
    @Ip() ip: string,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ): Promise<TokenPairDto> {
    const pair = await this.account.changePassword(actor, dto.currentPassword, dto.newPassword, ip);
    return dto.useCookie ? deliverInCookie(req, res, pair) : pair;
  }
}
