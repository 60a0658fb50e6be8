import { Controller, Get, Query, Res } from '@nestjs/common';
import { ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { CAP_MIME_TYPE } from '#emergencies/cap/index.js';
import { CapExportService, type CapDocument } from '#services/emergencies/cap-export.service.js';
import { Public } from '../auth/public.decorator.js';
import { FeedQueryDto } from '../feeds/feeds.dto.js';
import { UuidParam } from '../http/route-params.js';

/** Public, like the web feed: alerting systems and readers poll these; caches may keep them a minute. */
const CACHE = 'public, max-age=60, stale-while-revalidate=120';

@ApiTags('public feed')
@Public()
@Controller()
export class CapFeedsController {
  constructor(private readonly exports: CapExportService) {}

  @Get('feeds/units/:unitId/cap.atom')
  @ApiProduces('application/atom+xml')
  @ApiOperation({ summary: 'Atom index of the CAP 1.2 messages over a unit (targets at or above it); subtree=1 adds those under it' })
  @ApiOkResponse({ description: 'Atom XML; each entry links to its CAP document', schema: { type: 'string' } })
  @ApiNotFoundResponse({ description: 'Unknown unit' })
  async feed(@UuidParam('unitId') unitId: string, @Query() q: FeedQueryDto, @Res({ passthrough: true }) res: Response) {
    return send(res, 'application/atom+xml; charset=utf-8', await this.exports.unitFeed(unitId, q.subtree === '1'));
  }

  @Get('public/cap/alerts/:id')
  @ApiProduces(CAP_MIME_TYPE)
  @ApiOperation({ summary: 'One CAP 1.2 message issued by tincoso (an Alert, Update or Cancel), as its feed entry links it' })
  @ApiOkResponse({ description: 'CAP 1.2 XML', schema: { type: 'string' } })
  @ApiNotFoundResponse({ description: 'No such message' })
  async alert(@UuidParam('id') id: string, @Res({ passthrough: true }) res: Response) {
    return send(res, `${CAP_MIME_TYPE}; charset=utf-8`, await this.exports.alertDocument(id));
  }

  @Get('public/cap/emergencies/:id')
  @ApiProduces(CAP_MIME_TYPE)
  @ApiOperation({ summary: "An emergency's latest CAP 1.2 message (its Alert, or its last Update or Cancel); 404 until it has gone out" })
  @ApiOkResponse({ description: 'CAP 1.2 XML', schema: { type: 'string' } })
  @ApiNotFoundResponse({ description: 'No such emergency, or not gone out' })
  async emergency(@UuidParam('id') id: string, @Res({ passthrough: true }) res: Response) {
    return send(res, `${CAP_MIME_TYPE}; charset=utf-8`, await this.exports.emergencyDocument(id));
  }
}

function send(res: Response, type: string, doc: CapDocument): string {
  res.setHeader('Content-Type', type);
  res.setHeader('Cache-Control', CACHE);
  if (doc.lastModified.getTime() > 0) res.setHeader('Last-Modified', doc.lastModified.toUTCString());
  return doc.body;
}
