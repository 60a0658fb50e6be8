import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsIn, IsInt, IsNotEmpty, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { TTS_REGIONS, TTS_SPEED_MAX, TTS_SPEED_MIN, type TtsRegion } from '#loudspeaker/tts/tts-engine.js';
import { SPEECH_ACCENTS, SPEECH_PREVIEW_MAX_CHARS, type SpeechAccent } from '#loudspeaker/speech/speech-voices.js';

export class SpeechPreviewDto {
  @ApiProperty({ maxLength: SPEECH_PREVIEW_MAX_CHARS, example: 'Kính thưa bà con, từ tháng này bà con có thể nộp hồ sơ đất đai trực tuyến.' })
  @Transform(({ value }) => (typeof value === 'string' ? value.normalize('NFC').trim() : value))
  @IsString()
  @IsNotEmpty()
  @MaxLength(SPEECH_PREVIEW_MAX_CHARS)
  text!: string;

  @ApiPropertyOptional({ enum: SPEECH_ACCENTS, enumName: 'SpeechAccent', description: "The accent (a voice of the active engine with it); defaults to the voice of the caller's unit" })
  @IsOptional()
  @IsIn(SPEECH_ACCENTS)
  voice?: SpeechAccent;
}

/** The answer is the WAV itself; this schema describes it for the OpenAPI document. */
export const WAV_SCHEMA = { type: 'string', format: 'binary', description: '16-bit PCM WAV (RIFF), mono' } as const;

export class SpeechVoiceDto {
  @ApiProperty({ example: 'banmai', description: 'What the engine is sent' })
  id!: string;

  @ApiProperty({ example: 'Ban Mai: nữ miền Bắc' })
  label!: string;

  @ApiProperty({ enum: TTS_REGIONS, enumName: 'SpeechRegion' })
  region!: TtsRegion;

  @ApiProperty({ enum: ['female', 'male'], enumName: 'SpeechGender' })
  gender!: 'female' | 'male';
}

export class SpeechSpeedRangeDto {
  @ApiProperty({ example: TTS_SPEED_MIN })
  min!: number;

  @ApiProperty({ example: TTS_SPEED_MAX })
  max!: number;

  @ApiProperty({ example: 0 })
  default!: number;
}

export class SpeechVoicesDto {
  @ApiProperty({ example: 'fpt-ai', description: 'The active speech engine (TTS_ENGINE)' })
  engine!: string;

  @ApiProperty({ example: 'banmai', description: "The deployment's default voice (LOUDSPEAKER_TTS_VOICE, else the engine's own)" })
  defaultVoice!: string;

  @ApiProperty({ type: SpeechSpeedRangeDto })
  speed!: SpeechSpeedRangeDto;

  @ApiProperty({ type: [SpeechVoiceDto] })
  voices!: SpeechVoiceDto[];
}

export class SpeechSettingDto {
  @ApiProperty({ example: 'lannhi', description: 'A voice id of the active engine (GET /api/v1/speech/voices)' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(64)
  voice!: string;

  @ApiProperty({ minimum: TTS_SPEED_MIN, maximum: TTS_SPEED_MAX, example: 0, description: '0 normal, -3 slowest, +3 fastest' })
  @IsInt()
  @Min(TTS_SPEED_MIN)
  @Max(TTS_SPEED_MAX)
  speed!: number;
}

export class EffectiveSpeechSettingDto {
  @ApiProperty({ example: 'lannhi' })
  voice!: string;

  @ApiProperty({ example: 0 })
  speed!: number;

  @ApiProperty({ enum: ['unit', 'ancestor', 'default'], enumName: 'SpeechSettingSource', description: "The unit's own, inherited from an ancestor, or the deployment's" })
  source!: 'unit' | 'ancestor' | 'default';

  @ApiProperty({ format: 'uuid', nullable: true, type: String, description: 'The unit the setting comes from; null for the default' })
  fromUnitId!: string | null;

  @ApiProperty({ nullable: true, type: String, example: 'Tỉnh Cà Mau' })
  fromUnitName!: string | null;
}

export class UnitSpeechSettingDto {
  @ApiProperty({ format: 'uuid' })
  unitId!: string;

  @ApiProperty({ example: 'fpt-ai', description: 'Settings are kept per engine; this is the active one' })
  engine!: string;

  @ApiProperty({ type: SpeechSettingDto, nullable: true, description: "The unit's own choice; null when it inherits" })
  own!: SpeechSettingDto | null;

  @ApiProperty({ type: EffectiveSpeechSettingDto, description: "What the unit's loudspeaker speech is read in" })
  effective!: EffectiveSpeechSettingDto;
}
