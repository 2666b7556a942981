import { RemovalPolicy } from 'aws-cdk-lib';
import { IInstanceRef, IRoutingProfileRef, ISecurityProfileRef, IUserHierarchyGroupRef } from 'aws-cdk-lib/aws-connect';
import { UserChannelSettings } from './channel-settings';
import { IdentityManagementType, UserIdentityInfo } from './identity';
import { UserPassword } from './password';
import { PhoneConfig } from './phone-config';
import { UserProficiency } from './proficiency';

/**
 * Attributes of an existing Amazon Connect user.
 */
export interface ConnectUserAttributes {
  /**
   * The ARN of the user: `arn:<partition>:connect:<region>:<account>:instance/<instance-id>/agent/<user-id>`.
   */
  readonly userArn: string;
}

/**
 * Options of `ConnectUser.fromUsername()`.
 */
export interface ConnectUserLookupOptions {
  /**
   * The instance to look the user up in.
   */
  readonly instance: IInstanceRef;

  /**
   * The username to find. It must match exactly, including case.
   */
  readonly username: string;
}

/**
 * The settings of one agent, written the same way for a {@link ConnectUser} and
 * for an agent of a {@link ConnectUserRoster} (whose CSV and JSON readers produce
 * them too). Where the agent belongs (instance, routing profile, security
 * profiles, hierarchy group) is given by reference on a `ConnectUser` and by
 * name on a roster agent.
 *
 * @see https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-connect-user.html
 */
export interface ConnectUserOptions {
  /**
   * The user's sign-in name: 1 to 64 characters (the registry schema's limit).
   * Amazon Connect documents letters, digits, `_`, `-`, `.` and `@`; other
   * characters are a synth warning.
   *
   * @see https://docs.aws.amazon.com/connect/latest/APIReference/API_CreateUser.html
   */
  readonly username: string;

  /**
   * Phone settings: soft or desk phone, auto-accept, after contact work, persistent connection.
   *
   * @default - no phone settings are sent; Amazon Connect's defaults apply
   * @see https://docs.aws.amazon.com/connect/latest/APIReference/API_UserPhoneConfig.html
   */
  readonly phoneConfig?: PhoneConfig;

  /**
   * Per-channel settings (voice, chat, task, email): auto-accept and After
   * Contact Work per channel, and on voice the phone, persistent connection and
   * voice enhancement. AWS recommends these over `phoneConfig`; a `phoneConfig`
   * field and its per-channel counterpart cannot both be set.
   *
   * @default - none
   * @see https://docs.aws.amazon.com/connect/latest/APIReference/API_UpdateUserConfig.html
   */
  readonly channelSettings?: UserChannelSettings;

  /**
   * The user's names, email addresses and mobile number.
   *
   * @default - none
   * @see https://docs.aws.amazon.com/connect/latest/APIReference/API_UserIdentityInfo.html
   */
  readonly identityInfo?: UserIdentityInfo;

  /**
   * The user's identifier in the existing directory, for EXISTING_DIRECTORY
   * instances that Amazon Connect cannot read. Not allowed on SAML instances.
   *
   * @default - none
   * @see https://docs.aws.amazon.com/connect/latest/APIReference/API_CreateUser.html
   */
  readonly directoryUserId?: string;

  /**
   * The initial password: `UserPassword.fromSecret()` (the value never appears
   * in the template), `UserPassword.generate()` (a new secret per user, exposed
   * as `passwordSecret`) or `UserPassword.unsafePlainText()` (with a synth
   * warning). Amazon Connect documents a password as required on CONNECT_MANAGED
   * instances and refused on others (both synth warnings).
   *
   * CloudFormation only sends the password when the user is created, and its
   * handler refuses a later change ("Password cannot be updated."): set it once.
   * Reset passwords in the Amazon Connect admin website.
   *
   * @default - none; on a roster agent, the roster's `passwords`
   * @see https://docs.aws.amazon.com/connect/latest/APIReference/API_CreateUser.html
   */
  readonly password?: UserPassword;

