/**
 * Rules of the phone settings (`phoneConfig`) and the per-channel settings
 * (`channelSettings`). They read the settings' fields, the same ones the
 * renderers read, so a look-alike object gets the same checks as one made by
 * the factories. See common.ts for the evidence levels.
 */
import { Duration } from 'aws-cdk-lib';
import { CHANNEL_KEYS, describeValue, isToken, Problems, show } from './common';

/** Phone settings as the rules see them (a `PhoneConfig`, or what a JavaScript caller passed). */
export interface PhoneFields {
  readonly phoneType: string;
  readonly deskPhoneNumber?: string;
  readonly autoAccept?: boolean;
  readonly afterContactWorkTimeLimit?: Duration;
  readonly persistentConnection?: boolean;
}

/** One channel's settings as the rules see them (`ChannelSettings`, `VoiceChannelSettings`). */
export interface ChannelFields {
  readonly autoAccept?: boolean;
  readonly afterContactWorkTimeLimit?: Duration;
  readonly afterContactWorkMode?: string;
  readonly phone?: { readonly phoneType: string; readonly phoneNumber?: string };
  readonly persistentConnection?: boolean;
  readonly voiceEnhancementMode?: string;
  readonly agentFirstCallbackAutoAccept?: boolean;
  readonly agentFirstCallbackAfterContactWorkTimeLimit?: Duration;
}

/** Per-channel settings as the rules see them (`UserChannelSettings`). */
export type ChannelSettingsFields = { readonly [channel in typeof CHANNEL_KEYS[number]]?: ChannelFields };

/** The values a phone type takes. Evidence: schema (PhoneType enum SOFT_PHONE, DESK_PHONE). */
export const PHONE_TYPE_VALUES: readonly string[] = ['SOFT_PHONE', 'DESK_PHONE'];
/** The values a voice enhancement mode takes. Evidence: schema (VoiceEnhancementMode enum). */
export const VOICE_ENHANCEMENT_VALUES: readonly string[] = ['NONE', 'VOICE_ISOLATION', 'NOISE_SUPPRESSION'];
/** The values an after contact work mode takes. Evidence: schema (AfterContactWorkMode enum; us-east-1 schemas of 2026-07-15). */
export const AFTER_CONTACT_WORK_MODE_VALUES: readonly string[] = ['ON', 'OFF', 'ON_DEMAND'];

// Evidence: model. UserPhoneConfig DeskPhoneNumber / PhoneNumberConfig PhoneNumber pattern \+[1-9]\d{1,14}$,
// unanchored at the start as Smithy patterns are (the schema has no pattern for them).
const MODEL_PHONE = /\+[1-9]\d{1,14}$/;
// Evidence: documented. E.164 for the whole number (API UserPhoneConfig: "The phone number for the user's
// desk phone"; the admin guide asks for E.164).
const E164 = /^\+[1-9]\d{1,14}$/;
// Evidence: documented. API UserPhoneConfig AfterContactWorkTimeLimit: "maximum value of 2,000,000 seconds"
// (the schema and the model give only the minimum, 0).
export const MAX_AFTER_CONTACT_WORK_SECONDS = 2_000_000;

/**
 * What a desk phone without a number is told: the same words where VoicePhone.deskPhone() refuses it
 * (its parameter is a string) and where the user's checks warn of it (documented evidence, below).
 */
const DESK_PHONE_WITHOUT_NUMBER = 'missing for a desk phone; expected the E.164 number Amazon Connect rings, such as +15555550100';

/** A desk phone number. */
export function checkPhoneNumber(p: Problems, path: string, value: unknown): void {
  if (isToken(value)) return;
  if (value === undefined) {
    // Evidence: library. A factory's phone number is a string (a JavaScript caller passed nothing).
    p.add(path, DESK_PHONE_WITHOUT_NUMBER);
  } else if (typeof value !== 'string' || !MODEL_PHONE.test(value)) {
    p.add(path, `${show(value)} is not an E.164 phone number; expected '+' then 2-15 digits, the first not 0, such as +15555550100 (API model PhoneNumber)`);
  } else if (!E164.test(value)) {
    p.warn('phoneNumberShape', path, `${show(value)} has text before the E.164 number; the API model accepts it, but Amazon Connect documents an E.164 number such as +15555550100`);
  }
}

/** How a JavaScript caller makes the phone settings at each path, for the phone type's error. */
const PHONE_FACTORIES: { readonly [parent: string]: string } = {
  'phoneConfig': 'PhoneConfig.softPhone() or PhoneConfig.deskPhone(phoneNumber)',
  'channelSettings.voice.phone': 'VoicePhone.SOFT_PHONE or VoicePhone.deskPhone(phoneNumber)',
};

