/** A roster over rows of Amazon Connect's bulk user upload template, for the tests of the roster and its rules. */
import { App, Stack } from 'aws-cdk-lib';
import { ACCOUNT, hierarchyGroupArn, REGION, refs, routingProfileArn, securityProfileArn } from './fixtures';
import { ConnectUserRoster, ConnectUserRosterProps, RoutingProfile, SecurityProfile, UserHierarchyGroup } from '../../src';

/** The header of the bulk user upload template. */
export const BULK_HEADER = 'first name,last name,email address,password,user login,routing profile name,security_profile_name_1|security_profile_name_2,phone type (soft/desk),phone number,soft phone auto accept (yes/no),ACW timeout (seconds),user hierarchy';

/** A row of the bulk template for `login`: routing profile Basic, security profile Agent, a soft phone; `extra` changes cells. */
export const bulkRow = (login: string, extra: Partial<Record<'rp' | 'sp' | 'type' | 'number' | 'auto' | 'acw' | 'hier' | 'pw', string>> = {}) =>
  ['Agent', login, `${login}@example.com`, extra.pw ?? '', login, extra.rp ?? 'Basic', extra.sp ?? 'Agent', extra.type ?? 'soft', extra.number ?? '', extra.auto ?? 'yes', extra.acw ?? '30', extra.hier ?? ''].join(',');

/**
 * A roster in a new app, with routing profiles Basic and Sales, security profiles
 * Agent and Supervisor, and hierarchy group support/eu; its agents are `rows` of the
 * bulk template unless `users` is given.
 */
export function bulkRoster(overrides: Partial<ConnectUserRosterProps> & { rows?: string[] } = {}) {
  const app = new App();
  const stack = new Stack(app, 'Agents', { env: { account: ACCOUNT, region: REGION } });
  const r = refs(stack);
  const { rows, ...rest } = overrides;
  const construct = new ConnectUserRoster(stack, 'Roster', {
    instance: r.instance,
    routingProfiles: { Basic: r.routingProfile, Sales: RoutingProfile.fromRoutingProfileArn(stack, 'Sales', routingProfileArn('rp-sales')) },
    securityProfiles: { Agent: r.securityProfile, Supervisor: SecurityProfile.fromSecurityProfileArn(stack, 'Sup', securityProfileArn('sp-sup')) },
    hierarchyGroups: { 'support/eu': UserHierarchyGroup.fromUserHierarchyGroupArn(stack, 'Eu', hierarchyGroupArn('hg-eu')) },
    ...(rest.users ? {} : { csv: [BULK_HEADER, ...(rows ?? [])].join('\n') }),
    ...rest,
  });
  return { app, stack, roster: construct };
}
