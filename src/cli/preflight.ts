/**
 * `cdk-connect-user preflight`: what the live Amazon Connect instance will
 * refuse of the users the next deploy creates, read before the deploy with
 * read-only calls (DescribeInstance, SearchUsers, ListRoutingProfiles,
 * ListSecurityProfiles, ListUserHierarchyGroups, ListPredefinedAttributes and
 * DescribePredefinedAttribute for the attributes the users name; Service
 * Quotas' GetServiceQuota for the users quota).
 *
 * Other commands call {@link preflightUsers} with the users they know are
 * created (`plan --deployed` can pass its CREATED and MOVED users).
 */
import { AssemblyStack, readStacks, TemplateUser, usersOf } from './assembly';
import { ConnectApi, listAll } from './aws/connect';
import type { UsersQuota } from './aws/service-quotas';
import { FINDING_RULES, FindingRule, Live, userFindings } from './preflight-checks';

export type { FindingRule } from './preflight-checks';

/** How bad a finding is: `fails` (the deploy fails: exit 1), `warning` (it may), `note` (what was not checked, and why). */
export type Severity = 'fails' | 'warning' | 'note';

/** One finding of preflight. */
export interface PreflightFinding {
  readonly severity: Severity;
  /** Which check found it ({@link FINDING_RULES}: its evidence is there too). */
  readonly check: FindingRule;
  readonly instanceArn?: string;
  /** The user's username, when the finding is about one user. */
  readonly username?: string;
  /** `<stack path>/<logical id>`, when the finding is about one user. */
  readonly where?: string;
  /** What is wrong, the value, what is expected and what to do. */
  readonly message: string;
  /** Why preflight says so: the evidence level and its source. */
  readonly evidence: string;
}

/** What preflight read of one instance. */
export interface PreflightInstance {
  readonly instanceArn: string;
  readonly identityManagementType: string;
  /** Users the instance has now. */
  readonly existingUsers: number;
  /** Users the next deploy creates in it (that preflight checked). */
  readonly created: number;
  readonly usersQuota: UsersQuota;
}

/** The result of preflight. */
export interface PreflightResult {
  readonly findings: PreflightFinding[];
  readonly instances: PreflightInstance[];
  /** Users checked as to be created. */
  readonly created: number;
  /** Users the deploy does not create: adopted (imported), or in the instance already from this very stack. */
  readonly notCreated: number;
  /** Users whose instance or username is not a literal: not checked. */
  readonly skipped: number;
  /** Whether anything would fail: a `fails` finding. */
  readonly fails: boolean;
}

/** What preflight needs to reach AWS. */
export interface PreflightOptions {
  /** A counting Connect API for an instance ARN. */
  readonly connect: (instanceArn: string) => ConnectApi;
  /** The users-per-instance quota of an instance. */
  readonly usersQuota: (instanceArn: string) => Promise<UsersQuota>;
  /**
   * Whether the next deploy creates this user.
   * @default - every user not adopted whose username the instance does not hold as this very resource
   * (CloudFormation's aws:cloudformation:stack-name and logical-id tags on the live user)
   */
  readonly created?: (user: TemplateUser) => boolean;
  /** The CloudFormation stack name of each top-level stack of the assembly, by its id (for the tags above). */
  readonly stackNames?: ReadonlyMap<string, string>;
}

/** The page sizes: the most each operation takes (botocore's Connect model). */
const PAGE = {
  SearchUsers: 500, ListRoutingProfiles: 1000, ListSecurityProfiles: 1000, ListUserHierarchyGroups: 1000, ListPredefinedAttributes: 100,
};

/** Preflight of every user of an assembly (`cdk.out`), nested stacks included. */
export async function runPreflight(assemblyDir: string, options: Omit<PreflightOptions, 'stackNames'>): Promise<PreflightResult> {
  const stacks: AssemblyStack[] = readStacks(assemblyDir);
  const users = stacks.flatMap(s => usersOf(s.id, s.template, s.nestedTemplate));
  return preflightUsers(users, { ...options, stackNames: new Map(stacks.map(s => [s.id, s.stackName])) });
}

const INSTANCE_ARN = /^arn:aws[\w-]*:connect:[a-z0-9-]+:\d{12}:instance\/([\w-]+)$/;

/** Preflight of `users` (what {@link usersOf} gives). */
export async function preflightUsers(users: TemplateUser[], options: PreflightOptions): Promise<PreflightResult> {
  const findings: PreflightFinding[] = [];
  const byInstance = new Map<string, TemplateUser[]>();
  let skipped = 0;
  let notCreated = 0;
  for (const u of users) {
    if (u.adoption) {
      notCreated++;
      continue;
    }
    const arn = u.properties.InstanceArn;
    if (typeof arn !== 'string' || !INSTANCE_ARN.test(arn)) {
      skipped++;
      findings.push(note('skipped', u, `not checked: its InstanceArn ${JSON.stringify(arn)} is not a literal instance ARN (a token resolved at deploy time)`));
      continue;
    }
    byInstance.set(arn, [...(byInstance.get(arn) ?? []), u]);
  }
  const instances: PreflightInstance[] = [];
  let created = 0;
  for (const [instanceArn, candidates] of byInstance) {
    const live = await readLive(options.connect(instanceArn), instanceArn, candidates);
    const quota = await options.usersQuota(instanceArn);
    let createdHere = 0;
    for (const u of candidates) {
      const username = u.properties.Username;
      if (typeof username !== 'string') {
        skipped++;
        findings.push(note('skipped', u, `not checked: its Username ${JSON.stringify(username)} is not a literal (a token resolved at deploy time)`));
        continue;
      }
      const isCreated = options.created ? options.created(u) : !deployedAlready(u, username, live, options.stackNames);
      if (!isCreated) {
        notCreated++;
        continue;
      }
      createdHere++;
      const where = `${u.stack}/${u.logicalId}`;
      findings.push(...userFindings(u, username, instanceArn, live).map(f => ({ ...f, instanceArn, username, where })));
    }
    created += createdHere;
    instances.push({
      instanceArn, identityManagementType: live.identityManagementType, existingUsers: live.users.length, created: createdHere, usersQuota: quota,
    });
    findings.push(...quotaFindings(instanceArn, live.users.length, createdHere, quota));
  }
  return { findings, instances, created, notCreated, skipped, fails: findings.some(f => f.severity === 'fails') };
}

