import { CfnParameter, Duration } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { ConnectUser, PhoneConfig, UserChannelSettings, VoiceEnhancementMode, VoicePhone } from '../src';
import { assertLintClean } from './util/cfn-lint';
import { minimalProps, newStack, refs, warningsOf } from './util/fixtures';

function render(channelSettings: UserChannelSettings, phoneConfig?: PhoneConfig) {
  const stack = newStack();
  new ConnectUser(stack, 'U', minimalProps(refs(stack), { channelSettings, phoneConfig }));
  const template = Template.fromStack(stack).toJSON();
  const props = Object.values<any>(template.Resources).find(r => r.Type === 'AWS::Connect::User').Properties;
  return { template, props, stack };
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

  it.each([
    ['autoAccept in both', { chat: { autoAccept: true } }, PhoneConfig.softPhone({ autoAccept: false }), /channelSettings: sets autoAccept while phoneConfig.autoAccept is set/],
    ['ACW in both', { task: { afterContactWorkTimeLimit: Duration.seconds(5) } }, PhoneConfig.softPhone({ afterContactWorkTimeLimit: Duration.seconds(5) }), /sets afterContactWorkTimeLimit while phoneConfig.afterContactWorkTimeLimit is set/],
    ['the phone in both', { voice: { phone: VoicePhone.SOFT_PHONE } }, PhoneConfig.softPhone(), /sets voice.phone while phoneConfig \(phone type and number\) is set/],
    ['persistent connection in both', { voice: { persistentConnection: true } }, PhoneConfig.softPhone({ persistentConnection: true }), /sets voice.persistentConnection while phoneConfig.persistentConnection is set/],
  ])('warns of %s (the API reference says they cannot both be set)', (_what, channelSettings, phoneConfig, text) => {
    const { stack } = render(channelSettings as UserChannelSettings, phoneConfig);
    expect(warningsOf(stack, 'channelConflict')).toEqual([expect.stringMatching(text)]);
  });

  it.each([
    ['an ACW over 2,000,000 s', { email: { afterContactWorkTimeLimit: Duration.days(30) } }, /channelSettings.email.afterContactWorkTimeLimit: 2592000 seconds is over/],
    ['a callback ACW over the limit', { voice: { afterContactWorkTimeLimit: Duration.seconds(1), agentFirstCallbackAfterContactWorkTimeLimit: Duration.days(25) } }, /channelSettings.voice.agentFirstCallbackAfterContactWorkTimeLimit: 2160000 seconds is over/],
  ])('warns of %s (only the API reference states the maximum)', (_what, channelSettings, text) => {
    const { stack } = render(channelSettings as UserChannelSettings);
    expect(warningsOf(stack, 'afterContactWorkMaximum')).toEqual([expect.stringMatching(text)]);
  });

  it.each([
    ['an ACW that is not whole seconds', { chat: { afterContactWorkTimeLimit: Duration.millis(10) } }, /channelSettings.chat.afterContactWorkTimeLimit: 0.01 seconds is not a whole number/],
    ['a callback auto-accept without auto-accept', { voice: { agentFirstCallbackAutoAccept: true } }, /channelSettings.voice.agentFirstCallbackAutoAccept: is set without channelSettings.voice.autoAccept/],
    ['a callback ACW without ACW', { voice: { agentFirstCallbackAfterContactWorkTimeLimit: Duration.seconds(3) } }, /agentFirstCallbackAfterContactWorkTimeLimit: is set without channelSettings.voice.afterContactWorkTimeLimit/],
    ['a voice enhancement mode that is not one (JavaScript callers)', { voice: { voiceEnhancementMode: 'LOUDER' } }, /channelSettings.voice.voiceEnhancementMode: 'LOUDER' is not a voice enhancement mode/],
    ['a VoicePhone look-alike with a bad number', { voice: { phone: { phoneType: 'DESK_PHONE', phoneNumber: 'call me' } } }, /channelSettings.voice.phone.phoneNumber: 'call me' is not an E.164 phone number/],
    ['a VoicePhone look-alike with a bad phone type', { voice: { phone: { phoneType: 'CARRIER_PIGEON' } } }, /channelSettings.voice.phone.phoneType: 'CARRIER_PIGEON' is not a phone type/],
  ])('rejects %s', (_what, channelSettings, error) => {
    expect(() => render(channelSettings as UserChannelSettings)).toThrow(error);
  });

  it('reports a token ACW in minutes beside phoneConfig with its own message (no crash in Duration)', () => {
    const stack = newStack();
    const minutes = new CfnParameter(stack, 'Acw', { type: 'Number' }).valueAsNumber;
    expect(() => new ConnectUser(stack, 'U', minimalProps(refs(stack), {
      channelSettings: { chat: { afterContactWorkTimeLimit: Duration.minutes(minutes) } },
      phoneConfig: PhoneConfig.softPhone({ autoAccept: true }),
    }))).toThrow(/channelSettings.chat.afterContactWorkTimeLimit: a token duration in minutes cannot be converted to seconds/);
  });

  it('rejects a desk phone number that is not E.164', () => {
    expect(() => VoicePhone.deskPhone('555 1234')).toThrow(/VoicePhone.deskPhone\(\) has 1 problem:\n {2}- phoneNumber: '555 1234' is not an E.164 phone number/);
  });
});
