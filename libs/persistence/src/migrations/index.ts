import { Extensions1763700000000 } from './1763700000000-extensions.js';
import { Schema1795240505857 } from './1795240505857-schema.js';
import { TreeSearchAudit1795240505900 } from './1795240505900-tree-search-audit.js';
import { Engine1795241074153 } from './1795241074153-engine.js';
import { EnginePolicy1795241074200 } from './1795241074200-engine-policy.js';
import { Receipts1795241216002 } from './1795241216002-receipts.js';
import { Loudspeakers1795250000000 } from './1795250000000-loudspeakers.js';
import { Boards1795260000000 } from './1795260000000-boards.js';
import { Social1795270000000 } from './1795270000000-social.js';
import { SocialSchedule1795280000000 } from './1795280000000-social-schedule.js';
import { BroadcastOutcome1795310000000 } from './1795310000000-broadcast-outcome.js';
import { AuditActor1795320000000 } from './1795320000000-audit-actor.js';
import { MessageSearch1795330000000 } from './1795330000000-message-search.js';
import { SubscriberSearchProgress1795330100000 } from './1795330100000-subscriber-search-progress.js';
import { UnitSpeechSetting1795420000000 } from './1795420000000-unit-speech-setting.js';
import { DeliveryFailureReason1795430000000 } from './1795430000000-delivery-failure-reason.js';
import { DeliveryFailureReasonBackfill1795430000100 } from './1795430000100-delivery-failure-reason-backfill.js';
import { SmsSenderProfile1795410000000 } from './1795410000000-sms-sender-profile.js';
import { ReportRollup1795440000000 } from './1795440000000-report-rollup.js';
import { ReportSmsSettle1795530000000 } from './1795530000000-report-sms-settle.js';
import { PlansActivities1795450000000 } from './1795450000000-plans-activities.js';
import { ReportDeliveryCounts1795460000000 } from './1795460000000-report-delivery-counts.js';
import { ReportPlanScopes1795470000000 } from './1795470000000-report-plan-scopes.js';
import { Emergencies1795480000000 } from './1795480000000-emergencies.js';
import { EmergencyChanges1795490000000 } from './1795490000000-emergency-changes.js';
import { CapMessages1795500000000 } from './1795500000000-cap-messages.js';
import { UpperSystems1795510000000 } from './1795510000000-upper-systems.js';
import { Relays1795511000000 } from './1795511000000-relays.js';
import { MessageSearchMetadata1795340000000 } from './1795340000000-message-search-metadata.js';

/** Every migration, in order. Generated ones are read and edited before they are committed. */
import { OccurrencePlannedChannels1795550000000 } from './1795550000000-occurrence-planned-channels.js';
import { DeliveryPartitions1795520000000 } from './1795520000000-delivery-partitions.js';
import { ReportReachLiveBefore1795560000000 } from './1795560000000-report-reach-live-before.js';
import { EmergencyChangePropagated1795570000000 } from './1795570000000-emergency-change-propagated.js';

export const MIGRATIONS = [
  Extensions1763700000000,
  Schema1795240505857,
  TreeSearchAudit1795240505900,
  Engine1795241074153,
  EnginePolicy1795241074200,
  Receipts1795241216002,
  Boards1795260000000,
  Social1795270000000,
  Loudspeakers1795250000000,
  SocialSchedule1795280000000,
  BroadcastOutcome1795310000000,
  AuditActor1795320000000,
  MessageSearch1795330000000,
  SubscriberSearchProgress1795330100000,
  MessageSearchMetadata1795340000000,
  UnitSpeechSetting1795420000000,
  DeliveryFailureReason1795430000000,
  DeliveryFailureReasonBackfill1795430000100,
  SmsSenderProfile1795410000000,
  ReportRollup1795440000000,
  PlansActivities1795450000000,
  ReportDeliveryCounts1795460000000,
  ReportPlanScopes1795470000000,
  Emergencies1795480000000,
  EmergencyChanges1795490000000,
  CapMessages1795500000000,
  UpperSystems1795510000000,
  Relays1795511000000,
  OccurrencePlannedChannels1795550000000,
  DeliveryPartitions1795520000000,
  ReportSmsSettle1795530000000,
  ReportReachLiveBefore1795560000000,
  EmergencyChangePropagated1795570000000,
];
