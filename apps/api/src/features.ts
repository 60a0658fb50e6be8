import { UsersApiModule } from './users/users-api.module.js';
import { LoudspeakersApiModule } from './loudspeakers/loudspeakers-api.module.js';
import { DevicesApiModule } from './devices/devices-api.module.js';
import { UnitsApiModule } from './units/units-api.module.js';
import { AttachmentsApiModule } from './attachments/attachments-api.module.js';
import { BroadcastsApiModule } from './broadcasts/broadcasts-api.module.js';
import { AuditApiModule } from './audit/audit-api.module.js';
import { MessagesApiModule } from './messages/messages-api.module.js';
import { ReferenceApiModule } from './reference/reference-api.module.js';
import { SubscribersApiModule } from './subscribers/subscribers-api.module.js';
import { BoardsApiModule } from './boards/boards-api.module.js';
import { ChannelAccountsApiModule } from './channel-accounts/channel-accounts-api.module.js';
import { FeedsApiModule } from './feeds/feeds-api.module.js';
import { CalendarApiModule } from './calendar/calendar-api.module.js';
import { DashboardApiModule } from './dashboard/dashboard-api.module.js';
import { SpeechApiModule } from './speech/speech-api.module.js';
import { SmsWebhooksApiModule } from './webhooks/sms-webhooks-api.module.js';
import { SmsSendersApiModule } from './sms-senders/sms-senders-api.module.js';
import { PlansApiModule } from './plans/plans-api.module.js';
import { ActivitiesApiModule } from './activities/activities-api.module.js';
import { ReportsApiModule } from './reports/reports-api.module.js';
import { ExportsApiModule } from './exports/exports-api.module.js';
import { EmergenciesApiModule } from './emergencies/emergencies-api.module.js';

/** The API's feature modules, one per area; each owns its controllers, DTOs and the services it uses. */
export const FEATURE_MODULES = [UnitsApiModule, UsersApiModule, MessagesApiModule, AttachmentsApiModule, AuditApiModule, ReferenceApiModule, BroadcastsApiModule, SubscribersApiModule, BoardsApiModule, LoudspeakersApiModule, DevicesApiModule, ChannelAccountsApiModule, FeedsApiModule, CalendarApiModule, DashboardApiModule, SpeechApiModule, SmsWebhooksApiModule, SmsSendersApiModule, PlansApiModule, ActivitiesApiModule, ReportsApiModule, ExportsApiModule, EmergenciesApiModule];
