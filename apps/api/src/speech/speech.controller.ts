import { Body, Controller, Header, HttpCode, Post, StreamableFile } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiForbiddenResponse,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiTags,
  ApiTooManyRequestsResponse,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import type { Actor } from '#domain/index.js';
import { SpeechPreviewService } from '#loudspeaker/speech/speech-preview.service.js';
import { CurrentActor } from '../auth/current-actor.decorator.js';
import { ErrorBodyDto } from '../http/error-body.dto.js';
import { SpeechPreviewDto, WAV_SCHEMA } from './speech.dto.js';

@ApiTags('speech')
@ApiBearerAuth()
@Controller('api/v1/speech')
export class SpeechController {
  constructor(private readonly speech: SpeechPreviewService) {}

  @Post('preview')
  @HttpCode(200)
  @Header('Cache-Control', 'no-store')
  @ApiOperation({ summary: 'Speaks a text as the loudspeakers will ("Nghe thử"); answers a WAV' })
  @ApiProduces('audio/wav')
  @ApiOkResponse({ description: 'The speech, in the chosen voice', schema: WAV_SCHEMA })
  @ApiBadRequestResponse({ type: ErrorBodyDto, description: 'text empty or longer than 2,000 characters, or an unknown voice' })
  @ApiUnauthorizedResponse({ type: ErrorBodyDto, description: 'No valid bearer token' })
  @ApiForbiddenResponse({ type: ErrorBodyDto, description: 'Only officers and supervisors' })
  @ApiTooManyRequestsResponse({ type: ErrorBodyDto, description: 'Other previews are being spoken; Retry-After says when to try again' })
  async preview(@CurrentActor() actor: Actor, @Body() dto: SpeechPreviewDto): Promise<StreamableFile> {
    const speech = await this.speech.preview(actor, dto.text, dto.voice);
    return new StreamableFile(speech.wav, { type: 'audio/wav', length: speech.wav.length, disposition: 'inline; filename="nghe-thu.wav"' });
  }
}
