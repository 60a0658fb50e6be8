import type { EntityManager } from 'typeorm';
import type { Channel, FieldProblem, Priority } from '#domain/index.js';
import type { BroadcastRow, MessageState, OccurrenceRow, VersionContent } from '#persistence/index.js';

/**
 * What a channel package gives the engine. The engine (broadcasts, occurrence planner, reconciler,
 * preview, readiness, cancel) knows channels only through this interface; each package (sms,
 * loudspeaker, board, social) implements it and the registry module in libs/channels/registry lists
 * them under CHANNEL_DEFINITIONS.
 */
export interface ChannelDefinition {
  readonly code: Channel;
  /** The Vietnamese name officers see ("Tin nhắn SMS"). */
  readonly label: string;

  /** Problems that keep a broadcast of this draft off the channel, each naming `field` (e.g. `channels[2]`). */
  validate(draft: BroadcastDraft, field: string): Promise<FieldProblem[]>;
  /** Vietnamese reasons the channel cannot carry the message to the targets now (the wizard's channel step); empty when ready. */
  readiness(draft: BroadcastDraft): Promise<string[]>;
  /** The endpoints one occurrence would reach now: subscribers, stations, boards, accounts. */
  countRecipients(draft: BroadcastDraft): Promise<number>;
  /** What the preview shows for this channel beyond the count: warnings, the SMS text and its cost. */
  preview?(draft: BroadcastDraft, due: Date[], recipients: number): Promise<ChannelPreview>;

  /**
   * Writes an occurrence's deliveries for the channel, or the next part of them, inside a planning
   * transaction of its own (set-based). It continues from the rows already committed, so a planner
   * that died in between is resumed by calling it again; `more` asks to be called once more.
   */
  plan(ctx: PlanContext): Promise<PlannedChannel>;
  /**
   * Whether what the channel sends is made yet (an emergency's speech is rendered while it is being
   * planned): false makes the planner go on with the other channels and ask again shortly.
   */
  contentReady?(ctx: ContentContext): Promise<boolean>;
  /** After the transaction of a part committed: enqueues that part's work or tells the devices. */
  enqueue(occurrenceId: string, broadcast: BroadcastRow, planned: PlannedChannel): Promise<void>;
  /**
   * Enqueues the jobs that send these batches (idempotent: job ids are deterministic). The planner
   * after planning, the reconciler after Redis lost work and a supervisor's retry all wake batches
   * through here. Channels whose devices pull their work (loudspeakers, boards) have no batches.
   */
  wake?(batches: WaitingBatch[]): Promise<void>;
  /** After a broadcast on this channel was scheduled (committed): hands work over ahead (Facebook scheduled posts). */
  afterSchedule?(broadcast: BroadcastRow): Promise<void>;
  /** After a cancellation committed: withdraws what a platform or device still holds (scheduled posts). */
  withdraw?(broadcast: BroadcastRow): Promise<void>;
  /**
   * After an emergency update committed (the broadcast's message now at `version`): replaces the
   * content devices and platforms still hold or will show (not yet played items, live slides, posts).
   */
  replace?(broadcast: BroadcastRow, version: VersionContent): Promise<void>;
}

/** A broadcast as asked for and validated so far: what every channel needs to judge, count or preview it. */
export interface BroadcastDraft {
  message: MessageState;
  version: VersionContent;
  priority: Priority;
  timeZone: string;
  targets: { paths: string[]; villageIds: string[]; tags: string[] };
  sms: { withoutDiacritics: boolean; maxParts: number };
}

export interface ChannelPreview {
  warnings: PreviewWarning[];
  /** The SMS channel's text and segments. */
  sms?: SmsPreview;
  /** Money per occurrence, when the channel costs money per recipient. */
  cost?: { currency: 'VND'; perPart: number; perOccurrence: number };
}

export interface SmsPreview {
  text: string;
  encoding: string;
  characters: number;
  parts: number;
  perPart: number;
  maxParts: number;
}

export const PREVIEW_WARNING_CODES = ['quiet-hours', 'daily-cap', 'no-programme-slot', 'no-recipients', 'no-rendition'] as const;
export type PreviewWarningCode = (typeof PREVIEW_WARNING_CODES)[number];

export interface PreviewWarning {
  code: PreviewWarningCode;
  channel: string;
  message: string;
}

export interface PlanContext {
  manager: EntityManager;
  occurrence: OccurrenceRow;
  broadcast: BroadcastRow;
  version: VersionContent;
  /** Paths of the broadcast's target units. */
  targetPaths: string[];
}

export type ContentContext = Pick<PlanContext, 'broadcast' | 'version' | 'targetPaths'>;

export interface PlannedChannel {
  channel: string;
  deliveries: number;
  batches: number;
  /** The number of this part's first batch (a later part continues the numbering); 0 when absent. */
  firstBatch?: number;
  /** More deliveries remain to be written in another transaction (an SMS fan-out's first batches went ahead). */
  more?: boolean;
  /** When the first batch may go (quiet hours already applied). */
  wakeAt: Date;
}

/** A batch with deliveries waiting to go, and the earliest instant one of them may. */
export interface WaitingBatch {
  occurrenceId: string;
  batchNo: number;
  wakeAt: Date;
  priority: Priority;
}

/** The batches of one planned channel of an occurrence, all due at the channel's wake time. */
export function plannedBatches(occurrenceId: string, broadcast: BroadcastRow, planned: PlannedChannel): WaitingBatch[] {
  const first = planned.firstBatch ?? 0;
  return Array.from({ length: planned.batches }, (_, i) => ({ occurrenceId, batchNo: first + i, wakeAt: planned.wakeAt, priority: broadcast.priority }));
}

/** The registered channels (ChannelDefinition[]), provided by the registry module. */
export const CHANNEL_DEFINITIONS = Symbol('CHANNEL_DEFINITIONS');

/** The registered channel with this code; an error when none is (a broadcast row names an unknown channel). */
export function channelOf(definitions: readonly ChannelDefinition[], code: string): ChannelDefinition {
  const definition = definitions.find((d) => d.code === code);
  if (!definition) throw new Error(`no channel registered for "${code}"`);
  return definition;
}

/** Wakes each channel's waiting batches through that channel's definition. */
export async function wakeBatches(definitions: readonly ChannelDefinition[], batches: (WaitingBatch & { channel: string })[]): Promise<void> {
  for (const definition of definitions) {
    const mine = batches.filter((b) => b.channel === definition.code);
    if (mine.length && definition.wake) await definition.wake(mine);
  }
}

/** The planning half of a channel, which a package may keep in a class of its own. */
export type ChannelPlanner = Pick<ChannelDefinition, 'plan' | 'enqueue' | 'wake'>;
