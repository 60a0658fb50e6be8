import { Body, Controller, Get, HttpCode, Ip, Post, Req, Res } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiTooManyRequestsResponse,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import type { Request, Response } from 'express';
import type { Actor } from '#domain/index.js';
import { AuthService, type Profile } from '#services/auth/auth.service.js';
import { bearerToken } from '../http/bearer-token.js';
import { ErrorBodyDto } from '../http/error-body.dto.js';
import { LoginDto, LogoutDto, ProfileDto, RefreshDto, TokenPairDto } from './auth.dto.js';
import { CurrentActor } from './current-actor.decorator.js';
import { Public } from './public.decorator.js';
import { clearRefreshCookie, deliverInCookie, refreshCookieOf } from './refresh-cookie.js';

const RETRY_AFTER = { 'Retry-After': { description: 'Seconds until another attempt is allowed', schema: { type: 'integer' } } };

const BAD_BODY = { type: ErrorBodyDto, description: 'A field breaks a rule; details name the field and the rule' };

@ApiTags('auth')
@Controller('api/v1/auth')
export class AuthController {
  constructor(private readonly auth: AuthService) {}

  @Public()
  @Post('login')
  @ApiBadRequestResponse(BAD_BODY)
  @HttpCode(200)
  @ApiOperation({ summary: 'Sign in with username and password' })
  @ApiOkResponse({ type: TokenPairDto, description: 'With useCookie the refresh token is set as the `tincoso_refresh` cookie, not in the body' })
  @ApiUnauthorizedResponse({
    type: ErrorBodyDto,
    description: 'Wrong username or password; or, with the right password, a disabled account (details: field username, rule account-disabled)',
  })
  @ApiTooManyRequestsResponse({ type: ErrorBodyDto, headers: RETRY_AFTER, description: 'Too many failed attempts; the message says how many minutes to wait' })
  async login(
    @Body() dto: LoginDto,
    @Ip() ip: string,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ): Promise<TokenPairDto> {
    const pair = await this.auth.login(dto.username, dto.password, ip);
    return dto.useCookie ? deliverInCookie(req, res, pair) : pair;
  }

  @Public()
  @Post('refresh')
  @ApiBadRequestResponse(BAD_BODY)
  @HttpCode(200)
  @ApiOperation({ summary: 'Exchange a refresh token (body, else the cookie) for a new pair' })
  @ApiOkResponse({ type: TokenPairDto, description: 'A token from the cookie is rotated into the cookie; one from the body comes back in the body' })
  @ApiUnauthorizedResponse({ type: ErrorBodyDto, description: 'The refresh token is missing, expired, revoked or replayed; the cookie is cleared' })
  async refresh(@Body() dto: RefreshDto, @Req() req: Request, @Res({ passthrough: true }) res: Response): Promise<TokenPairDto> {
    if (dto.refreshToken) return this.auth.refresh(dto.refreshToken);
    try {
      return deliverInCookie(req, res, await this.auth.refresh(refreshCookieOf(req)));
    } catch (error) {
      clearRefreshCookie(req, res);
      throw error;
    }
  }

  @Public()
  @Post('logout')
  @ApiBadRequestResponse(BAD_BODY)
  @HttpCode(204)
  @ApiBearerAuth()
  @ApiOperation({ summary: 'Sign out: end this session, or every session of the user' })
  @ApiNoContentResponse({ description: 'The session (refresh token and the bearer token’s session) is revoked and the cookie cleared' })
  @ApiUnauthorizedResponse({ type: ErrorBodyDto, description: 'everywhere without a valid bearer token or live refresh token' })
  async logout(@Body() dto: LogoutDto, @Req() req: Request, @Res({ passthrough: true }) res: Response): Promise<void> {
    clearRefreshCookie(req, res);
    await this.auth.logout({ refreshToken: dto.refreshToken, accessToken: bearerToken(req.headers.authorization), everywhere: dto.everywhere ?? false });
  }

  @Get('me')
  @ApiBearerAuth()
  @ApiOperation({ summary: 'The signed-in user, their unit and its time zone' })
  @ApiOkResponse({ type: ProfileDto })
  @ApiUnauthorizedResponse({ type: ErrorBodyDto, description: 'No valid bearer token' })
  me(@CurrentActor() actor: Actor): Promise<Profile> {
    return this.auth.profile(actor);
  }
}
