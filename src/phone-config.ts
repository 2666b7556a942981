import { Duration } from 'aws-cdk-lib';
import { Problems } from './private/problems';
import { checkAfterContactWork, checkPhoneNumber } from './private/rules/channels';
import { expectObject } from './private/rules/types';

/**
 * The kind of phone an agent uses to take calls.
 *
 * @see https://docs.aws.amazon.com/connect/latest/APIReference/API_UserPhoneConfig.html
 */
export enum PhoneType {
  /** The agent answers in the Contact Control Panel (browser soft phone). */
  SOFT_PHONE = 'SOFT_PHONE',
  /** Amazon Connect calls the agent's desk phone number. */
  DESK_PHONE = 'DESK_PHONE',
}

/**
 * Options shared by soft and desk phones.
 */
export interface PhoneConfigOptions {
  /**
   * Whether calls are connected to the agent automatically, without the agent accepting them.
   *
   * @default - not sent; Amazon Connect's default (off) applies
   * @see https://docs.aws.amazon.com/connect/latest/adminguide/configure-agents.html
   */
  readonly autoAccept?: boolean;

  /**
   * How long the agent stays in After Contact Work (ACW) once a contact ends.
   * Whole seconds; 0 means no limit: the agent ends ACW manually. The API reference documents at
   * most 2,000,000 (about 23 days): more is a synth warning.
   *
   * @default - not sent; Amazon Connect's default (0, no limit) applies
   * @see https://docs.aws.amazon.com/connect/latest/APIReference/API_UserPhoneConfig.html
   */
  readonly afterContactWorkTimeLimit?: Duration;

  /**
   * Whether the agent's voice connection stays open between calls, so that the next call connects faster.
   *
   * @default - not sent; Amazon Connect's default (off) applies
   * @see https://docs.aws.amazon.com/connect/latest/adminguide/persistent-connection.html
   */
  readonly persistentConnection?: boolean;
}

/**
 * An agent's phone settings: soft phone or desk phone, auto-accept, after
 * contact work and persistent connection.
 *
 * @example
 * PhoneConfig.softPhone({ autoAccept: true, afterContactWorkTimeLimit: Duration.seconds(0) });
 * PhoneConfig.deskPhone('+15555559876');
 *
 * @see https://docs.aws.amazon.com/connect/latest/APIReference/API_UserPhoneConfig.html
 */
export class PhoneConfig {
  /**
   * The agent answers calls in the Contact Control Panel.
   *
   * @param options auto-accept, after contact work and persistent connection
   */
  public static softPhone(options: PhoneConfigOptions = {}): PhoneConfig {
    return PhoneConfig.checked(PhoneType.SOFT_PHONE, undefined, options, 'PhoneConfig.softPhone()');
  }

  /**
   * Amazon Connect rings the agent's desk phone.
   *
   * @param phoneNumber the desk phone number in E.164 format, such as `+15555559876`
   * @param options auto-accept, after contact work and persistent connection
   */
  public static deskPhone(phoneNumber: string, options: PhoneConfigOptions = {}): PhoneConfig {
    return PhoneConfig.checked(PhoneType.DESK_PHONE, phoneNumber, options, 'PhoneConfig.deskPhone()');
  }

  /**
   * Phone settings from their fields, as a roster's CSV or JSON reader has them,
   * without the factories' checks: the user's checks judge the same fields
   * (rules/channels.ts), so a row's problems are reported together. Without a
   * phone type it is a soft phone: the auto-accept and after contact work settings
   * travel in the phone settings, which always name a type.
   *
   * @internal
   */
  public static _fromFields(fields: { phoneType?: string; deskPhoneNumber?: string } & PhoneConfigOptions): PhoneConfig {
    return new PhoneConfig((fields.phoneType ?? PhoneType.SOFT_PHONE) as PhoneType, fields.deskPhoneNumber, fields);
  }

  private static checked(phoneType: PhoneType, deskPhoneNumber: string | undefined, options: PhoneConfigOptions, factory: string): PhoneConfig {
    const problems = new Problems();
    // A JavaScript caller may pass null (the default applies to undefined only): say so, rather than crash reading it.
    if (!expectObject(problems, 'options', options)) problems.throwIfAny(factory);
    if (deskPhoneNumber !== undefined) {
      checkPhoneNumber(problems, 'phoneNumber', deskPhoneNumber);
    }
    checkAfterContactWork(problems, 'afterContactWorkTimeLimit', options.afterContactWorkTimeLimit);
    problems.throwIfAny(factory);
    return new PhoneConfig(phoneType, deskPhoneNumber, options);
  }

  /** Soft phone or desk phone. */
  public readonly phoneType: PhoneType;
  /**
   * The desk phone number.
   *
   * @default - none (soft phone)
   */
  public readonly deskPhoneNumber?: string;
  /**
   * Whether calls are connected automatically.
   *
   * @default - not sent
   */
  public readonly autoAccept?: boolean;
  /**
   * The after contact work time limit.
   *
   * @default - not sent
   */
  public readonly afterContactWorkTimeLimit?: Duration;
  /**
   * Whether the voice connection persists between calls.
   *
   * @default - not sent
   */
  public readonly persistentConnection?: boolean;

  private constructor(phoneType: PhoneType, deskPhoneNumber: string | undefined, options: PhoneConfigOptions) {
    this.phoneType = phoneType;
    this.deskPhoneNumber = deskPhoneNumber;
    this.autoAccept = options.autoAccept;
    this.afterContactWorkTimeLimit = options.afterContactWorkTimeLimit;
    this.persistentConnection = options.persistentConnection;
  }
}
