import { Duration } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { CfnUser } from 'aws-cdk-lib/aws-connect';
import { describe, expect, it } from 'vitest';
import { AfterContactWorkMode, ConnectUser, PhoneConfig, UserChannelSettings, VoiceEnhancementMode, VoicePhone } from '../src';
import { amendedConnectUserSchemas, assertLintClean, lintEach } from './util/cfn-lint';
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

describe('afterContactWorkMode (newer than the aws-cdk-lib floor and the oracle cfn-lint)', () => {
  it('renders for each channel that sets it, beside the time limit, with the values of the registry schema', () => {
    const { props, template } = render({
      voice: {
        afterContactWorkMode: AfterContactWorkMode.ON,
        afterContactWorkTimeLimit: Duration.seconds(30),
        agentFirstCallbackAfterContactWorkTimeLimit: Duration.seconds(5),
      },
      chat: { afterContactWorkMode: AfterContactWorkMode.ON_DEMAND },
      task: { afterContactWorkTimeLimit: Duration.seconds(9) },
      email: { afterContactWorkMode: AfterContactWorkMode.OFF, autoAccept: true },
    });
    expect(props.AfterContactWorkConfigs).toEqual([
      { Channel: 'VOICE', AfterContactWorkConfig: { AfterContactWorkTimeLimit: 30, AfterContactWorkMode: 'ON' }, AgentFirstCallbackAfterContactWorkConfig: { AfterContactWorkTimeLimit: 5 } },
      { Channel: 'CHAT', AfterContactWorkConfig: { AfterContactWorkMode: 'ON_DEMAND' } },
      { Channel: 'TASK', AfterContactWorkConfig: { AfterContactWorkTimeLimit: 9 } },
      { Channel: 'EMAIL', AfterContactWorkConfig: { AfterContactWorkMode: 'OFF' } },
    ]);
    expect(props.AutoAcceptConfigs).toEqual([{ Channel: 'EMAIL', AutoAccept: true }]);
    // cfn-lint 1.51.0 (the oracle) does not know the property yet: it lints with its own schema plus the 2026-07-15 addition.
    const amended = amendedConnectUserSchemas();
    try {
      // The same template with a value the schema does not allow is refused: the amendment is what is linted.
      const wrong = JSON.parse(JSON.stringify(template).replace('"ON_DEMAND"', '"SOMETIMES"'));
      const { result, perTemplate } = lintEach([template, wrong], amended.args);
      expect(result.ran).toBe(true);
      expect(perTemplate[0]).toEqual([]);
      expect(perTemplate[1].join('\n')).toMatch(/E3030: 'SOMETIMES' is not one of \['ON', 'OFF', 'ON_DEMAND'\]/);
      // And without the amendment, the oracle refuses the property (so the amendment is needed until it is upgraded).
      expect(lintEach([template]).result.errors.join('\n')).toMatch(/E3002: Additional properties are not allowed \('AfterContactWorkMode' was unexpected\)/);
    } finally {
      amended.cleanup();
    }
  }, 120_000);

  it('adds nothing to a user that does not set it: no override, the L1 renders it as before', () => {
    const stack = newStack();
    const user = new ConnectUser(stack, 'U', minimalProps(refs(stack), { channelSettings: { voice: { afterContactWorkTimeLimit: Duration.seconds(30) } } }));
    const cfn = user.node.defaultChild as CfnUser;
    expect((cfn as unknown as { rawOverrides: object }).rawOverrides).toEqual({});
    const withMode = new ConnectUser(stack, 'V', minimalProps(refs(stack), { username: 'v', channelSettings: { chat: { afterContactWorkMode: AfterContactWorkMode.ON } } }));
    expect((withMode.node.defaultChild as unknown as { rawOverrides: object }).rawOverrides)
      .toEqual({ Properties: { AfterContactWorkConfigs: { 0: { AfterContactWorkConfig: { AfterContactWorkMode: 'ON' } } } } });
  });

  it('refuses a value the schema does not allow (JavaScript callers, roster documents), for each channel', () => {
    for (const channel of ['voice', 'chat', 'task', 'email']) {
      const stack = newStack();
      expect(() => new ConnectUser(stack, 'U', minimalProps(refs(stack), { channelSettings: { [channel]: { afterContactWorkMode: 'SOMETIMES' as AfterContactWorkMode } } })))
        .toThrow(new RegExp(`channelSettings.${channel}.afterContactWorkMode: 'SOMETIMES' is not an after contact work mode; expected ON, OFF, ON_DEMAND`));
    }
  });
});
