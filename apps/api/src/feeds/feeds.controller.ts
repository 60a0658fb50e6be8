import { Controller, Get, Query, Res, StreamableFile } from '@nestjs/common';
import { ApiBadRequestResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { FeedsService, type RenderedDocument } from '#services/feeds/feeds.service.js';
import { Public } from '../auth/public.decorator.js';
import { UuidParam } from '../http/route-params.js';
import { FeedQueryDto, MessagePageQueryDto } from './feeds.dto.js';

/** Public (no sign-in): feed readers and phones poll these; caches may keep them a few minutes. */
const CACHE = 'public, max-age=300, stale-while-revalidate=600';

@ApiTags('public feed')
@Public()
@Controller()
export class FeedsController {
  constructor(private readonly feeds: FeedsService) {}

  @Get('feeds/units/:unitId/rss.xml')
  @ApiProduces('application/rss+xml')
  @ApiOperation({ summary: "RSS 2.0 feed of a unit's published messages" })
  @ApiOkResponse({ description: 'RSS XML', schema: { type: 'string' } })
  @ApiNotFoundResponse({ description: 'Unknown unit' })
  async rss(@UuidParam('unitId') unitId: string, @Query() q: FeedQueryDto, @Res({ passthrough: true }) res: Response) {
    return send(res, 'application/rss+xml; charset=utf-8', await this.feeds.unitFeed(unitId, 'rss', q.subtree === '1'));
  }

  @Get('feeds/units/:unitId/atom.xml')
  @ApiProduces('application/atom+xml')
  @ApiOperation({ summary: "Atom feed of a unit's published messages" })
  @ApiOkResponse({ description: 'Atom XML', schema: { type: 'string' } })
  @ApiNotFoundResponse({ description: 'Unknown unit' })
  async atom(@UuidParam('unitId') unitId: string, @Query() q: FeedQueryDto, @Res({ passthrough: true }) res: Response) {
    return send(res, 'application/atom+xml; charset=utf-8', await this.feeds.unitFeed(unitId, 'atom', q.subtree === '1'));
  }

  @Get('public/messages/:id')
  @ApiProduces('text/html')
  @ApiOperation({ summary: 'The public page of a published message' })
  @ApiOkResponse({ description: 'HTML page', schema: { type: 'string' } })
  @ApiNotFoundResponse({ description: 'No such published message: an HTML page saying so', content: { 'text/html': { schema: { type: 'string' } } } })
  async message(@UuidParam('id') id: string, @Query() _q: MessagePageQueryDto, @Res({ passthrough: true }) res: Response) {
    return send(res, 'text/html; charset=utf-8', await this.feeds.messagePage(id));
  }

  @Get('public/messages/:id/images/:attachmentId')
  @ApiProduces('image/jpeg', 'image/png', 'image/webp')
  @ApiOperation({ summary: 'An image of a published message' })
  @ApiOkResponse({ description: 'The image bytes', schema: { type: 'string', format: 'binary' } })
  @ApiNotFoundResponse({ description: 'No such image of a published message' })
  @ApiBadRequestResponse({ description: 'An id is not a UUID' })
  async image(@UuidParam('id') id: string, @UuidParam('attachmentId') attachmentId: string, @Res({ passthrough: true }) res: Response) {
    const image = await this.feeds.messageImage(id, attachmentId);
    res.setHeader('Cache-Control', CACHE);
    res.setHeader('X-Content-Type-Options', 'nosniff');
    return new StreamableFile(image.content, { type: image.contentType, length: image.sizeBytes });
  }
}

function send(res: Response, type: string, doc: RenderedDocument): string {
  res.setHeader('Content-Type', type);
  if (doc.missing) {
    res.status(404).setHeader('Cache-Control', 'no-store');
    return doc.body;
  }
  res.setHeader('Cache-Control', CACHE);
  if (doc.lastModified.getTime() > 0) res.setHeader('Last-Modified', doc.lastModified.toUTCString());
  return doc.body;
}
