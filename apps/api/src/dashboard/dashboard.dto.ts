import { ApiProperty } from '@nestjs/swagger';
import { PRIORITIES, CHANNELS } from '#domain/index.js';

class ReturnedMessageDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() title!: string;
  @ApiProperty() updatedAt!: Date;
}

class InboxMessageDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() title!: string;
  @ApiProperty() unitName!: string;
  @ApiProperty() submittedAt!: Date;
}

class WaitingDto {
  @ApiProperty({ type: [ReturnedMessageDto], description: "The caller's messages returned by a supervisor (newest first, at most 10)" })
  returned!: ReturnedMessageDto[];
  @ApiProperty({ type: [InboxMessageDto], description: "Supervisors: messages waiting for the caller's approval (oldest first, at most 10)" })
  inbox!: InboxMessageDto[];
  @ApiProperty() inboxTotal!: number;
}

class UpcomingOccurrenceDto {
  @ApiProperty({ format: 'uuid' }) occurrenceId!: string;
  @ApiProperty({ format: 'uuid' }) broadcastId!: string;
  @ApiProperty() dueAt!: Date;
  @ApiProperty({ enum: ['pending', 'held'], enumName: 'UpcomingOccurrenceStatus' }) status!: string;
  @ApiProperty() messageTitle!: string;
  @ApiProperty({ type: [String], enum: CHANNELS, enumName: 'Channel' }) channels!: string[];
  @ApiProperty({ enum: PRIORITIES, enumName: 'Priority' }) priority!: string;
}

class UpcomingDto {
  @ApiProperty({ type: [UpcomingOccurrenceDto], description: 'From now to the end of the local day' }) today!: UpcomingOccurrenceDto[];
  @ApiProperty({ type: [UpcomingOccurrenceDto], description: 'The seven local days after today' }) next7Days!: UpcomingOccurrenceDto[];
}

class RunningBroadcastDto {
  @ApiProperty({ format: 'uuid' }) broadcastId!: string;
  @ApiProperty() messageTitle!: string;
  @ApiProperty({ description: 'Deliveries written so far' }) total!: number;
  @ApiProperty({ description: 'Deliveries no longer planned or sending' }) done!: number;
  @ApiProperty({ description: 'Failed or undelivered' }) failed!: number;
}

class AlertDto {
  @ApiProperty() count!: number;
  @ApiProperty({ example: '/broadcasts?status=held', description: 'Console path showing the matter' }) href!: string;
}

class AlertsDto {
  @ApiProperty({ type: AlertDto }) heldOccurrences!: AlertDto;
  @ApiProperty({ type: AlertDto, description: 'SMS waiting past their time (quiet hours, daily cap, retry backoff)' }) deferredDeliveries!: AlertDto;
  @ApiProperty({ type: AlertDto, description: 'Failed after every retry; a supervisor may send them again' }) exhaustedDeliveries!: AlertDto;
  @ApiProperty({ type: AlertDto }) stationsOffline!: AlertDto;
  @ApiProperty({ type: AlertDto }) boardsOffline!: AlertDto;
  @ApiProperty({ type: AlertDto }) accountsNeedingReconnect!: AlertDto;
}

class MonthDto {
  @ApiProperty() messagesApproved!: number;
  @ApiProperty({ description: 'Broadcasts scheduled this month' }) broadcasts!: number;
  @ApiProperty() occurrencesRun!: number;
  @ApiProperty() smsSent!: number;
  @ApiProperty() smsDelivered!: number;
  @ApiProperty() smsParts!: number;
  @ApiProperty() smsCostVnd!: number;
  @ApiProperty({ description: 'Loudspeaker items played to the end' }) loudspeakerPlays!: number;
  @ApiProperty() airtimeSeconds!: number;
  @ApiProperty() boardSlides!: number;
  @ApiProperty() socialPosts!: number;
}

export class DashboardDto {
  @ApiProperty({ type: WaitingDto }) waiting!: WaitingDto;
  @ApiProperty({ type: UpcomingDto }) upcoming!: UpcomingDto;
  @ApiProperty({ type: [RunningBroadcastDto], description: 'At most 10, newest first' }) running!: RunningBroadcastDto[];
  @ApiProperty({ type: AlertsDto }) alerts!: AlertsDto;
  @ApiProperty({ type: MonthDto, description: "This calendar month in the caller's unit zone" }) month!: MonthDto;
}
