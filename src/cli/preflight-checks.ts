/**
 * preflight's checks of one user to be created against what the live instance
 * holds (./preflight.ts reads it). Each check compares values; each has its
 * severity's evidence in {@link FINDING_RULES}. Only literal values are
 * checked: a property that is a token (resolved at deploy) gets a note.
 */
import type { TemplateUser } from './assembly';

/** What preflight read of an instance. */
export interface Live {
  readonly instanceId: string;
  readonly identityManagementType: string;
  /** Every user, as SearchUsers returns them (with their tags). */
  readonly users: Array<{ Id: string; Arn: string; Username: string; Tags?: Record<string, string> }>;
  /** The ids of the routing profiles, security profiles and hierarchy groups. */
  readonly routingProfiles: ReadonlySet<string>;
  readonly securityProfiles: ReadonlySet<string>;
  readonly hierarchyGroups: ReadonlySet<string>;
  /** The predefined attributes' names. */
  readonly attributeNames: ReadonlySet<string>;
  /** The values of each predefined attribute a user to be created names. */
  readonly attributes: ReadonlyMap<string, ReadonlySet<string>>;
}

/** The checks, each with the evidence for what it reports. */
export const FINDING_RULES = {
  usernameTaken: {
    evidence: 'model: CreateUser declares DuplicateResourceException ("A resource with the specified name already exists")',
  },
  usernameCase: {
    evidence: 'library: no AWS source says whether Amazon Connect compares usernames without regard to case; the library\'s '
      + 'usernameCase rule warns of such pairs in an app too',
  },
  routingProfile: { evidence: 'model: CreateUser declares ResourceNotFoundException ("The specified resource was not found")' },
  securityProfile: { evidence: 'model: CreateUser declares ResourceNotFoundException ("The specified resource was not found")' },
  hierarchyGroup: { evidence: 'model: CreateUser declares ResourceNotFoundException ("The specified resource was not found")' },
  proficiency: {
    evidence: 'documented and model: API reference UserProficiency, "You must use name [value] of predefined attribute present in '
      + 'the Amazon Connect instance"; AssociateUserProficiencies declares ResourceNotFoundException',
  },
  identityType: {
    evidence: 'documented: API reference CreateUser, Password: "A password is required if you are using Amazon Connect for identity '
      + 'management. Otherwise, it is an error to include a password"; DirectoryUserId: "If you are using SAML for identity management '
      + 'and include this parameter, an error is returned"',
  },
  usersQuota: {
    evidence: 'model: CreateUser declares LimitExceededException ("The allowed limit for the resource has been exceeded"); quota '
      + '"Users per instance" (L-9A46857E), documented default 500 (Administrator Guide, Amazon Connect service quotas)',
  },
  skipped: { evidence: 'library: a token is resolved by CloudFormation at deploy time, so its value is not known before' },
} as const;

/** A check of preflight. */
export type FindingRule = keyof typeof FINDING_RULES;

/** A finding of one user, before preflight adds the instance, username and place. */
export interface UserFinding {
  readonly severity: 'fails' | 'warning' | 'note';
  readonly check: FindingRule;
  readonly message: string;
  readonly evidence: string;
}

/** `arn:…:instance/<instance id>/<kind>/<id>`: the instance id and the id, or `undefined` when it is not such an ARN. */
function parseRef(arn: string, kind: string): { instanceId: string; id: string } | undefined {
  const m = new RegExp(`^arn:aws[\\w-]*:connect:[a-z0-9-]+:\\d{12}:instance/([\\w-]+)/${kind}/([\\w-]+)$`).exec(arn);
  return m ? { instanceId: m[1], id: m[2] } : undefined;
}

