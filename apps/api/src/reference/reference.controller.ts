import { Controller, Get, Header, Inject } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  AUDIENCES,
  CONTENT_GROUPS,
  INDEX_LABELS,
  INDICES,
  LIMITS,
  PRIORITIES,
  PRIORITY_LABELS,
  REFORM_AREAS,
  RENDITION_CHANNEL_LABELS,
  RENDITION_CHANNELS,
} from '#domain/index.js';
import { APP_CONFIG, type AppConfig } from '#config/index.js';
import { Public } from '../auth/public.decorator.js';
import { ContentModelDto } from './reference.dto.js';

const CONTENT_MODEL: Omit<ContentModelDto, 'sms' | 'uploads'> = {
  contentGroups: CONTENT_GROUPS.map(({ code, label }) => ({ code, label })),
  reformAreas: REFORM_AREAS.map(({ code, label }) => ({ code, label })),
  indices: INDICES.map((code) => ({ code, label: INDEX_LABELS[code] })),
  audiences: AUDIENCES.map(({ code, label }) => ({ code, label })),
  priorities: PRIORITIES.map((code) => ({ code, label: PRIORITY_LABELS[code] })),
  renditionChannels: RENDITION_CHANNELS.map((code) => ({ code, label: RENDITION_CHANNEL_LABELS[code] })),
  limits: { ...LIMITS },
};

/** The published content model of 1216/QĐ-BTTTT: public, as the feed and the boards label content with it too. */
@ApiTags('reference')
@Controller('api/v1/reference')
export class ReferenceController {
  private readonly model: ContentModelDto;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.model = {
      ...CONTENT_MODEL,
      sms: { pricePerPartVnd: config.sms.pricePerPartVnd, defaultMaxParts: config.sms.defaultMaxParts },
      uploads: { maxImageBytes: config.uploadMaxImageBytes, maxAudioBytes: config.uploadMaxAudioBytes },
    };
  }

  @Public()
  @Get('content-model')
  @Header('Cache-Control', 'public, max-age=3600')
  @ApiOkResponse({ type: ContentModelDto })
  @ApiOperation({ summary: 'The content model of 1216/QĐ-BTTTT: content groups, reform areas, priorities, channels, limits' })
  contentModel(): ContentModelDto {
    return this.model;
  }
}
