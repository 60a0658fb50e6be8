import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsIn, IsNotEmpty, IsOptional, IsString, MaxLength } from 'class-validator';
import { SPEECH_ACCENTS, SPEECH_PREVIEW_MAX_CHARS, type SpeechAccent } from '#loudspeaker/speech/speech-voices.js';

export class SpeechPreviewDto {
  @ApiProperty({ maxLength: SPEECH_PREVIEW_MAX_CHARS, example: 'Kính thưa bà con, từ tháng này bà con có thể nộp hồ sơ đất đai trực tuyến.' })
  @Transform(({ value }) => (typeof value === 'string' ? value.normalize('NFC').trim() : value))
  @IsString()
  @IsNotEmpty()
  @MaxLength(SPEECH_PREVIEW_MAX_CHARS)
  text!: string;

  @ApiPropertyOptional({ enum: SPEECH_ACCENTS, enumName: 'SpeechAccent', description: "The accent; defaults to the loudspeakers' configured voice" })
  @IsOptional()
  @IsIn(SPEECH_ACCENTS)
  voice?: SpeechAccent;
}

/** The answer is the WAV itself; this schema describes it for the OpenAPI document. */
export const WAV_SCHEMA = { type: 'string', format: 'binary', description: '16-bit PCM WAV (RIFF), mono' } as const;
