/**
 * The evidence behind what `cdk-connect-user plan` says a change does: one entry
 * per fact, each with its level, where it is (a file and its lines, a schema
 * version, an API model version, a page) and its date. The field table's verdicts
 * (./fields.ts) and plan (src/cli/plan.ts) name entries by id; plan prints them
 * beside each verdict, in its text and its JSON. docs/cli-plan.md is the long form.
 *
 * How old each source is matters. The public CloudFormation handler for
 * AWS::Connect::User is the newest published (HANDLER_SOURCE below, 2023); the
 * registry schema's history, which terraform-provider-awscc keeps (SCHEMA_HISTORY),
 * shows that the live handler has moved since: proficiencies (2024-01), persistent
 * connection (2025-08), PhoneConfig optional and per-channel settings with
 * connect:UpdateUserConfig (2026-02), AfterContactWorkMode (2026-07), levels 0–10
 * (2026-08). A verdict read from the 2023 code is only as good as that code is
 * still what runs, and its evidence says so.
 */

/**
 * How strong the evidence is:
 * - `handler`: the public source of CloudFormation's handler, read (not run);
 * - `schema`: the registry schema (CloudFormation validates templates against it);
 * - `model`: the Amazon Connect API model (botocore);
 * - `documented`: an AWS documentation page;
 * - `library`: what this library does.
 */
export type EvidenceLevel = 'handler' | 'schema' | 'model' | 'documented' | 'library';

/** One piece of evidence. */
export interface Evidence {
  readonly level: EvidenceLevel;
  /** Where it is: a file and lines, a schema version, a model version, a page's title. */
  readonly where: string;
  /** When that source was written or last changed (YYYY-MM-DD), where it matters. */
  readonly date?: string;
  readonly url?: string;
  /** What it shows, in one sentence. */
  readonly says: string;
}

/** The public handler: aws-cloudformation/aws-cloudformation-resource-providers-connect, its newest commit. */
export const HANDLER_SOURCE = {
  repository: 'https://github.com/aws-cloudformation/aws-cloudformation-resource-providers-connect',
  commit: '41031384ae4ea4c1c3223c053e93425176ba81d4',
  commitDate: '2023-02-02',
  /** UpdateHandler.java and BaseHandlerStd.java were last changed by 49bc627 on this date. */
  fileDate: '2022-10-27',
} as const;

/** The registry schema's versions: terraform-provider-awscc, internal/service/cloudformation/schemas/AWS_Connect_User.json. */
export const SCHEMA_HISTORY = 'https://github.com/hashicorp/terraform-provider-awscc/commits/main/internal/service/cloudformation/schemas/AWS_Connect_User.json';

const UPDATE = 'aws-connect-user/src/main/java/software/amazon/connect/user/UpdateHandler.java';
const BASE = 'aws-connect-user/src/main/java/software/amazon/connect/user/BaseHandlerStd.java';

function handler(file: string, lines: string, says: string): Evidence {
  return {
    level: 'handler',
    where: `${file}:${lines} (newest public source, ${HANDLER_SOURCE.commitDate})`,
    date: HANDLER_SOURCE.fileDate,
    url: `${HANDLER_SOURCE.repository}/blob/${HANDLER_SOURCE.commit}/${file}#L${lines.split(/[-,]/)[0]}`,
    says,
  };
}

function schema(date: string, commit: string, says: string): Evidence {
  return {
    level: 'schema',
    where: `AWS::Connect::User registry schema of ${date} (terraform-provider-awscc ${commit})`,
    date,
    url: `https://github.com/hashicorp/terraform-provider-awscc/blob/${commit}/internal/service/cloudformation/schemas/AWS_Connect_User.json`,
    says,
  };
}

function page(title: string, url: string, says: string): Evidence {
  return { level: 'documented', where: title, url, says };
}

const MODEL = 'Amazon Connect API model (botocore 1.43.11, as requirements-dev.txt pins it)';

