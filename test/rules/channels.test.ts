/**
 * The rules of src/private/rules/channels.ts: phone numbers, after contact work
 * limits, the phone settings (`phoneConfig`) and the per-channel settings
 * (`channelSettings`), including what AWS says cannot be set in both.
 */
import { CfnParameter, Duration } from 'aws-cdk-lib';
import { describe, expect, it } from 'vitest';
import { AfterContactWorkMode, ConnectUser, ConnectUserRoster, PhoneConfig, PhoneType, UserChannelSettings, VoicePhone } from '../../src';
import { minimalProps, newStack, refs, warningsOf } from '../util/fixtures';
import { bulkRoster, bulkRow } from '../util/roster';
import { AcceptCase, RejectCase, ruleCases, WarnCase } from '../util/rules';

const js = (v: unknown) => v as any;

const reject: RejectCase[] = [
  // checkPhoneNumber (in the PhoneConfig factory)
  { rule: 'desk phone number not E.164', build: (_s, r) => minimalProps(r, { phoneConfig: PhoneConfig.deskPhone('555-1234') }), error: /PhoneConfig.deskPhone\(\) has 1 problem:\n {2}- phoneNumber: '555-1234' is not an E.164 phone number/ },
  { rule: 'desk phone number empty', build: (_s, r) => minimalProps(r, { phoneConfig: PhoneConfig.deskPhone('') }), error: /phoneNumber: '' is not an E.164 phone number/ },
  { rule: 'desk phone number with text after it', build: (_s, r) => minimalProps(r, { phoneConfig: PhoneConfig.deskPhone('+15555550100 ext 2') }), error: /phoneNumber: '\+15555550100 ext 2' is not an E.164 phone number/ },
  { rule: 'desk phone number that is not a string (JavaScript callers)', build: (_s, r) => minimalProps(r, { phoneConfig: PhoneConfig.deskPhone(js(5555550100)) }), error: /phoneNumber: '5555550100' is not an E.164 phone number/ },
  { rule: 'VoicePhone desk phone without a number (JavaScript callers)', build: (_s, r) => minimalProps(r, { channelSettings: { voice: { phone: VoicePhone.deskPhone(js(undefined)) } } }), error: /VoicePhone.deskPhone\(\) has 1 problem:\n {2}- phoneNumber: missing for a desk phone; expected the E.164 number Amazon Connect rings, such as \+15555550100$/ },
  // checkAfterContactWork (in the PhoneConfig factory)
  { rule: 'after contact work not whole seconds', build: (_s, r) => minimalProps(r, { phoneConfig: PhoneConfig.softPhone({ afterContactWorkTimeLimit: Duration.millis(1500) }) }), error: /afterContactWorkTimeLimit: 1.5 seconds is not a whole number of seconds/ },
  { rule: 'after contact work of 1e21 seconds (renders as 1e+21, not an integer)', build: (_s, r) => minimalProps(r, { phoneConfig: PhoneConfig.softPhone({ afterContactWorkTimeLimit: Duration.seconds(1e21) }) }), error: /PhoneConfig.softPhone\(\) has 1 problem:\n {2}- afterContactWorkTimeLimit: 1e\+21 seconds is not a safe whole number; expected whole seconds up to 9007199254740991 \(registry schema AfterContactWorkTimeLimit: integer\)/ },
  { rule: 'after contact work of 2^53 seconds (past the safe integers)', build: (_s, r) => minimalProps(r, { channelSettings: { chat: { afterContactWorkTimeLimit: Duration.seconds(2 ** 53) } } }), error: /channelSettings.chat.afterContactWorkTimeLimit: 9007199254740992 seconds is not a safe whole number/ },
  { rule: 'after contact work token in minutes', build: (s, r) => minimalProps(r, { phoneConfig: PhoneConfig.softPhone({ afterContactWorkTimeLimit: Duration.minutes(new CfnParameter(s, 'Acw', { type: 'Number' }).valueAsNumber) }) }), error: /afterContactWorkTimeLimit: a token duration in minutes cannot be converted to seconds/ },
  { rule: 'after contact work that is not a Duration (JavaScript callers)', build: (_s, r) => minimalProps(r, { phoneConfig: PhoneConfig.softPhone({ afterContactWorkTimeLimit: js('30') }) }), error: /PhoneConfig.softPhone\(\) has 1 problem:\n {2}- afterContactWorkTimeLimit: '30' is not a Duration/ },
  // checkPhoneConfig: a look-alike object, not made by the factories
  { rule: 'phoneConfig look-alike with a phone type that is not one', build: (_s, r) => minimalProps(r, { phoneConfig: js({ phoneType: 'CARRIER_PIGEON' }) }), error: /phoneConfig.phoneType: 'CARRIER_PIGEON' is not a phone type; expected SOFT_PHONE or DESK_PHONE/ },
  { rule: 'phoneConfig look-alike without a phone type', build: (_s, r) => minimalProps(r, { phoneConfig: js({ autoAccept: true }) }), error: /phoneConfig.phoneType: is missing; expected SOFT_PHONE or DESK_PHONE: make phoneConfig with PhoneConfig.softPhone\(\) or PhoneConfig.deskPhone\(phoneNumber\)/ },
  { rule: 'phoneConfig look-alike with a phone type that is a number', build: (_s, r) => minimalProps(r, { phoneConfig: js({ phoneType: 1 }) }), error: /phoneConfig.phoneType: is the number 1; expected SOFT_PHONE or DESK_PHONE/ },
  { rule: 'phoneConfig look-alike with a desk phone number that is not E.164', build: (_s, r) => minimalProps(r, { phoneConfig: js({ phoneType: PhoneType.DESK_PHONE, deskPhoneNumber: 'call me' }) }), error: /phoneConfig.deskPhoneNumber: 'call me' is not an E.164 phone number/ },
  { rule: 'phoneConfig look-alike with an after contact work limit of 1.5 s', build: (_s, r) => minimalProps(r, { phoneConfig: js({ phoneType: PhoneType.SOFT_PHONE, afterContactWorkTimeLimit: Duration.millis(1500) }) }), error: /phoneConfig.afterContactWorkTimeLimit: 1.5 seconds is not a whole number of seconds/ },
];

