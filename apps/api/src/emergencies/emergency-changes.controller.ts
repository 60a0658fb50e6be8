import { Body, Controller, Get, HttpCode, Ip, Post } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiConflictResponse,
  ApiForbiddenResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiTooManyRequestsResponse,
} from '@nestjs/swagger';
import type { Actor } from '#domain/index.js';
import { EmergencyChangesService } from '#services/emergencies/emergency-changes.service.js';
import { CurrentActor } from '../auth/current-actor.decorator.js';
import { ErrorBodyDto } from '../http/error-body.dto.js';
import { UuidParam } from '../http/route-params.js';
import { CancelEmergencyDto, EmergencyChangeDto, EmergencyWithChangesDto, UpdateEmergencyDto } from './emergency-changes.dto.js';

@ApiTags('emergencies')
@ApiBearerAuth()
@ApiBadRequestResponse({ type: ErrorBodyDto, description: 'details name each refused field and rule' })
@ApiForbiddenResponse({ type: ErrorBodyDto, description: 'Not a supervisor' })
@ApiNotFoundResponse({ type: ErrorBodyDto, description: "Not in the caller's subtree" })
@ApiTooManyRequestsResponse({ type: ErrorBodyDto, description: 'Too many wrong passwords' })
@Controller('api/v1/emergencies')
export class EmergencyChangesController {
  constructor(private readonly changes: EmergencyChangesService) {}

  @Get(':id/changes')
  @ApiOperation({ summary: 'The updates and the cancellation of an emergency, oldest first' })
  @ApiOkResponse({ type: [EmergencyChangeDto] })
  list(@CurrentActor() actor: Actor, @UuidParam('id') id: string) {
    return this.changes.list(actor, id);
  }

  @Post(':id/cancel')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Cancel an emergency everywhere, confirmed with the password',
    description:
      'A waiting emergency is withdrawn (nothing sent). One that went out: loudspeaker items leave the playlists and stations holding them get a `stop` event, ' +
      'board slides go, social posts are deleted, SMS not yet handed over are cancelled and the phones that received it get one "Hủy bỏ thông báo" SMS.',
  })
  @ApiOkResponse({ type: EmergencyWithChangesDto })
  @ApiConflictResponse({ type: ErrorBodyDto, description: 'Already cancelled (nothing is sent again)' })
  cancel(@CurrentActor() actor: Actor, @UuidParam('id') id: string, @Body() dto: CancelEmergencyDto, @Ip() ip: string) {
    return this.changes.cancelConfirmed(actor, id, dto.reason || null, dto.password, ip);
  }

  @Post(':id/update')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Replace the content of an emergency that went out, confirmed with the password',
    description:
      'A new message version (renditions derived as at send) replaces it wherever it is still to be shown or played: loudspeaker items not yet played, ' +
      'board slides, published posts (edited), SMS not yet handed over, future repetitions; the phones that received it get one "Cập nhật thông báo" SMS.',
  })
  @ApiOkResponse({ type: EmergencyWithChangesDto })
  @ApiConflictResponse({ type: ErrorBodyDto, description: 'Cancelled, or not sent yet' })
  update(@CurrentActor() actor: Actor, @UuidParam('id') id: string, @Body() dto: UpdateEmergencyDto, @Ip() ip: string) {
    return this.changes.updateConfirmed(actor, id, { title: dto.title, body: dto.body }, dto.password, ip);
  }
}