const TABLE = {
  // The handler's refusals: each only when the new value is non-empty and differs.
  'handler.instanceArn': handler(UPDATE, '45-47', 'fails with "InstanceArn cannot be updated." when the new InstanceArn is non-empty and differs'),
  'handler.directoryUserId': handler(UPDATE, '49-51', 'fails with "DirectoryUserId cannot be updated." when the new DirectoryUserId is non-empty and differs'),
  'handler.password': handler(UPDATE, '53-55', 'fails with "Password cannot be updated." when the new Password is non-empty and differs'),
  'handler.username': handler(UPDATE, '57-59', 'fails with "Username cannot be updated." when the new Username is non-empty and differs'),
  'handler.emptyIgnored': handler(UPDATE, '45-59', 'checks Username, InstanceArn, DirectoryUserId and Password only when the new value is non-empty, and no call '
    + 'clears them: a removed value leaves the live user as it is'),
  // What the handler calls.
  'handler.request': handler(UPDATE, '36-41', 'the update handler reads the previous and desired properties and tags, nothing else of the template'),
  'handler.identityInfo': handler(UPDATE, '79-104', 'calls UpdateUserIdentityInfo when FirstName, LastName, Email, SecondaryEmail or Mobile differs'),
  'handler.identityInfoRemoved': handler(UPDATE, '96-97', 'an IdentityInfo on one side only counts as a change: UpdateUserIdentityInfo is called, '
    + `with no IdentityInfo (${BASE.split('/').pop()}:110-111)`),
  'handler.phoneConfig': handler(UPDATE, '124-136', 'calls UpdateUserPhoneConfig when AfterContactWorkTimeLimit, AutoAccept, DeskPhoneNumber or PhoneType differs, '
    + 'and compares no other field'),
  'handler.phoneConfigRemoved': handler(UPDATE, '122', `a template without PhoneConfig fails the update: "Required parameter missing UserPhoneConfig" (${BASE.split('/').pop()}:42,130-133)`),
  'handler.phoneConfigAdded': handler(UPDATE, '125', 'reads the previous PhoneConfig without checking that there is one: a user created without PhoneConfig fails the update'),
  'handler.routingProfile': handler(UPDATE, '161-166', 'calls UpdateUserRoutingProfile when RoutingProfileArn differs'),
  'handler.hierarchyGroup': handler(UPDATE, '191-196', 'calls UpdateUserHierarchy when HierarchyGroupArn differs'),
  'handler.securityProfiles': handler(UPDATE, '221-226', 'calls UpdateUserSecurityProfiles only when the new list lacks an entry of the old one'),
  'handler.tags': handler(UPDATE, '38-41,67-68', 'untags the removed tags and tags the added or changed ones (UntagResource, TagResource)'),
  // What the registry schema's history shows.
  'schema.noCreateOnly': schema('2026-08-05', 'd3c4c26', 'no property is create-only: CloudFormation never replaces a user for a property change, it calls the update handler'),
  'schema.required': schema('2026-08-05', 'd3c4c26', 'InstanceArn, RoutingProfileArn, SecurityProfileArns and Username are required: CloudFormation refuses a template without one'),
  'schema.unordered': schema('2026-08-05', 'd3c4c26', 'SecurityProfileArns, Tags, UserProficiencies and the five per-channel lists are "insertionOrder": false: '
    + 'their order carries no meaning'),
  'schema.proficiencies': schema('2024-01-11', '5647b07', 'UserProficiencies appear, with connect:AssociateUserProficiencies, DisassociateUserProficiencies and '
    + 'UpdateUserProficiencies in the update permissions: a handler newer than the public source updates them'),
  'schema.persistentConnection': schema('2025-08-14', '3fb28cf', 'PhoneConfig.PersistentConnection appears, after the public handler was last changed: how the live handler compares it is not published'),
  'schema.perChannel': schema('2026-02-11', 'ba18bef', 'PhoneConfig is no longer required; the per-channel lists appear, with connect:UpdateUserConfig in the update permissions: '
    + 'the live handler is newer than the public source'),
  'schema.afterContactWorkMode': schema('2026-07-15', '8581774', 'AfterContactWorkConfig gains AfterContactWorkMode (ON, OFF, ON_DEMAND)'),
  'schema.levels': schema('2026-08-05', 'd3c4c26', 'proficiency levels 0 to 10 (1 to 5 before)'),
  'model.levels': { level: 'model', where: MODEL, says: 'UserProficiency.Level is 1 to 5' },
  'model.updateUserIdentityInfo': { level: 'model', where: MODEL, says: 'UpdateUserIdentityInfo requires IdentityInfo' },
  'model.duplicateUsername': { level: 'model', where: MODEL, says: 'CreateUser fails with DuplicateResourceException (a username the instance has already)' },
  // CloudFormation's documented behaviour.
  'documented.cleanup': page('AWS CloudFormation User Guide, Monitor the progress of a stack update (and the status UPDATE_COMPLETE_CLEANUP_IN_PROGRESS)',
    'https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/using-cfn-updating-stacks-monitor-stack.html',
    'a stack update removes the resources the template no longer has in its cleanup phase, after the update has created the new ones'),
  'documented.deletionPolicy': page('AWS CloudFormation Template Reference, DeletionPolicy attribute',
    'https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-attribute-deletionpolicy.html',
    'the policy applies when the resource is deleted (the stack is deleted, or the resource leaves the template); '
    + 'Retain and RetainExceptOnCreate keep it then'),
  'documented.updateReplacePolicy': page('AWS CloudFormation Template Reference, UpdateReplacePolicy attribute',
    'https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-attribute-updatereplacepolicy.html',
    'the policy applies only when an update replaces the resource'),
  'documented.dependsOn': page('AWS CloudFormation Template Reference, DependsOn attribute',
    'https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-attribute-dependson.html',
    'DependsOn sets the order in which resources are created, updated and deleted'),
  'documented.existingDirectory': page('Amazon Connect API Reference, UserIdentityInfo',
    'https://docs.aws.amazon.com/connect/latest/APIReference/API_UserIdentityInfo.html',
    'on instances created with the EXISTING_DIRECTORY identity management type, FirstName, LastName and Email cannot be updated from '
    + 'within Amazon Connect: the directory manages them'),
  'documented.import': page('AWS CloudFormation User Guide, importing existing resources into a stack',
    'https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/resource-import.html',
    'a resource that exists already comes under a stack by an import, not by a create'),
  'documented.deployOrder': page('AWS CDK Developer Guide, cdk deploy',
    'https://docs.aws.amazon.com/cdk/v2/guide/ref-cli-cmd-deploy.html',
    'cdk deploy deploys the stacks it is given (a stack the app no longer has is neither updated nor deleted), dependencies first; '
    + 'independent stacks go in the app\'s order, or at once with --concurrency, and \'cdk deploy B\' deploys B alone'),
  // This library.
  'library.required': {
    level: 'library',
    where: 'src/private/rules (the username, instance, routing profile and security profile checks)',
    says: 'a ConnectUser or roster agent without one of the required properties fails at synth: only an edited template or an override leaves one out',
  },
} satisfies Record<string, Evidence>;

/** The id of a piece of evidence. */
export type EvidenceId = keyof typeof TABLE;

/** Every piece of evidence plan cites, by id. */
export const EVIDENCE: { readonly [id in EvidenceId]: Evidence } = TABLE;

/** Evidence by id, with the id. */
export function evidenceOf(id: EvidenceId): Evidence & { readonly id: EvidenceId } {
  return { id, ...EVIDENCE[id] };
}
