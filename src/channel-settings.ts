import { Duration } from 'aws-cdk-lib';
import { PhoneType } from './phone-config';
import { Problems } from './private/problems';
import { checkPhoneNumber } from './private/rules/channels';

/**
 * The voice enhancement applied to the agent's microphone.
 *
 * @see https://docs.aws.amazon.com/connect/latest/APIReference/API_VoiceEnhancementConfig.html
 */
export enum VoiceEnhancementMode {
  /** No enhancement. */
  NONE = 'NONE',
  /** Isolates the agent's voice from background voices and noise. */
  VOICE_ISOLATION = 'VOICE_ISOLATION',
  /** Suppresses background noise. */
  NOISE_SUPPRESSION = 'NOISE_SUPPRESSION',
}

/**
 * Whether an agent goes into After Contact Work (ACW) on a channel.
 *
 * Evidence: the AWS::Connect::User registry schema (AfterContactWorkMode, enum ON, OFF, ON_DEMAND), in the
 * us-east-1 schemas of 2026-07-15; cfn-lint 1.58.0 carries it. The Amazon Connect API model (botocore 1.44.8)
 * does not have it yet, so `cdk-connect-user export` and drift cannot read it back.
 *
 * @see https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-properties-connect-user-aftercontactworkconfig.html
 */
export enum AfterContactWorkMode {
  /** The agent goes into ACW after each contact. */
  ON = 'ON',
  /** The agent does not go into ACW. */
  OFF = 'OFF',
  /** ACW when the agent asks for it. */
  ON_DEMAND = 'ON_DEMAND',
}

/**
 * The phone an agent takes voice contacts on, for per-channel voice settings.
 *
 * @see https://docs.aws.amazon.com/connect/latest/APIReference/API_PhoneNumberConfig.html
 */
export class VoicePhone {
  /** The agent answers in the Contact Control Panel (soft phone). */
  public static readonly SOFT_PHONE = new VoicePhone(PhoneType.SOFT_PHONE);

  /**
   * Amazon Connect rings the agent's desk phone.
   *
   * @param phoneNumber the desk phone number in E.164 format, such as `+15555559876`
   */
  public static deskPhone(phoneNumber: string): VoicePhone {
    const problems = new Problems();
    checkPhoneNumber(problems, 'phoneNumber', phoneNumber);
    problems.throwIfAny('VoicePhone.deskPhone()');
    return new VoicePhone(PhoneType.DESK_PHONE, phoneNumber);
  }

  /**
   * The phone from its fields, as a roster's JSON reader has them, without the
   * factory's check: the user's checks judge the same fields (rules/channels.ts).
   * Without a phone type it is a soft phone.
   *
   * @internal
   */
  public static _fromFields(fields: { phoneType?: string; phoneNumber?: string }): VoicePhone {
    return new VoicePhone((fields.phoneType ?? PhoneType.SOFT_PHONE) as PhoneType, fields.phoneNumber);
  }

  /** Soft phone or desk phone. */
  public readonly phoneType: PhoneType;
  /**
   * The desk phone number.
   *
   * @default - none (soft phone)
   */
  public readonly phoneNumber?: string;

  private constructor(phoneType: PhoneType, phoneNumber?: string) {
    this.phoneType = phoneType;
    this.phoneNumber = phoneNumber;
  }
}

/**
 * Settings an agent has on one channel (chat, task or email; voice adds more in
 * {@link VoiceChannelSettings}).
 *
 * @see https://docs.aws.amazon.com/connect/latest/APIReference/API_UpdateUserConfig.html
 */
export interface ChannelSettings {
  /**
   * Whether contacts of this channel are connected to the agent without the agent accepting them.
   *
   * @default - not sent; Amazon Connect's default applies
   */
  readonly autoAccept?: boolean;

  /**
   * How long the agent stays in After Contact Work (ACW) on this channel: whole
   * seconds from 1 to 2,000,000, or 0 for no limit (the agent ends ACW).
   *
   * @default - not sent; Amazon Connect's default applies
   */
  readonly afterContactWorkTimeLimit?: Duration;

  /**
   * Whether the agent goes into After Contact Work on this channel. Rendered
   * under aws-cdk-lib 2.239 too, whose `CfnUser` does not know the property.
   *
   * @default - not sent; Amazon Connect's default applies
   */
  readonly afterContactWorkMode?: AfterContactWorkMode;
}

/**
 * Settings an agent has on the voice channel.
 *
 * @see https://docs.aws.amazon.com/connect/latest/APIReference/API_UpdateUserConfig.html
 */
export interface VoiceChannelSettings extends ChannelSettings {
  /**
   * The phone the agent takes calls on.
   *
   * @default - not sent; Amazon Connect's default (soft phone) applies
   */
  readonly phone?: VoicePhone;

  /**
   * Whether the agent's connection stays open after a call so that the next call connects faster.
   *
   * @default - not sent; Amazon Connect's default applies
   */
  readonly persistentConnection?: boolean;

  /**
   * The voice enhancement applied to the agent's microphone.
   *
   * @default - not sent; Amazon Connect's default applies
   */
  readonly voiceEnhancementMode?: VoiceEnhancementMode;

  /**
   * Whether agent-first callbacks are connected without the agent accepting them.
   * Needs `autoAccept` to be set too.
   *
   * @default - not sent
   */
  readonly agentFirstCallbackAutoAccept?: boolean;

  /**
   * After Contact Work time limit for agent-first callbacks (0, or 1 to 2,000,000 seconds).
   * Needs `afterContactWorkTimeLimit` to be set too.
   *
   * @default - not sent
   */
  readonly agentFirstCallbackAfterContactWorkTimeLimit?: Duration;
}

/**
 * Per-channel settings of an agent: one optional settings object per channel.
 * Voice-only settings exist only on `voice`.
 *
 * @see https://docs.aws.amazon.com/connect/latest/APIReference/API_CreateUser.html
 */
export interface UserChannelSettings {
  /**
   * Voice channel settings.
   *
   * @default - none
   */
  readonly voice?: VoiceChannelSettings;
  /**
   * Chat channel settings.
   *
   * @default - none
   */
  readonly chat?: ChannelSettings;
  /**
   * Task channel settings.
   *
   * @default - none
   */
  readonly task?: ChannelSettings;
  /**
   * Email channel settings.
   *
   * @default - none
   */
  readonly email?: ChannelSettings;
}
