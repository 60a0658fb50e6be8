import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import type { MessageStatus, Priority } from '#domain/index.js';
import type { Renditions } from '../entities/index.js';

export interface MessageState {
  id: string;
  unitId: string;
  unitPath: string;
  status: MessageStatus;
  currentVersion: number;
  approvedVersion: number | null;
}

export interface VersionContent {
  versionNo: number;
  title: string;
  body: string;
  contentGroup: string;
  priority: Priority;
  renditions: Renditions;
  attachmentIds: string[];
}

/** What the broadcast engine reads of messages: their approval state and an approved version's content. */
@Injectable()
export class MessageContentRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async state(messageId: string, manager: EntityManager = this.db.manager): Promise<MessageState | null> {
    const [row] = await manager.query(
      `SELECT m.id, m.unit_id AS "unitId", u.path::text AS "unitPath", m.status, m.current_version AS "currentVersion",
              m.approved_version AS "approvedVersion"
         FROM message m JOIN admin_unit u ON u.id = m.unit_id WHERE m.id = $1`,
      [messageId],
    );
    return row ?? null;
  }

  async version(messageId: string, versionNo: number, manager: EntityManager = this.db.manager): Promise<VersionContent | null> {
    const [row] = await manager.query(
      `SELECT version_no AS "versionNo", title, body, content_group AS "contentGroup", priority, renditions,
              attachment_ids AS "attachmentIds"
         FROM message_version WHERE message_id = $1 AND version_no = $2`,
      [messageId, versionNo],
    );
    return row ?? null;
  }
}