/** A phone type, as a JavaScript caller may pass anything; `parent` is the path of the phone settings. */
function checkPhoneType(p: Problems, parent: string, value: unknown): void {
  // Evidence: schema. PhoneType enum SOFT_PHONE, DESK_PHONE.
  if (isToken(value) || (typeof value === 'string' && PHONE_TYPE_VALUES.includes(value))) return;
  const expected = `expected ${PHONE_TYPE_VALUES.join(' or ')}`;
  if (typeof value === 'string') {
    p.add(`${parent}.phoneType`, `${show(value)} is not a phone type; ${expected}`);
  } else {
    // Not made by a factory (a look-alike without a phone type): say which factory makes one.
    p.add(`${parent}.phoneType`, `is ${describeValue(value)}; ${expected}: make ${parent} with ${PHONE_FACTORIES[parent]}`);
  }
}

/** An after contact work time limit. */
export function checkAfterContactWork(p: Problems, path: string, d: Duration | undefined): void {
  if (d === undefined) return;
  // Evidence: library. A JavaScript caller may pass a number or a string: say so instead of crashing.
  if (typeof (d as Partial<Duration>)?.isUnresolved !== 'function') {
    p.add(path, `${show(d)} is not a Duration; expected a Duration such as Duration.seconds(30)`);
    return;
  }
  // A Duration in seconds gives its amount as is (`toSeconds`), which isToken reads without CDK's slower test of
  // numbers; in any other unit, CDK's own test (`Duration.isUnresolved`).
  const unit = d.unitLabel();
  let seconds: number;
  if (unit === 'seconds') {
    seconds = d.toSeconds({ integral: false });
    if (isToken(seconds)) return;
  } else if (d.isUnresolved()) {
    // Evidence: library. A token amount in another unit cannot be turned into the seconds CloudFormation takes.
    p.add(path, `a token duration in ${unit} cannot be converted to seconds; expected Duration.seconds(token)`);
    return;
  } else {
    seconds = d.toSeconds({ integral: false });
  }
  // Evidence: schema. AfterContactWorkTimeLimit type integer, minimum 0.
  if (!Number.isInteger(seconds)) {
    p.add(path, `${seconds} seconds is not a whole number of seconds; expected whole seconds (registry schema AfterContactWorkTimeLimit)`);
  } else if (!Number.isSafeInteger(seconds)) {
    // Evidence: schema. AfterContactWorkTimeLimit type integer: from 1e21 on, JSON renders a number as 1e+21, not an
    // integer, and past 2^53 the number is no longer the whole number of seconds that was meant.
    p.add(path, `${seconds} seconds is not a safe whole number; expected whole seconds up to ${Number.MAX_SAFE_INTEGER} (registry schema AfterContactWorkTimeLimit: integer)`);
  } else if (seconds > MAX_AFTER_CONTACT_WORK_SECONDS) {
    p.warn('afterContactWorkMaximum', path, `${seconds} seconds is over the ${MAX_AFTER_CONTACT_WORK_SECONDS.toLocaleString('en-US')} seconds the API reference documents`);
  }
}

/**
 * A desk phone's number, which may be missing: a warning then.
 * Evidence: documented, outside AWS only: the Terraform and Pulumi aws_connect_user docs say "Required if phone_type is
 * set as DESK_PHONE"; AWS's API reference (UserPhoneConfig, PhoneNumberConfig: "Required: No"), the registry schema and
 * the API model leave it optional, and cfn-lint passes: a warning, never an error.
 */
function checkDeskPhoneNumber(p: Problems, path: string, phoneType: unknown, phoneNumber: unknown): void {
  if (phoneNumber !== undefined) {
    checkPhoneNumber(p, path, phoneNumber);
  } else if (phoneType === 'DESK_PHONE') {
    p.warn('deskPhoneNumberMissing', path, `${DESK_PHONE_WITHOUT_NUMBER} (a desk phone without a number cannot ring; the registry schema and the API model do not require one)`);
  }
}

/** The phone settings, from their fields. */
export function checkPhoneConfig(p: Problems, phone: PhoneFields | undefined): void {
  if (phone === undefined) return;
  checkPhoneType(p, 'phoneConfig', phone.phoneType);
  checkDeskPhoneNumber(p, 'phoneConfig.deskPhoneNumber', phone.phoneType, phone.deskPhoneNumber);
  checkAfterContactWork(p, 'phoneConfig.afterContactWorkTimeLimit', phone.afterContactWorkTimeLimit);
}

