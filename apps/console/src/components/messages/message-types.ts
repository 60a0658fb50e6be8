import type { components } from '../../api/schema';

type Schemas = components['schemas'];

/**
 * The message shapes the screens read, named once here from the API's schema (MessageDto, VersionDto, …);
 * MessageContent is what the editor form sends.
 */
export type MessageStatus = Schemas['MessageStatus'];
export type Priority = Schemas['Priority'];

export interface Renditions {
  sms?: string;
  loudspeaker?: string;
  social?: string;
  board?: { title: string; body: string };
}

export interface MessageContent {
  title: string;
  body: string;
  contentGroup: string;
  reformAreas: string[];
  indices: string[];
  audiences: string[];
  priority: Priority;
  renditions: Renditions;
  attachmentIds: string[];
}

export type VersionSummary = Schemas['VersionSummaryDto'];

export type VersionView = Schemas['VersionDto'];

export type MessageView = Schemas['MessageDto'];
export type MessageSummary = Schemas['MessageSummaryDto'];

export type AuditEvent = Schemas['AuditEventDto'];

export type Attachment = Schemas['AttachmentDto'];

export interface CodeLabel {
  code: string;
  label: string;
}

export type ContentModel = Schemas['ContentModelDto'];