const warn: WarnCase[] = [
  // checkPhoneConfig, checkChannelSettings: a desk phone without a number
  { rule: 'PhoneConfig.deskPhone() without a number (JavaScript callers)', build: (_s, r) => minimalProps(r, { phoneConfig: PhoneConfig.deskPhone(js(undefined)) }), id: 'deskPhoneNumberMissing', text: /^phoneConfig.deskPhoneNumber: missing for a desk phone; expected the E.164 number Amazon Connect rings, such as \+15555550100 \(a desk phone without a number cannot ring; the registry schema and the API model do not require one\)/ },
  { rule: 'phoneConfig look-alike desk phone without a number', build: (_s, r) => minimalProps(r, { phoneConfig: js({ phoneType: PhoneType.DESK_PHONE, autoAccept: true }) }), id: 'deskPhoneNumberMissing', text: /^phoneConfig.deskPhoneNumber: missing for a desk phone/ },
  { rule: 'VoicePhone look-alike desk phone without a number', build: (_s, r) => minimalProps(r, { channelSettings: { voice: { phone: js({ phoneType: 'DESK_PHONE' }) } } }), id: 'deskPhoneNumberMissing', text: /^channelSettings.voice.phone.phoneNumber: missing for a desk phone/ },
  { rule: 'desk phone number with text before it', build: (_s, r) => minimalProps(r, { phoneConfig: PhoneConfig.deskPhone('tel:+15555550100') }), id: 'phoneNumberShape', text: /phoneConfig.deskPhoneNumber: 'tel:\+15555550100' has text before the E.164 number/ },
  { rule: 'after contact work at the largest safe whole number of seconds (warned, not rejected)', build: (_s, r) => minimalProps(r, { phoneConfig: PhoneConfig.softPhone({ afterContactWorkTimeLimit: Duration.seconds(Number.MAX_SAFE_INTEGER) }) }), id: 'afterContactWorkMaximum', text: /phoneConfig.afterContactWorkTimeLimit: 9007199254740991 seconds is over/ },
  { rule: 'after contact work above 2,000,000 s', build: (_s, r) => minimalProps(r, { phoneConfig: PhoneConfig.softPhone({ afterContactWorkTimeLimit: Duration.seconds(2_000_001) }) }), id: 'afterContactWorkMaximum', text: /phoneConfig.afterContactWorkTimeLimit: 2000001 seconds is over the 2,000,000 seconds the API reference documents/ },
];

const accept: AcceptCase[] = [
  { name: 'after contact work of 0 seconds (no limit)', build: (_s, r) => minimalProps(r, { phoneConfig: PhoneConfig.softPhone({ afterContactWorkTimeLimit: Duration.seconds(0) }) }) },
  { name: 'after contact work at 2,000,000 seconds', build: (_s, r) => minimalProps(r, { phoneConfig: PhoneConfig.softPhone({ afterContactWorkTimeLimit: Duration.seconds(2_000_000) }) }) },
  { name: 'after contact work in whole minutes', build: (_s, r) => minimalProps(r, { phoneConfig: PhoneConfig.deskPhone('+15555550100', { afterContactWorkTimeLimit: Duration.minutes(2), persistentConnection: true, autoAccept: false }) }) },
];