/** Each channel's key with the paths its checks name, written once rather than for every user. */
const CHANNEL_PATHS = CHANNEL_KEYS.map(key => ({
  key,
  afterContactWorkTimeLimit: `channelSettings.${key}.afterContactWorkTimeLimit`,
  afterContactWorkMode: `channelSettings.${key}.afterContactWorkMode`,
}));

/** The per-channel settings, and their interplay with `phoneConfig`. */
export function checkChannelSettings(p: Problems, settings: ChannelSettingsFields | undefined, phone: PhoneFields | undefined): void {
  if (!settings) return;
  let autoAccept = false;
  let acw = false;
  for (let i = 0; i < CHANNEL_PATHS.length; i++) {
    const paths = CHANNEL_PATHS[i];
    const s = settings[paths.key];
    if (!s) continue;
    autoAccept ||= s.autoAccept !== undefined;
    acw ||= s.afterContactWorkTimeLimit !== undefined;
    checkAfterContactWork(p, paths.afterContactWorkTimeLimit, s.afterContactWorkTimeLimit);
    // Evidence: schema. AfterContactWorkMode enum ON, OFF, ON_DEMAND (us-east-1 schemas of 2026-07-15; cfn-lint 1.58.0).
    const mode = s.afterContactWorkMode;
    if (mode !== undefined && !isToken(mode) && !AFTER_CONTACT_WORK_MODE_VALUES.includes(mode)) {
      p.add(paths.afterContactWorkMode, `${show(mode)} is not an after contact work mode; expected ${AFTER_CONTACT_WORK_MODE_VALUES.join(', ')}`);
    }
  }
  const voice = settings.voice;
  if (voice) {
    checkAfterContactWork(p, 'channelSettings.voice.agentFirstCallbackAfterContactWorkTimeLimit', voice.agentFirstCallbackAfterContactWorkTimeLimit);
    // Evidence: schema. AutoAcceptConfig required [Channel, AutoAccept].
    if (voice.agentFirstCallbackAutoAccept !== undefined && voice.autoAccept === undefined) {
      p.add('channelSettings.voice.agentFirstCallbackAutoAccept', 'is set without channelSettings.voice.autoAccept; expected autoAccept too (registry schema AutoAcceptConfig)');
    }
    // Evidence: schema. AfterContactWorkConfigPerChannel required [Channel, AfterContactWorkConfig].
    if (voice.agentFirstCallbackAfterContactWorkTimeLimit !== undefined && voice.afterContactWorkTimeLimit === undefined) {
      p.add('channelSettings.voice.agentFirstCallbackAfterContactWorkTimeLimit',
        'is set without channelSettings.voice.afterContactWorkTimeLimit; expected afterContactWorkTimeLimit too (registry schema AfterContactWorkConfigPerChannel)');
    }
    // Evidence: schema. VoiceEnhancementMode enum NONE, VOICE_ISOLATION, NOISE_SUPPRESSION.
    const mode = voice.voiceEnhancementMode;
    if (mode !== undefined && !isToken(mode) && !VOICE_ENHANCEMENT_VALUES.includes(mode)) {
      p.add('channelSettings.voice.voiceEnhancementMode', `${show(mode)} is not a voice enhancement mode; expected ${VOICE_ENHANCEMENT_VALUES.join(', ')}`);
    }
    if (voice.phone !== undefined) {
      checkPhoneType(p, 'channelSettings.voice.phone', voice.phone.phoneType);
      checkDeskPhoneNumber(p, 'channelSettings.voice.phone.phoneNumber', voice.phone.phoneType, voice.phone.phoneNumber);
    }
  }
  if (!phone) return;
  // Evidence: documented. API CreateUser: "Fields in PhoneConfig cannot be set simultaneously with their
  // corresponding channel-specific configuration parameters".
  if (phone.autoAccept !== undefined && autoAccept) channelConflict(p, 'phoneConfig.autoAccept', 'autoAccept');
  if (phone.afterContactWorkTimeLimit !== undefined && acw) channelConflict(p, 'phoneConfig.afterContactWorkTimeLimit', 'afterContactWorkTimeLimit');
  if (voice?.phone !== undefined) channelConflict(p, 'phoneConfig (phone type and number)', 'voice.phone');
  if (phone.persistentConnection !== undefined && voice?.persistentConnection !== undefined) {
    channelConflict(p, 'phoneConfig.persistentConnection', 'voice.persistentConnection');
  }
}

/** A phoneConfig setting set with its per-channel setting. */
function channelConflict(p: Problems, legacy: string, perChannel: string): void {
  p.warn('channelConflict', 'channelSettings', `sets ${perChannel} while ${legacy} is set; the API reference says both cannot be set at once. Move the setting into channelSettings (recommended by AWS) or drop it there`);
}
