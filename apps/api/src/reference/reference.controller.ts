import { Controller, Get, Header } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
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
} from '../../../../libs/domain/src/index.js';
import { Public } from '../auth/public.decorator.js';
import { ContentModelDto } from './reference.dto.js';

const CONTENT_MODEL: ContentModelDto = {
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
  @Public()
  @Get('content-model')
  @Header('Cache-Control', 'public, max-age=3600')
  @ApiOkResponse({ type: ContentModelDto })
  contentModel(): ContentModelDto {
    return CONTENT_MODEL;
  }
}
