import { Duration } from 'aws-cdk-lib';
import { CfnUser } from 'aws-cdk-lib/aws-connect';
import { Problems } from './problems';
import { checkAfterContactWork } from './rules';
import { UserChannelSettings, VoiceChannelSettings } from '../channel-settings';
import { PhoneConfig } from '../phone-config';

/** The per-channel CloudFormation properties of a user. */
export interface RenderedChannelSettings {
  readonly autoAcceptConfigs?: CfnUser.AutoAcceptConfigProperty[];
  readonly afterContactWorkConfigs?: CfnUser.AfterContactWorkConfigPerChannelProperty[];
  readonly phoneNumberConfigs?: CfnUser.PhoneNumberConfigProperty[];
  readonly persistentConnectionConfigs?: CfnUser.PersistentConnectionConfigProperty[];
  readonly voiceEnhancementConfigs?: CfnUser.VoiceEnhancementConfigProperty[];
}

const CHANNELS: Array<[keyof UserChannelSettings, string]> = [['voice', 'VOICE'], ['chat', 'CHAT'], ['task', 'TASK'], ['email', 'EMAIL']];

const nonEmpty = <T>(list: T[]): T[] | undefined => (list.length ? list : undefined);
const seconds = (d: Duration | undefined) => d?.toSeconds({ integral: false });

/**
 * Checks per-channel settings and their interplay with `phoneConfig`.

 */
export function checkChannelSettings(problems: Problems, settings: UserChannelSettings | undefined, phoneConfig: PhoneConfig | undefined): void {
  if (!settings) return;
  for (const [key] of CHANNELS) {
    const s = settings[key];
    if (!s) continue;
    checkAfterContactWork(problems, `channelSettings.${key}.afterContactWorkTimeLimit`, s.afterContactWorkTimeLimit);
  }
  const voice = settings.voice;
  if (voice) {
    checkAfterContactWork(problems, 'channelSettings.voice.agentFirstCallbackAfterContactWorkTimeLimit', voice.agentFirstCallbackAfterContactWorkTimeLimit);
    // Source: schema AutoAcceptConfig required [Channel, AutoAccept].
    if (voice.agentFirstCallbackAutoAccept !== undefined && voice.autoAccept === undefined) {
      problems.add('channelSettings.voice.agentFirstCallbackAutoAccept', 'is set without channelSettings.voice.autoAccept; expected autoAccept too (registry schema AutoAcceptConfig)');
    }
    // Source: schema AfterContactWorkConfigPerChannel required [Channel, AfterContactWorkConfig].
    if (voice.agentFirstCallbackAfterContactWorkTimeLimit !== undefined && voice.afterContactWorkTimeLimit === undefined) {
      problems.add('channelSettings.voice.agentFirstCallbackAfterContactWorkTimeLimit',
        'is set without channelSettings.voice.afterContactWorkTimeLimit; expected afterContactWorkTimeLimit too (registry schema AfterContactWorkConfigPerChannel)');
    }
  }
  if (!phoneConfig) return;
  // Source: API CreateUser: "Fields in PhoneConfig cannot be set simultaneously with their corresponding
  // channel-specific configuration parameters" (AutoAccept, AfterContactWorkTimeLimit, PhoneType/number,
  // PersistentConnection).
  const rendered = renderChannelSettings(settings);
  const conflicts: Array<[boolean, string, string]> = [
    [phoneConfig.autoAccept !== undefined && !!rendered.autoAcceptConfigs, 'phoneConfig.autoAccept', 'autoAccept'],
    [phoneConfig.afterContactWorkTimeLimit !== undefined && !!rendered.afterContactWorkConfigs, 'phoneConfig.afterContactWorkTimeLimit', 'afterContactWorkTimeLimit'],
    [!!rendered.phoneNumberConfigs, 'phoneConfig (phone type and number)', 'voice.phone'],
    [phoneConfig.persistentConnection !== undefined && !!rendered.persistentConnectionConfigs, 'phoneConfig.persistentConnection', 'voice.persistentConnection'],
  ];
  for (const [conflict, legacy, perChannel] of conflicts) {
    if (conflict) {
      problems.add('channelSettings', `sets ${perChannel} while ${legacy} is set; Amazon Connect rejects both at once. Expected one of them: move the setting into channelSettings (recommended by AWS) or drop it there (API CreateUser)`);
    }
  }
}

/**
 * The CloudFormation per-channel lists of the settings.

 */
export function renderChannelSettings(settings: UserChannelSettings | undefined): RenderedChannelSettings {
  if (!settings) return {};
  const autoAccept: CfnUser.AutoAcceptConfigProperty[] = [];
  const acw: CfnUser.AfterContactWorkConfigPerChannelProperty[] = [];
  for (const [key, channel] of CHANNELS) {
    const s = settings[key];
    if (!s) continue;
    const voice = key === 'voice' ? (s as VoiceChannelSettings) : undefined;
    if (s.autoAccept !== undefined) {
      autoAccept.push({ channel, autoAccept: s.autoAccept, agentFirstCallbackAutoAccept: voice?.agentFirstCallbackAutoAccept });
    }
    if (s.afterContactWorkTimeLimit !== undefined) {
      const callback = voice?.agentFirstCallbackAfterContactWorkTimeLimit;
      acw.push({
        channel,
        afterContactWorkConfig: { afterContactWorkTimeLimit: seconds(s.afterContactWorkTimeLimit) },
        agentFirstCallbackAfterContactWorkConfig: callback === undefined ? undefined : { afterContactWorkTimeLimit: seconds(callback) },
      });
    }
  }
  const voice = settings.voice;
  return {
    autoAcceptConfigs: nonEmpty(autoAccept),
    afterContactWorkConfigs: nonEmpty(acw),
    phoneNumberConfigs: voice?.phone ? [{ channel: 'VOICE', phoneType: voice.phone.phoneType, phoneNumber: voice.phone.phoneNumber }] : undefined,
    persistentConnectionConfigs: voice?.persistentConnection === undefined ? undefined : [{ channel: 'VOICE', persistentConnection: voice.persistentConnection }],
    voiceEnhancementConfigs: voice?.voiceEnhancementMode === undefined ? undefined : [{ channel: 'VOICE', voiceEnhancementMode: voice.voiceEnhancementMode }],
  };
}