  /**
   * The agent's proficiencies in predefined attributes, used by routing criteria.
   * More can be added with `addProficiency()`.
   *
   * @default - none
   * @see https://docs.aws.amazon.com/connect/latest/adminguide/predefined-attributes.html
   */
  readonly proficiencies?: UserProficiency[];

  /**
   * Tags of the user. They are merged with tags applied through `Tags.of()`,
   * and on a roster agent with the roster's `tags`.
   *
   * @default - none
   */
  readonly tags?: { [key: string]: string };

  /**
   * The user already exists in the instance (for example it was created in the
   * console) and is to be brought under this stack with a CloudFormation resource
   * import rather than created anew. Forces `DeletionPolicy` and
   * `UpdateReplacePolicy` to `Retain`, as an import requires.
   *
   * Amazon Connect keeps no password that CloudFormation could import, so an
   * adopted user takes no `password`. Run
   * `npx cdk-connect-user import-mapping` after `cdk synth` to get the files
   * `cdk import --resource-mapping` needs (a roster's agents: `import-roster`).
   *
   * @default false; on a roster agent, the roster's `adopt`
   * @see https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/resource-import.html
   */
  readonly adopt?: boolean;

  /**
   * With `adopt`, the ARN of the existing user, which CloudFormation needs to import it
   * (`arn:<partition>:connect:<region>:<account>:instance/<instance-id>/agent/<user-id>`).
   * Without it, `cdk-connect-user import-mapping --lookup` finds the ARN by username.
   *
   * @default - looked up by username when the import mapping is made
   */
  readonly existingUserArn?: string;
}

/**
 * Properties of a {@link ConnectUser}: the agent's settings, and where it belongs.
 *
 * @see https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-connect-user.html
 */
export interface ConnectUserProps extends ConnectUserOptions {
  /**
   * The Amazon Connect instance the user belongs to: a `CfnInstance`, an import
   * from `ConnectInstance.fromInstanceArn()`, or any other `IInstanceRef`.
   */
  readonly instance: IInstanceRef;

  /**
   * The routing profile that decides which queues and channels the agent works.
   *
   * @see https://docs.aws.amazon.com/connect/latest/adminguide/routing-profiles.html
   */
  readonly routingProfile: IRoutingProfileRef;

  /**
   * The security profiles of the user: 1 to 10, all in the user's instance.
   * More can be added with `addSecurityProfile()`.
   *
   * @see https://docs.aws.amazon.com/connect/latest/adminguide/connect-security-profiles.html
   */
  readonly securityProfiles: ISecurityProfileRef[];

  /**
   * The hierarchy group the user belongs to.
   *
   * @default - the user is in no hierarchy group
   * @see https://docs.aws.amazon.com/connect/latest/adminguide/agent-hierarchy.html
   */
  readonly hierarchyGroup?: IUserHierarchyGroupRef;

  /**
   * What happens to the Amazon Connect user (and its generated password's secret)
   * when it leaves the stack or is replaced.
   *
   * Deleting a user is irreversible: the agent loses its sign-in and its history
   * is no longer tied to a live user. Hence the default keeps it, except when the
   * stack operation that created it rolls back: a failed first deploy then leaves
   * no user behind whose username would make the retry fail. An adopted user is
   * always `RETAIN`.
   *
   * @default RemovalPolicy.RETAIN_ON_UPDATE_OR_DELETE (DeletionPolicy `RetainExceptOnCreate`,
   * UpdateReplacePolicy `Retain`); `RemovalPolicy.RETAIN` for an adopted user
   * @see https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-attribute-deletionpolicy.html
   */
  readonly removalPolicy?: RemovalPolicy;

  /**
   * How the instance manages identities. It decides which of password, names,
   * email and directory user id are required or forbidden, and the longest username.
   *
   * @default - read from the instance when it is a `CfnInstance` in this app or an
   * import that states it; otherwise unknown, and the rules that depend on it are not checked
   */
  readonly identityManagementType?: IdentityManagementType;
}