/** Every finding of one user the next deploy creates in the instance read as `live`. */
export function userFindings(u: TemplateUser, username: string, instanceArn: string, live: Live): UserFinding[] {
  const out: UserFinding[] = [];
  const props = u.properties;
  const add = (severity: UserFinding['severity'], check: FindingRule, message: string) =>
    out.push({ severity, check, message, evidence: FINDING_RULES[check].evidence });
  const unchecked: string[] = [];

  // The username.
  const exact = live.users.find(l => l.Username === username);
  if (exact !== undefined) {
    const stack = exact.Tags?.['aws:cloudformation:stack-name'];
    const by = stack !== undefined ? `, made by CloudFormation stack ${stack} as ${exact.Tags?.['aws:cloudformation:logical-id']}` : '';
    add('fails', 'usernameTaken', `username '${username}' is taken in the instance by ${exact.Arn}${by}: CreateUser fails with DuplicateResourceException. `
      + 'To take that user over instead, mark it adopt: true with existingUserArn and import it (cdk import, or cdk-connect-user import-roster); '
      + `'cdk-connect-user export --instance-arn ${instanceArn}' writes the instance's users as a roster, each marked adopt`);
  } else {
    const other = live.users.filter(l => l.Username.toLowerCase() === username.toLowerCase());
    if (other.length > 0) {
      add('warning', 'usernameCase', `username '${username}' differs only in case from ${other.map(l => `'${l.Username}' (${l.Arn})`).join(', ')} `
        + 'in the instance; Amazon Connect may treat them as the same sign-in name, and the create may fail');
    }
  }

  // The references: each must name a profile or group of this instance.
  const reference = (property: string, value: unknown, kind: string, ids: ReadonlySet<string>, check: FindingRule, what: string) => {
    if (value === undefined) return;
    if (typeof value !== 'string') {
      unchecked.push(property);
      return;
    }
    const ref = parseRef(value, kind);
    if (ref === undefined || ref.instanceId !== live.instanceId || !ids.has(ref.id)) {
      add('fails', check, `${property} ${value} is not a ${what} of the instance${ref !== undefined && ref.instanceId !== live.instanceId ? ` (it names instance ${ref.instanceId})` : ''}: `
        + 'CreateUser fails with ResourceNotFoundException; create it first, or use one the instance has');
    }
  };
  reference('RoutingProfileArn', props.RoutingProfileArn, 'routing-profile', live.routingProfiles, 'routingProfile', 'routing profile');
  const profiles = props.SecurityProfileArns;
  if (Array.isArray(profiles)) {
    profiles.forEach((p, i) => reference(`SecurityProfileArns[${i}]`, p, 'security-profile', live.securityProfiles, 'securityProfile', 'security profile'));
  } else if (profiles !== undefined) {
    unchecked.push('SecurityProfileArns');
  }
  reference('HierarchyGroupArn', props.HierarchyGroupArn, 'agent-group', live.hierarchyGroups, 'hierarchyGroup', 'hierarchy group');

  // Proficiencies: predefined attributes of the instance, and their values.
  const proficiencies = props.UserProficiencies;
  if (Array.isArray(proficiencies)) {
    for (const p of proficiencies) {
      const name = p?.AttributeName;
      const value = p?.AttributeValue;
      if (typeof name !== 'string' || typeof value !== 'string') {
        unchecked.push('UserProficiencies');
        continue;
      }
      if (!live.attributeNames.has(name)) {
        add('fails', 'proficiency', `UserProficiencies: '${name}' is not a predefined attribute of the instance `
          + `(it has: ${[...live.attributeNames].sort().join(', ') || 'none'}); create it first (CreatePredefinedAttribute, or the admin website)`);
      } else if (!live.attributes.get(name)?.has(value)) {
        add('fails', 'proficiency', `UserProficiencies: '${value}' is not a value of the predefined attribute '${name}' `
          + `(it has: ${[...(live.attributes.get(name) ?? [])].sort().join(', ') || 'none'}); add the value to the attribute first`);
      }
    }
  } else if (proficiencies !== undefined) {
    unchecked.push('UserProficiencies');
  }

  // The identity-management type the template implies, against the instance's.
  const type = live.identityManagementType;
  const hasPassword = props.Password !== undefined;
  if (type === 'CONNECT_MANAGED' && !hasPassword) {
    add('warning', 'identityType', 'has no Password, as on a SAML or EXISTING_DIRECTORY instance, but the instance is CONNECT_MANAGED, where the API reference '
      + 'requires one: set password (UserPassword.generate() or fromSecret()) and identityManagementType CONNECT_MANAGED');
  } else if (type !== 'CONNECT_MANAGED' && hasPassword) {
    add('warning', 'identityType', `has a Password, as on a CONNECT_MANAGED instance, but the instance is ${type}, where the API reference says a password `
      + `is an error: leave the password out and state identityManagementType ${type}`);
  }
  if (type === 'SAML' && props.DirectoryUserId !== undefined) {
    add('warning', 'identityType', 'has a DirectoryUserId, as on an EXISTING_DIRECTORY instance, but the instance is SAML, where the API reference says it is an error');
  }

  if (unchecked.length > 0) {
    add('note', 'skipped', `not checked: ${[...new Set(unchecked)].join(', ')} (not literal values: tokens resolved at deploy time)`);
  }
  return out;
}
