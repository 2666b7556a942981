import { Duration } from 'aws-cdk-lib';
import { CfnUser } from 'aws-cdk-lib/aws-connect';
import { UserChannelSettings, VoiceChannelSettings } from '../channel-settings';

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
