import { Duration } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { ConnectUser, PhoneConfig, UserChannelSettings, VoiceEnhancementMode, VoicePhone } from '../src';
import { assertLintClean } from './util/cfn-lint';
import { minimalProps, newStack, refs } from './util/fixtures';

function render(channelSettings: UserChannelSettings, phoneConfig?: PhoneConfig) {
  const stack = newStack();
  new ConnectUser(stack, 'U', minimalProps(refs(stack), { channelSettings, phoneConfig }));
  const template = Template.fromStack(stack).toJSON();
  const props = Object.values<any>(template.Resources).find(r => r.Type === 'AWS::Connect::User').Properties;
  return { template, props };
}

describe('per-channel settings', () => {
  const templates: Array<Record<string, unknown>> = [];

  it('renders every channel and every voice-only setting', () => {
    const { template, props } = render({
      voice: {
        autoAccept: true,
        afterContactWorkTimeLimit: Duration.seconds(30),
        phone: VoicePhone.deskPhone('+15555559876'),
        persistentConnection: true,
        voiceEnhancementMode: VoiceEnhancementMode.NOISE_SUPPRESSION,
        agentFirstCallbackAutoAccept: false,
        agentFirstCallbackAfterContactWorkTimeLimit: Duration.minutes(1),
      },
      chat: { autoAccept: true, afterContactWorkTimeLimit: Duration.seconds(0) },
      task: { afterContactWorkTimeLimit: Duration.seconds(2_000_000) },
      email: { autoAccept: false },
    });
    templates.push(template);
    expect(props.AutoAcceptConfigs).toEqual([
      { Channel: 'VOICE', AutoAccept: true, AgentFirstCallbackAutoAccept: false },
      { Channel: 'CHAT', AutoAccept: true },
      { Channel: 'EMAIL', AutoAccept: false },
    ]);
    expect(props.AfterContactWorkConfigs).toEqual([
      { Channel: 'VOICE', AfterContactWorkConfig: { AfterContactWorkTimeLimit: 30 }, AgentFirstCallbackAfterContactWorkConfig: { AfterContactWorkTimeLimit: 60 } },
      { Channel: 'CHAT', AfterContactWorkConfig: { AfterContactWorkTimeLimit: 0 } },
      { Channel: 'TASK', AfterContactWorkConfig: { AfterContactWorkTimeLimit: 2000000 } },
    ]);
    expect(props.PhoneNumberConfigs).toEqual([{ Channel: 'VOICE', PhoneType: 'DESK_PHONE', PhoneNumber: '+15555559876' }]);
    expect(props.PersistentConnectionConfigs).toEqual([{ Channel: 'VOICE', PersistentConnection: true }]);
    expect(props.VoiceEnhancementConfigs).toEqual([{ Channel: 'VOICE', VoiceEnhancementMode: 'NOISE_SUPPRESSION' }]);
    expect(props.PhoneConfig).toBeUndefined();
  });

  it('renders a soft phone and omits the lists that have nothing to say', () => {
    const { template, props } = render({ voice: { phone: VoicePhone.SOFT_PHONE } });
    templates.push(template);
    expect(props.PhoneNumberConfigs).toEqual([{ Channel: 'VOICE', PhoneType: 'SOFT_PHONE' }]);
    for (const key of ['AutoAcceptConfigs', 'AfterContactWorkConfigs', 'PersistentConnectionConfigs', 'VoiceEnhancementConfigs']) {
      expect(props[key]).toBeUndefined();
    }
  });

  it('allows phoneConfig fields whose per-channel counterparts are not set', () => {
    const { template, props } = render({ chat: { autoAccept: true } }, PhoneConfig.softPhone({ afterContactWorkTimeLimit: Duration.seconds(10) }));
    templates.push(template);
    expect(props.PhoneConfig).toEqual({ PhoneType: 'SOFT_PHONE', AfterContactWorkTimeLimit: 10 });
    expect(props.AutoAcceptConfigs).toEqual([{ Channel: 'CHAT', AutoAccept: true }]);
  });

  it('every rendered configuration passes cfn-lint', () => {
    expect(templates).toHaveLength(3);
    assertLintClean(templates);
  });

  it('rejects a desk phone number that is not E.164', () => {
    expect(() => VoicePhone.deskPhone('555 1234')).toThrow(/VoicePhone.deskPhone\(\) has 1 problem:\n {2}- phoneNumber: '555 1234' is not an E.164 phone number/);
  });
});
