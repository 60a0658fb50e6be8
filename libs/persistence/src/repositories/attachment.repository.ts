import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import type { MediaKind, UnitScope } from '#domain/index.js';

export interface AttachmentView {
  id: string;
  unitId: string;
  kind: MediaKind;
  contentType: string;
  sizeBytes: number;
  sha256: string;
  originalName: string;
  uploadedBy: string;
  createdAt: Date;
}

/** An attachment with where its bytes are, for streaming; the storage key never leaves the server. */
export interface StoredAttachment extends AttachmentView {
  storageKey: string;
}

export interface NewAttachment {
  unitId: string;
  uploadedBy: string;
  kind: MediaKind;
  contentType: string;
  sizeBytes: number;
  sha256: string;
  storageKey: string;
  originalName: string;
}

const VIEW_COLUMNS = `a.id, a.unit_id AS "unitId", a.kind, a.content_type AS "contentType", a.size_bytes::float8 AS "sizeBytes",
  a.sha256, a.original_name AS "originalName", a.uploaded_by AS "uploadedBy", a.created_at AS "createdAt"`;
const STORED_COLUMNS = `${VIEW_COLUMNS}, a.storage_key AS "storageKey"`;

/** Uploaded files' metadata; reads are scoped by the unit the file was uploaded for. */
@Injectable()
export class AttachmentRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}


  async insert(input: NewAttachment, tx: EntityManager): Promise<AttachmentView> {
    const [row] = await tx.query(
      `INSERT INTO attachment AS a (unit_id, uploaded_by, kind, content_type, size_bytes, sha256, storage_key, original_name)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
       RETURNING ${VIEW_COLUMNS}`,
      [input.unitId, input.uploadedBy, input.kind, input.contentType, input.sizeBytes, input.sha256, input.storageKey, input.originalName],
    );
    return row;
  }

  async findInScope(scope: UnitScope, attachmentId: string): Promise<StoredAttachment | null> {
    const [row] = await this.db.query(
      `SELECT ${STORED_COLUMNS} FROM attachment a JOIN admin_unit au ON au.id = a.unit_id WHERE a.id = $1 AND au.path <@ $2::ltree`,
      [attachmentId, scope.unitPath],
    );
    return row ?? null;
  }

  /**
   * The attachments an approved version names, in the version's order (ids that match no row are
   * left out). For the engine, which acts for the version's unit: the ids were checked against that
   * unit's subtree when the version was saved.
   */
  async inOrder(attachmentIds: readonly string[]): Promise<StoredAttachment[]> {
    if (attachmentIds.length === 0) return [];
    return this.db.query(
      `SELECT ${STORED_COLUMNS} FROM unnest($1::uuid[]) WITH ORDINALITY AS x(id, n) JOIN attachment a ON a.id = x.id ORDER BY x.n`,
      [attachmentIds],
    );
  }

  /** Of the given ids, those that exist in the subtree under `unitPath`. */
  async existingIn(unitPath: string, attachmentIds: readonly string[], manager: EntityManager = this.db.manager): Promise<Set<string>> {
    if (attachmentIds.length === 0) return new Set();
    const rows: { id: string }[] = await manager.query(
      `SELECT a.id FROM attachment a JOIN admin_unit au ON au.id = a.unit_id WHERE a.id = ANY($1::uuid[]) AND au.path <@ $2::ltree`,
      [attachmentIds, unitPath],
    );
    return new Set(rows.map((r) => r.id));
  }
}
