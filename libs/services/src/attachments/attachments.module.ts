import { Module } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '#config/index.js';
import { AttachmentRepository } from '#persistence/repositories/attachment.repository.js';
import { AttachmentsService } from './attachments.service.js';
import { FILE_STORE } from './file-store.js';
import { LocalDiskFileStore } from './local-disk-file-store.js';

/** Uploads and their bytes. The file store is chosen here; the local disk is the default. */
@Module({
  providers: [
    AttachmentRepository,
    AttachmentsService,
    { provide: FILE_STORE, inject: [APP_CONFIG], useFactory: (config: AppConfig) => new LocalDiskFileStore(config.storageDir) },
  ],
  exports: [AttachmentsService, AttachmentRepository, FILE_STORE],
})
export class AttachmentsModule {}
