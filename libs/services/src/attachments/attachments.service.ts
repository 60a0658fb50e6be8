import type { Readable } from 'node:stream';
import { Inject, Injectable } from '@nestjs/common';
import { fileTypeFromBuffer } from 'file-type';
import { APP_CONFIG, type AppConfig } from '#config/index.js';
import { acceptUpload, assertCanAuthor, assertWholeImage, cleanFileName, InvalidInputError, NotFoundError, type Actor, type UploadLimits } from '#domain/index.js';
import { AuditRepository, TransactionRunner, UnitRepository } from '#persistence/index.js';
import { AttachmentRepository, type AttachmentView } from '#persistence/repositories/attachment.repository.js';
import { FILE_STORE, type FileStore } from './file-store.js';

export interface UploadedFile {
  buffer: Buffer;
  originalName: string;
}

@Injectable()
export class AttachmentsService {
  private readonly limits: UploadLimits;

  constructor(
    private readonly transactions: TransactionRunner,
    private readonly attachments: AttachmentRepository,
    private readonly units: UnitRepository,
    private readonly audit: AuditRepository,
    @Inject(FILE_STORE) private readonly store: FileStore,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.limits = { audioMaxBytes: config.uploadMaxAudioBytes, imageMaxBytes: config.uploadMaxImageBytes };
  }

  /**
   * Everything is checked before anything is written; the bytes are on disk before the row that
   * points at them is committed, so a row never names a missing file.
   */
  async upload(actor: Actor, file: UploadedFile | undefined, unitId: string | undefined): Promise<AttachmentView> {
    if (!file) {
      throw new InvalidInputError([{ field: 'file', rule: 'required', message: 'là bắt buộc (gửi tệp trong trường "file" của biểu mẫu)' }]);
    }
    assertCanAuthor(actor);
    const unit = await this.units.findInScope(actor, unitId ?? actor.unitId);
    if (!unit) throw new NotFoundError('unit');
    const sniffed = await fileTypeFromBuffer(file.buffer);
    const media = acceptUpload(sniffed, file.buffer.length, this.limits);
    if (sniffed && media.kind === 'image') assertWholeImage(sniffed.ext, file.buffer);
    const stored = await this.store.put(file.buffer);
    return this.transactions.run(async (tx) => {
      const attachment = await this.attachments.insert(
        {
          unitId: unit.id,
          uploadedBy: actor.userId,
          kind: media.kind,
          contentType: media.contentType,
          sizeBytes: stored.sizeBytes,
          sha256: stored.sha256,
          storageKey: stored.key,
          originalName: cleanFileName(file.originalName, 'tep-dinh-kem'),
        },
        tx,
      );
      await this.audit.append(
        {
          actorId: actor.userId,
          unitId: unit.id,
          unitPath: unit.path,
          entityType: 'attachment',
          entityId: attachment.id,
          action: 'upload',
          data: { kind: media.kind, contentType: media.contentType, sizeBytes: stored.sizeBytes, sha256: stored.sha256 },
        },
        tx,
      );
      return attachment;
    });
  }

  async get(actor: Actor, attachmentId: string): Promise<AttachmentView> {
    const { storageKey: _key, ...attachment } = await this.find(actor, attachmentId);
    return attachment;
  }

  async open(actor: Actor, attachmentId: string): Promise<{ attachment: AttachmentView; content: Readable }> {
    const { storageKey, ...attachment } = await this.find(actor, attachmentId);
    return { attachment, content: await this.store.open(storageKey) };
  }

  private async find(actor: Actor, attachmentId: string) {
    const attachment = await this.attachments.findInScope(actor, attachmentId);
    if (!attachment) throw new NotFoundError('attachment');
    return attachment;
  }
}