ruleCases({ reject, warn, accept });

describe('a desk phone without a number (deskPhoneNumberMissing)', () => {
  // A roster reports a rule once, on the roster, naming its agents (src/private/roster/warnings.ts).
  const warnedIn = (roster: ConnectUserRoster) => roster.node.metadata
    .filter(m => m.type === 'aws:cdk:warning' && String(m.data).includes('[ack: cdk-connect-user:deskPhoneNumberMissing]'))
    .map(m => String(m.data).replace(/ \[ack: .*\]$/, ''));

  it('warns of a CSV desk row with an empty phone number cell, and builds it', () => {
    const { roster } = bulkRoster({ rows: [bulkRow('alice', { type: 'desk' }), bulkRow('bob', { type: 'desk', number: '+15555550100' })] });
    expect(warnedIn(roster)).toEqual([expect.stringMatching(/^1 agent \('alice'\): phoneConfig.deskPhoneNumber: missing for a desk phone; expected the E.164 number/)]);
  });

  it('warns of a JSON document user with phoneType DESK_PHONE and no deskPhoneNumber (and of its voice channel alike)', () => {
    const stack = newStack();
    const r = refs(stack);
    const agent = (username: string, more: object) => ({ username, routingProfile: 'Basic', securityProfiles: ['Agent'], ...more });
    const roster = new ConnectUserRoster(stack, 'R', {
      instance: r.instance,
      routingProfiles: { Basic: r.routingProfile },
      securityProfiles: { Agent: r.securityProfile },
      json: JSON.stringify({ version: 1, users: [agent('a', { phoneType: 'DESK_PHONE' }), agent('b', { channelSettings: { voice: { phoneType: 'DESK_PHONE' } } })] }),
    });
    expect(warnedIn(roster)).toEqual([
      expect.stringMatching(/^2 agents \('a', 'b'\): phoneConfig.deskPhoneNumber: missing for a desk phone.* \(the first agent's; 1 other message of this rule\)$/),
    ]);
  });

  it('says the same as VoicePhone.deskPhone(), which refuses the number missing', () => {
    const refused = /phoneNumber: (.*)$/.exec((() => {
      try {
        VoicePhone.deskPhone(js(undefined));
      } catch (e) {
        return (e as Error).message;
      }
      return '';
    })())![1];
    const stack = user({}, PhoneConfig.deskPhone(js(undefined)));
    expect(warningsOf(stack, 'deskPhoneNumberMissing')).toEqual([expect.stringContaining(`phoneConfig.deskPhoneNumber: ${refused} (`)]);
  });

  it('does not warn of a soft phone, a desk phone with a number, or a token number', () => {
    const stack = newStack();
    const r = refs(stack);
    const token = new CfnParameter(stack, 'Desk').valueAsString;
    for (const [i, phoneConfig] of [PhoneConfig.softPhone(), PhoneConfig.deskPhone('+15555550100'), PhoneConfig.deskPhone(token)].entries()) {
      new ConnectUser(stack, `U${i}`, minimalProps(r, { username: `u${i}`, phoneConfig }));
    }
    expect(warningsOf(stack, 'deskPhoneNumberMissing')).toEqual([]);
  });
});

/** Builds a user with these settings; returns its stack. */
function user(channelSettings: UserChannelSettings, phoneConfig?: PhoneConfig) {
  const stack = newStack();
  new ConnectUser(stack, 'U', minimalProps(refs(stack), { channelSettings, phoneConfig }));
  return stack;
}

describe('per-channel settings (checkChannelSettings)', () => {
  it.each([
    ['autoAccept in both', { chat: { autoAccept: true } }, PhoneConfig.softPhone({ autoAccept: false }), /channelSettings: sets autoAccept while phoneConfig.autoAccept is set/],
    ['ACW in both', { task: { afterContactWorkTimeLimit: Duration.seconds(5) } }, PhoneConfig.softPhone({ afterContactWorkTimeLimit: Duration.seconds(5) }), /sets afterContactWorkTimeLimit while phoneConfig.afterContactWorkTimeLimit is set/],
    ['the phone in both', { voice: { phone: VoicePhone.SOFT_PHONE } }, PhoneConfig.softPhone(), /sets voice.phone while phoneConfig \(phone type and number\) is set/],
    ['persistent connection in both', { voice: { persistentConnection: true } }, PhoneConfig.softPhone({ persistentConnection: true }), /sets voice.persistentConnection while phoneConfig.persistentConnection is set/],
  ])('warns of %s (the API reference says they cannot both be set)', (_what, channelSettings, phoneConfig, text) => {
    const stack = user(channelSettings as UserChannelSettings, phoneConfig);
    expect(warningsOf(stack, 'channelConflict')).toEqual([expect.stringMatching(text)]);
  });

  it.each([
    ['an ACW over 2,000,000 s', { email: { afterContactWorkTimeLimit: Duration.days(30) } }, /channelSettings.email.afterContactWorkTimeLimit: 2592000 seconds is over/],
    ['a callback ACW over the limit', { voice: { afterContactWorkTimeLimit: Duration.seconds(1), agentFirstCallbackAfterContactWorkTimeLimit: Duration.days(25) } }, /channelSettings.voice.agentFirstCallbackAfterContactWorkTimeLimit: 2160000 seconds is over/],
  ])('warns of %s (only the API reference states the maximum)', (_what, channelSettings, text) => {
    const stack = user(channelSettings as UserChannelSettings);
    expect(warningsOf(stack, 'afterContactWorkMaximum')).toEqual([expect.stringMatching(text)]);
  });

  it.each([
    ['an ACW that is not whole seconds', { chat: { afterContactWorkTimeLimit: Duration.millis(10) } }, /channelSettings.chat.afterContactWorkTimeLimit: 0.01 seconds is not a whole number/],
    ['a callback auto-accept without auto-accept', { voice: { agentFirstCallbackAutoAccept: true } }, /channelSettings.voice.agentFirstCallbackAutoAccept: is set without channelSettings.voice.autoAccept/],
    ['a callback ACW without ACW', { voice: { agentFirstCallbackAfterContactWorkTimeLimit: Duration.seconds(3) } }, /agentFirstCallbackAfterContactWorkTimeLimit: is set without channelSettings.voice.afterContactWorkTimeLimit/],
    ['a voice enhancement mode that is not one (JavaScript callers)', { voice: { voiceEnhancementMode: 'LOUDER' } }, /channelSettings.voice.voiceEnhancementMode: 'LOUDER' is not a voice enhancement mode/],
    ['an ACW mode that is not one (JavaScript callers)', { task: { afterContactWorkMode: 'always' } }, /channelSettings.task.afterContactWorkMode: 'always' is not an after contact work mode; expected ON, OFF, ON_DEMAND/],
    ['a VoicePhone look-alike with a bad number', { voice: { phone: { phoneType: 'DESK_PHONE', phoneNumber: 'call me' } } }, /channelSettings.voice.phone.phoneNumber: 'call me' is not an E.164 phone number/],
    ['a VoicePhone look-alike with a bad phone type', { voice: { phone: { phoneType: 'CARRIER_PIGEON' } } }, /channelSettings.voice.phone.phoneType: 'CARRIER_PIGEON' is not a phone type/],
    ['a VoicePhone look-alike without a phone type', { voice: { phone: { phoneNumber: '+15555550100' } } }, /channelSettings.voice.phone.phoneType: is missing; expected SOFT_PHONE or DESK_PHONE: make channelSettings.voice.phone with VoicePhone.SOFT_PHONE or VoicePhone.deskPhone\(phoneNumber\)/],
  ])('rejects %s', (_what, channelSettings, error) => {
    expect(() => user(channelSettings as UserChannelSettings)).toThrow(error);
  });

  it('takes every ACW mode of the schema, and a token without judging it', () => {
    for (const mode of ['ON', 'OFF', 'ON_DEMAND']) expect(() => user({ chat: { afterContactWorkMode: mode as AfterContactWorkMode } })).not.toThrow();
    const stack = newStack();
    const token = new CfnParameter(stack, 'Mode').valueAsString;
    expect(() => new ConnectUser(stack, 'U', minimalProps(refs(stack), { channelSettings: { voice: { afterContactWorkMode: token as AfterContactWorkMode } } }))).not.toThrow();
  });

  it('reports a token ACW in minutes beside phoneConfig with its own message (no crash in Duration)', () => {
    const stack = newStack();
    const minutes = new CfnParameter(stack, 'Acw', { type: 'Number' }).valueAsNumber;
    expect(() => new ConnectUser(stack, 'U', minimalProps(refs(stack), {
      channelSettings: { chat: { afterContactWorkTimeLimit: Duration.minutes(minutes) } },
      phoneConfig: PhoneConfig.softPhone({ autoAccept: true }),
    }))).toThrow(/channelSettings.chat.afterContactWorkTimeLimit: a token duration in minutes cannot be converted to seconds/);
  });
});