function note(check: FindingRule, u: TemplateUser, message: string): PreflightFinding {
  const username = typeof u.properties.Username === 'string' ? u.properties.Username : undefined;
  return { severity: 'note', check, ...(username ? { username } : {}), where: `${u.stack}/${u.logicalId}`, message, evidence: FINDING_RULES[check].evidence };
}

/** Reads what the checks compare with: the instance's type, users, profiles, groups and the attributes the users name. */
async function readLive(api: ConnectApi, instanceArn: string, users: TemplateUser[]): Promise<Live> {
  const InstanceId = INSTANCE_ARN.exec(instanceArn)![1];
  const [instance, liveUsers, routingProfiles, securityProfiles, hierarchyGroups, attributes] = await Promise.all([
    api.call('DescribeInstance', { InstanceId }),
    listAll<Live['users'][number]>(api, 'SearchUsers', { InstanceId }, 'Users', PAGE.SearchUsers),
    listAll<{ Id: string }>(api, 'ListRoutingProfiles', { InstanceId }, 'RoutingProfileSummaryList', PAGE.ListRoutingProfiles),
    listAll<{ Id: string }>(api, 'ListSecurityProfiles', { InstanceId }, 'SecurityProfileSummaryList', PAGE.ListSecurityProfiles),
    listAll<{ Id: string }>(api, 'ListUserHierarchyGroups', { InstanceId }, 'UserHierarchyGroupSummaryList', PAGE.ListUserHierarchyGroups),
    listAll<{ Name: string }>(api, 'ListPredefinedAttributes', { InstanceId }, 'PredefinedAttributeSummaryList', PAGE.ListPredefinedAttributes),
  ]);
  // The values of each attribute the users name (literal names the instance has), one DescribePredefinedAttribute each.
  const names = new Set(attributes.map(a => a.Name));
  const named = new Set<string>();
  for (const u of users) {
    const list = u.properties.UserProficiencies;
    if (!Array.isArray(list)) continue;
    for (const p of list) if (typeof p?.AttributeName === 'string' && names.has(p.AttributeName)) named.add(p.AttributeName);
  }
  const values = new Map<string, Set<string>>();
  for (const Name of [...named].sort()) {
    const { PredefinedAttribute } = await api.call('DescribePredefinedAttribute', { InstanceId, Name });
    values.set(Name, new Set(PredefinedAttribute.Values?.StringList ?? []));
  }
  return {
    instanceId: InstanceId,
    identityManagementType: String(instance.Instance.IdentityManagementType),
    users: liveUsers,
    routingProfiles: new Set(routingProfiles.map(r => r.Id)),
    securityProfiles: new Set(securityProfiles.map(r => r.Id)),
    hierarchyGroups: new Set(hierarchyGroups.map(r => r.Id)),
    attributes: values,
    attributeNames: names,
  };
}

/**
 * Whether the live user with this username is this very resource, made by an earlier deploy of its stack: the
 * tags CloudFormation puts on the users it creates name its logical id and its stack (a nested stack's name
 * begins with its top-level stack's name and a hyphen).
 * Evidence: schema. The AWS::Connect::User registry schema has tagging.cloudFormationSystemTags true.
 */
function deployedAlready(u: TemplateUser, username: string, live: Live, stackNames?: ReadonlyMap<string, string>): boolean {
  const top = u.stack.split('/')[0];
  const stackName = stackNames?.get(top) ?? top;
  const nested = u.stack.includes('/');
  return live.users.some(l => l.Username === username
    && l.Tags?.['aws:cloudformation:logical-id'] === u.logicalId
    && (nested ? String(l.Tags?.['aws:cloudformation:stack-name']).startsWith(`${stackName}-`) : l.Tags?.['aws:cloudformation:stack-name'] === stackName));
}

/** The users quota of one instance: the users it has plus the ones the deploy creates. */
function quotaFindings(instanceArn: string, existing: number, created: number, quota: UsersQuota): PreflightFinding[] {
  const findings: PreflightFinding[] = [];
  if (quota.source === 'documented') {
    findings.push({
      severity: 'note',
      check: 'usersQuota',
      instanceArn,
      evidence: FINDING_RULES.usersQuota.evidence,
      message: `users quota: the documented default of ${quota.value} is assumed, as the applied value could not be read (${quota.note}); `
        + 'an instance whose quota was raised holds more',
    });
  }
  if (created > 0 && existing + created > quota.value) {
    findings.push({
      severity: quota.source === 'applied' ? 'fails' : 'warning',
      check: 'usersQuota',
      instanceArn,
      evidence: FINDING_RULES.usersQuota.evidence,
      message: `${existing} user(s) in the instance and ${created} to create make ${existing + created}, over its users quota of ${quota.value} `
        + `(${quota.source === 'applied' ? 'Service Quotas' : 'the documented default'}): CreateUser fails with LimitExceededException past it; `
        + 'ask for a higher "Users per instance" quota (L-9A46857E) before the deploy, or create fewer users',
    });
  }
  return findings;
}
