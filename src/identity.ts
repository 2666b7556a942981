/**
 * How an Amazon Connect instance authenticates its users. It decides which
 * user properties are required or forbidden (password, names, email,
 * directory user id) and how long a username may be.
 *
 * @see https://docs.aws.amazon.com/connect/latest/adminguide/connect-identity-management.html
 */
export enum IdentityManagementType {
  /** Amazon Connect stores users and passwords. */
  CONNECT_MANAGED = 'CONNECT_MANAGED',
  /** Users sign in through a SAML 2.0 identity provider. */
  SAML = 'SAML',
  /** Users come from an existing AWS Directory Service directory. */
  EXISTING_DIRECTORY = 'EXISTING_DIRECTORY',
}

/**
 * Identity information of an agent.
 *
 * @see https://docs.aws.amazon.com/connect/latest/APIReference/API_UserIdentityInfo.html
 */
export interface UserIdentityInfo {
  /**
   * The agent's first name (at most 255 characters), in Unicode Normalization Form C.
   * The API reference requires it on CONNECT_MANAGED and SAML instances (a synth warning when missing).
   *
   * @default - none
   */
  readonly firstName?: string;

  /**
   * The agent's last name (at most 300 characters), in Unicode Normalization Form C.
   * The API reference requires it on CONNECT_MANAGED and SAML instances (a synth warning when missing).
   *
   * @default - none
   */
  readonly lastName?: string;

  /**
   * The agent's email address. On SAML instances the API reference both requires it and says
   * Amazon Connect refuses it, and users have reported the refusal: a synth warning there.
   *
   * @default - none
   */
  readonly email?: string;

  /**
   * A secondary email address. When set, the agent's notifications (other than password
   * resets) go to this address instead of the primary one.
   *
   * @default - none
   */
  readonly secondaryEmail?: string;

  /**
   * The agent's mobile number in E.164 format, such as `+15555550100`.
   *
   * @default - none
   */
  readonly mobile?: string;
}
