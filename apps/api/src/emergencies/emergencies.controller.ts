import { Body, Controller, Get, HttpCode, Ip, Post, Put, Query } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiForbiddenResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiTooManyRequestsResponse,
} from '@nestjs/swagger';
import type { Actor } from '#domain/index.js';
import { EmergenciesService } from '#services/emergencies/emergencies.service.js';
import type { EmergencyInput } from '#services/emergencies/emergency-planner.js';
import { EmergencyPolicyService } from '#services/emergencies/emergency-policy.service.js';
import { EmergencyPreviewService } from '#services/emergencies/emergency-preview.service.js';
import { CurrentActor } from '../auth/current-actor.decorator.js';
import { ErrorBodyDto } from '../http/error-body.dto.js';
import { toPage } from '../http/pagination.dto.js';
import { UuidParam } from '../http/route-params.js';
import { PasswordConfirmedAction } from './password-confirmed.decorator.js';
import { EmergencyDto, EmergencyPageDto, EmergencyPolicyDto, EmergencyPreviewDto } from './emergency-responses.dto.js';
import {
  ConfirmEmergencyDto,
  EmergencyDraftDto,
  EmergencyListQueryDto,
  EmergencyPolicyQueryDto,
  EmergencyPolicyUpdateDto,
  EmergencyRequestDto,
} from './emergencies.dto.js';

@ApiTags('emergencies')
@ApiBearerAuth()
@ApiBadRequestResponse({ type: ErrorBodyDto, description: 'details name each refused field and rule' })
@Controller('api/v1/emergencies')
export class EmergenciesController {
  constructor(
    private readonly emergencies: EmergenciesService,
    private readonly previews: EmergencyPreviewService,
    private readonly policies: EmergencyPolicyService,
  ) {}

  @Post('preview')
  @HttpCode(200)
  @ApiOperation({ summary: 'What an emergency will send: renditions, SMS parts and cost, recipients per channel, warnings; writes nothing' })
  @ApiOkResponse({ type: EmergencyPreviewDto })
  @ApiForbiddenResponse({ type: ErrorBodyDto, description: 'Not a supervisor' })
  preview(@CurrentActor() actor: Actor, @Body() dto: EmergencyDraftDto) {
    return this.previews.preview(actor, toInput(dto));
  }

  @Post()
  @ApiOperation({
    summary: 'Send an emergency in one action, confirmed with the password',
    description:
      "Writes the message, its approval and a broadcast of priority 'emergency' due now in one transaction, then starts it. " +
      'Where the province requires a second supervisor, it waits (status awaiting-second-supervisor, broadcast null) until another supervisor confirms it.',
  })
  @ApiCreatedResponse({ type: EmergencyDto })
  @ApiForbiddenResponse({ type: ErrorBodyDto, description: 'Not a supervisor' })
  @ApiTooManyRequestsResponse({ type: ErrorBodyDto, description: 'Too many wrong passwords' })
  send(@CurrentActor() actor: Actor, @Body() dto: EmergencyRequestDto, @Ip() ip: string) {
    return this.emergencies.send(actor, toInput(dto), dto.password, ip);
  }

  @Get()
  @ApiOperation({ summary: "Emergencies of the caller's subtree, newest first; status=awaiting-second-supervisor lists those waiting for confirmation" })
  @ApiOkResponse({ type: EmergencyPageDto })
  async list(@CurrentActor() actor: Actor, @Query() q: EmergencyListQueryDto) {
    return toPage(q, await this.emergencies.list(actor, { status: q.status, limit: q.pageSize, offset: q.offset }));
  }

  @Get('policy')
  @ApiOperation({ summary: "Whether the province requires a second supervisor to confirm emergencies (default: the caller's province)" })
  @ApiOkResponse({ type: EmergencyPolicyDto })
  @ApiNotFoundResponse({ type: ErrorBodyDto, description: "The province is not in the caller's subtree" })
  policy(@CurrentActor() actor: Actor, @Query() q: EmergencyPolicyQueryDto) {
    return this.policies.get(actor, q.provinceId);
  }

  @Put('policy')
  @ApiOperation({ summary: "Set whether the province requires a second supervisor; admins and supervisors of the province or above" })
  @ApiOkResponse({ type: EmergencyPolicyDto })
  @ApiForbiddenResponse({ type: ErrorBodyDto, description: 'An officer, or a supervisor below the province' })
  @ApiNotFoundResponse({ type: ErrorBodyDto, description: "The province is not in the caller's subtree" })
  setPolicy(@CurrentActor() actor: Actor, @Body() dto: EmergencyPolicyUpdateDto) {
    return this.policies.set(actor, dto.provinceId, dto.requireSecondSupervisor);
  }

  @Get(':id')
  @ApiOperation({ summary: 'One emergency with its broadcast once it went out' })
  @ApiOkResponse({ type: EmergencyDto })
  @ApiNotFoundResponse({ type: ErrorBodyDto, description: "Not in the caller's subtree" })
  get(@CurrentActor() actor: Actor, @UuidParam('id') id: string) {
    return this.emergencies.get(actor, id);
  }

  @Post(':id/confirm')
  @PasswordConfirmedAction('A second supervisor (not the author) confirms a waiting emergency with their password; it goes out at once', {
    forbidden: 'Not a supervisor, or the author',
    conflict: 'Already sent, or its message was edited since',
  })
  confirm(@CurrentActor() actor: Actor, @UuidParam('id') id: string, @Body() dto: ConfirmEmergencyDto, @Ip() ip: string) {
    return this.emergencies.confirm(actor, id, dto.password, ip);
  }
}

function toInput(dto: EmergencyDraftDto): EmergencyInput {
  return { title: dto.title, text: dto.text, unitIds: dto.unitIds, channels: dto.channels, renditions: dto.renditions, contentGroup: dto.contentGroup, repeat: dto.repeat };
}
