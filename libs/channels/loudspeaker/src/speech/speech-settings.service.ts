import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '#config/index.js';
import { NotFoundError, type Actor } from '#domain/index.js';
import { UnitRepository } from '#persistence/index.js';
import { UnitSpeechSettingRepository, type SpeechSetting } from '../repositories/unit-speech-setting.repository.js';
import { TTS_ENGINE, TTS_SPEED_MAX, TTS_SPEED_MIN, type TtsEngine, type TtsVoice } from '../tts/tts-engine.js';
import { deploymentVoice } from '../tts/tts-engines.js';
import { assertCanSetSpeech, assertValidSpeechSetting } from './speech-setting-rules.js';

export interface SpeechVoicesView {
  engine: string;
  defaultVoice: string;
  speed: { min: number; max: number; default: number };
  voices: readonly TtsVoice[];
}

export interface EffectiveSpeechSetting extends SpeechSetting {
  /** unit: its own; ancestor: inherited from `fromUnitId`; default: the deployment's. */
  source: 'unit' | 'ancestor' | 'default';
  fromUnitId: string | null;
  fromUnitName: string | null;
}

export interface UnitSpeechSettingView {
  unitId: string;
  engine: string;
  /** The unit's own choice, null when it inherits. */
  own: SpeechSetting | null;
  effective: EffectiveSpeechSetting;
}

/** The voices of the active engine, and the voice and speed each unit's loudspeakers read in. */
@Injectable()
export class SpeechSettingsService {
  constructor(
    private readonly units: UnitRepository,
    private readonly settings: UnitSpeechSettingRepository,
    @Inject(TTS_ENGINE) private readonly tts: TtsEngine,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  voices(): SpeechVoicesView {
    return {
      engine: this.tts.name,
      defaultVoice: deploymentVoice(this.tts, this.config),
      speed: { min: TTS_SPEED_MIN, max: TTS_SPEED_MAX, default: 0 },
      voices: this.tts.voices,
    };
  }

  /** No scope check: callers pass a unit already read in scope (or the actor's own). */
  async effectiveForUnit(unitId: string): Promise<EffectiveSpeechSetting> {
    const inherited = await this.settings.effectiveForUnit(unitId, this.tts.name);
    if (!inherited) return { voice: deploymentVoice(this.tts, this.config), speed: 0, source: 'default', fromUnitId: null, fromUnitName: null };
    const source = inherited.unitId === unitId ? 'unit' : 'ancestor';
    return { voice: inherited.voice, speed: inherited.speed, source, fromUnitId: inherited.unitId, fromUnitName: inherited.unitName };
  }

  async get(actor: Actor, unitId: string): Promise<UnitSpeechSettingView> {
    await this.unitInScope(actor, unitId);
    return this.view(unitId);
  }

  async set(actor: Actor, unitId: string, setting: SpeechSetting): Promise<UnitSpeechSettingView> {
    assertCanSetSpeech(actor);
    await this.unitInScope(actor, unitId);
    assertValidSpeechSetting(this.tts, setting);
    await this.settings.save(unitId, this.tts.name, setting, actor.userId);
    return this.view(unitId);
  }

  /** The unit inherits again (its nearest ancestor's setting, else the deployment default). */
  async clear(actor: Actor, unitId: string): Promise<UnitSpeechSettingView> {
    assertCanSetSpeech(actor);
    await this.unitInScope(actor, unitId);
    await this.settings.remove(unitId, this.tts.name);
    return this.view(unitId);
  }

  private async view(unitId: string): Promise<UnitSpeechSettingView> {
    return { unitId, engine: this.tts.name, own: await this.settings.own(unitId, this.tts.name), effective: await this.effectiveForUnit(unitId) };
  }

  private async unitInScope(actor: Actor, unitId: string): Promise<void> {
    if (!(await this.units.findInScope(actor, unitId))) throw new NotFoundError('unit');
  }
}
