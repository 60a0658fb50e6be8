import { AdminUnitEntity } from './admin-unit.entity.js';
import { LoudspeakerAudioEntity, StationEntity, StationGroupEntity, StationPlaylistItemEntity, StationSlotEntity } from './station.entity.js';
import { AttachmentEntity } from './attachment.entity.js';
import { AuditEventEntity } from './audit-event.entity.js';
import { MessageVersionEntity } from './message-version.entity.js';
import { MessageEntity } from './message.entity.js';
import { RefreshTokenEntity } from './refresh-token.entity.js';
import { UserEntity } from './user.entity.js';
import { BroadcastEntity } from './broadcast.entity.js';
import { DeliveryReceiptEntity } from './delivery-receipt.entity.js';
import { DeliveryAttemptEntity, DeliveryEntity } from './delivery.entity.js';
import { OccurrenceEntity } from './occurrence.entity.js';
import { ChannelPolicyEntity, SandboxSmsEntity, SmsDailyCountEntity } from './sms-support.entity.js';
import { SubscriberImportEntity, SubscriberImportErrorEntity } from './subscriber-import.entity.js';
import { SubscriberEntity } from './subscriber.entity.js';
import { ChannelAccountEntity, SocialPostEntity } from './channel-account.entity.js';
import { BoardEntity, BoardSlideEntity } from './board.entity.js';
import { UnitSpeechSettingEntity } from './unit-speech-setting.entity.js';
import { EmergencyEntity, EmergencyPolicyEntity } from './emergency.entity.js';
import { EmergencyChangeEntity } from './emergency-change.entity.js';
import { CapMessageEntity } from './cap-message.entity.js';
import { SmsSenderProfileEntity } from './sms-sender-profile.entity.js';
import { UpperSystemEntity } from './upper-system.entity.js';
import { RelaySettingEntity, StationRelayEntity, SystemPushEntity } from './relay.entity.js';
import { CommunicationPlanEntity, PlanTargetEntity, PlanTargetOverrideEntity } from './communication-plan.entity.js';
import { CommunicationActivityEntity } from './communication-activity.entity.js';
import {
  ReportDailyEntity,
  ReportDeliveryCountEntity,
  ReportReachChangeEntity,
  ReportReachEntity,
  ReportRollupStateEntity,
  ReportSettlementEntity,
  ReportSmsPartsEntity,
} from './report.entity.js';

export { AdminUnitEntity, AttachmentEntity, AuditEventEntity, MessageEntity, MessageVersionEntity, RefreshTokenEntity, UserEntity };
export { BroadcastEntity, ChannelPolicyEntity, DeliveryAttemptEntity, DeliveryEntity, OccurrenceEntity, SandboxSmsEntity };
export { DeliveryReceiptEntity, SmsDailyCountEntity, SubscriberEntity, SubscriberImportEntity, SubscriberImportErrorEntity };
export { BROADCAST_STATUSES, type BroadcastSchedule, type BroadcastStatus, type BroadcastTargets } from './broadcast.entity.js';
export type { OccurrenceStatus } from './occurrence.entity.js';
export { DELIVERY_STATUSES, type DeliveryStatus } from './delivery.entity.js';
export type { Renditions } from './message-version.entity.js';
export type { AttachmentKind } from './attachment.entity.js';
export { BoardEntity, BoardSlideEntity };

export { ChannelAccountEntity, SocialPostEntity };
export { CHANNEL_ACCOUNT_STATUSES, SOCIAL_PLATFORMS, type ChannelAccountStatus, type SocialPlatform } from './channel-account.entity.js';

export { LoudspeakerAudioEntity, StationEntity, StationGroupEntity, StationPlaylistItemEntity, StationSlotEntity };
export type { StationKind } from './station.entity.js';
export { UnitSpeechSettingEntity };
export { SmsSenderProfileEntity };
export { CommunicationActivityEntity, CommunicationPlanEntity, PlanTargetEntity, PlanTargetOverrideEntity };

export {
  ReportDailyEntity,
  ReportDeliveryCountEntity,
  ReportReachChangeEntity,
  ReportReachEntity,
  ReportRollupStateEntity,
  ReportSettlementEntity,
  ReportSmsPartsEntity,
};

export const ENTITIES = [
  AdminUnitEntity,
  UserEntity,
  RefreshTokenEntity,
  MessageEntity,
  MessageVersionEntity,
  AttachmentEntity,
  AuditEventEntity,
  SubscriberEntity,
  SubscriberImportEntity,
  SubscriberImportErrorEntity,
  BroadcastEntity,
  OccurrenceEntity,
  DeliveryEntity,
  DeliveryAttemptEntity,
  SandboxSmsEntity,
  SmsDailyCountEntity,
  ChannelPolicyEntity,
  DeliveryReceiptEntity,
  BoardEntity,
  BoardSlideEntity,
  ChannelAccountEntity,
  SocialPostEntity,
  StationGroupEntity,
  StationEntity,
  StationSlotEntity,
  LoudspeakerAudioEntity,
  StationPlaylistItemEntity,
  UnitSpeechSettingEntity,
  SmsSenderProfileEntity,
  CommunicationPlanEntity,
  PlanTargetEntity,
  PlanTargetOverrideEntity,
  CommunicationActivityEntity,
  ReportSettlementEntity,
  ReportDeliveryCountEntity,
  ReportReachChangeEntity,
  ReportDailyEntity,
  ReportReachEntity,
  ReportSmsPartsEntity,
  ReportRollupStateEntity,
  EmergencyEntity,
  EmergencyPolicyEntity,
  EmergencyChangeEntity,
  CapMessageEntity,
  UpperSystemEntity,
  RelaySettingEntity,
  StationRelayEntity,
  SystemPushEntity,
];
export { EmergencyEntity, EmergencyPolicyEntity };
export { EmergencyChangeEntity, EMERGENCY_CHANGE_KINDS, type EmergencyChangeKind } from './emergency-change.entity.js';
export { EMERGENCY_AUTHORISATIONS, EMERGENCY_STATUSES, type EmergencyAuthorisation, type EmergencyStatus } from './emergency.entity.js';
export { CapMessageEntity, CAP_MESSAGE_DIRECTIONS, CAP_MESSAGE_SOURCES, type CapMessageDirection, type CapMessageSource } from './cap-message.entity.js';
