import { PickType } from '@nestjs/swagger';
import { SubscribersQueryDto } from '../subscribers/subscribers.dto.js';

/** The subscribers list's filters, without paging or sort: the file holds every match. */
export class SubscribersExportQueryDto extends PickType(SubscribersQueryDto, ['unitId', 'villageId', 'tag', 'q', 'optedOut'] as const) {}
