import { Body, Controller, Delete, Get, Header, HttpCode, Post, Put, StreamableFile } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiForbiddenResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiTags,
  ApiTooManyRequestsResponse,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import type { Actor } from '#domain/index.js';
import { SpeechPreviewService } from '#loudspeaker/speech/speech-preview.service.js';
import { SpeechSettingsService, type SpeechVoicesView, type UnitSpeechSettingView } from '#loudspeaker/speech/speech-settings.service.js';
import { CurrentActor } from '../auth/current-actor.decorator.js';
import { ErrorBodyDto } from '../http/error-body.dto.js';
import { UuidParam } from '../http/route-params.js';
import { SpeechPreviewDto, SpeechSettingDto, SpeechVoicesDto, UnitSpeechSettingDto, WAV_SCHEMA } from './speech.dto.js';

@ApiTags('speech')
@ApiBearerAuth()
@ApiUnauthorizedResponse({ type: ErrorBodyDto, description: 'No valid bearer token' })
@Controller('api/v1/speech')
export class SpeechController {
  constructor(
    private readonly speech: SpeechPreviewService,
    private readonly settings: SpeechSettingsService,
  ) {}

  @Post('preview')
  @HttpCode(200)
  @Header('Cache-Control', 'no-store')
  @ApiOperation({ summary: 'Speaks a text as the loudspeakers will ("Nghe thử"); answers a WAV' })
  @ApiProduces('audio/wav')
  @ApiOkResponse({ description: "The speech, in the chosen accent or the voice and speed of the caller's unit", schema: WAV_SCHEMA })
  @ApiBadRequestResponse({ type: ErrorBodyDto, description: 'text empty or longer than 2,000 characters, or an unknown voice' })
  @ApiForbiddenResponse({ type: ErrorBodyDto, description: 'Only officers and supervisors' })
  @ApiTooManyRequestsResponse({ type: ErrorBodyDto, description: 'Other previews are being spoken, or the speech service is slow; Retry-After says when to try again' })
  async preview(@CurrentActor() actor: Actor, @Body() dto: SpeechPreviewDto): Promise<StreamableFile> {
    const speech = await this.speech.preview(actor, dto.text, dto.voice);
    return new StreamableFile(speech.wav, { type: 'audio/wav', length: speech.wav.length, disposition: 'inline; filename="nghe-thu.wav"' });
  }

  @Get('voices')
  @ApiOperation({ summary: 'The voices of the active speech engine, by region and gender, and the speed range' })
  @ApiOkResponse({ type: SpeechVoicesDto })
  voices(): SpeechVoicesView {
    return this.settings.voices();
  }

  @Get('units/:id')
  @ApiOperation({ summary: "A unit's loudspeaker voice and speed: its own, else its nearest ancestor's, else the deployment default" })
  @ApiOkResponse({ type: UnitSpeechSettingDto })
  @ApiNotFoundResponse({ type: ErrorBodyDto, description: "The unit does not exist in the caller's subtree" })
  unitSetting(@CurrentActor() actor: Actor, @UuidParam('id') id: string): Promise<UnitSpeechSettingView> {
    return this.settings.get(actor, id);
  }

  @Put('units/:id')
  @ApiOperation({ summary: "Sets a unit's loudspeaker voice and speed (its subunits inherit it); new audio is rendered for later broadcasts" })
  @ApiOkResponse({ type: UnitSpeechSettingDto })
  @ApiBadRequestResponse({ type: ErrorBodyDto, description: 'The voice is not one of the active engine, or the speed is outside -3..3' })
  @ApiForbiddenResponse({ type: ErrorBodyDto, description: 'Only supervisors and admins' })
  @ApiNotFoundResponse({ type: ErrorBodyDto, description: "The unit does not exist in the caller's subtree" })
  setUnitSetting(@CurrentActor() actor: Actor, @UuidParam('id') id: string, @Body() dto: SpeechSettingDto): Promise<UnitSpeechSettingView> {
    return this.settings.set(actor, id, { voice: dto.voice, speed: dto.speed });
  }

  @Delete('units/:id')
  @ApiOperation({ summary: "Removes a unit's own voice and speed: it inherits again" })
  @ApiOkResponse({ type: UnitSpeechSettingDto })
  @ApiForbiddenResponse({ type: ErrorBodyDto, description: 'Only supervisors and admins' })
  @ApiNotFoundResponse({ type: ErrorBodyDto, description: "The unit does not exist in the caller's subtree" })
  clearUnitSetting(@CurrentActor() actor: Actor, @UuidParam('id') id: string): Promise<UnitSpeechSettingView> {
    return this.settings.clear(actor, id);
  }
}
