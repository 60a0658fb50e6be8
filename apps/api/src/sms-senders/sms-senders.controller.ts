import { Body, Controller, Delete, Get, HttpCode, Param, Put } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiForbiddenResponse,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiTags,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import type { Actor } from '#domain/index.js';
import type { SmsSenderProfile } from '#sms/repositories/sms-sender-profile.repository.js';
import { SmsSenderProfilesService } from '#sms/sms-sender-profiles.service.js';
import { CurrentActor } from '../auth/current-actor.decorator.js';
import { ErrorBodyDto } from '../http/error-body.dto.js';
import { UuidParam } from '../http/route-params.js';
import { PutSmsSenderProfileDto, SmsSenderProfileDto } from './sms-senders.dto.js';

const PROVIDER = { name: 'provider', description: 'SMS provider name, e.g. esms', example: 'esms', schema: { type: 'string', pattern: '^[a-z0-9-]{2,32}$' } } as const;

/**
 * A province's SMS brandname on a brandname gateway (eSMS): read by everyone in or above the province,
 * changed by its supervisors and administrators.
 */
@ApiTags('sms-senders')
@ApiBearerAuth()
@ApiNotFoundResponse({ type: ErrorBodyDto, description: 'No such province in reach, or it has no sender for this provider' })
@ApiBadRequestResponse({ type: ErrorBodyDto, description: 'A field breaks a rule, or the unit is not a province' })
@ApiUnauthorizedResponse({ type: ErrorBodyDto, description: 'No valid bearer token' })
@Controller('api/v1/sms-senders')
export class SmsSendersController {
  constructor(private readonly senders: SmsSenderProfilesService) {}

  @Get(':unitId/:provider')
  @ApiParam(PROVIDER)
  @ApiOperation({ summary: "A province's brandname, Unicode permission and registered templates on a provider" })
  @ApiOkResponse({ type: SmsSenderProfileDto })
  get(@CurrentActor() actor: Actor, @UuidParam('unitId') unitId: string, @Param('provider') provider: string): Promise<SmsSenderProfile> {
    return this.senders.get(actor, unitId, provider);
  }

  @Put(':unitId/:provider')
  @ApiParam(PROVIDER)
  @ApiOperation({ summary: "Sets a province's brandname, Unicode permission and registered templates on a provider" })
  @ApiOkResponse({ type: SmsSenderProfileDto })
  @ApiForbiddenResponse({ type: ErrorBodyDto, description: "Only the province's supervisors and administrators" })
  put(@CurrentActor() actor: Actor, @UuidParam('unitId') unitId: string, @Param('provider') provider: string, @Body() dto: PutSmsSenderProfileDto): Promise<SmsSenderProfile> {
    return this.senders.set(actor, unitId, { ...dto, provider });
  }

  @Delete(':unitId/:provider')
  @HttpCode(204)
  @ApiParam(PROVIDER)
  @ApiOperation({ summary: "Removes a province's sender on a provider (its SMS broadcasts are refused until one is set)" })
  @ApiNoContentResponse({ description: 'Removed' })
  @ApiForbiddenResponse({ type: ErrorBodyDto, description: "Only the province's supervisors and administrators" })
  remove(@CurrentActor() actor: Actor, @UuidParam('unitId') unitId: string, @Param('provider') provider: string): Promise<void> {
    return this.senders.remove(actor, unitId, provider);
  }
}
