import { SecretValue } from 'aws-cdk-lib';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import { Problems } from './private/problems';
import { describeValue } from './private/rules/common';
import { expectObject } from './private/rules/types';

/**
 * Options of `UserPassword.generate()`.
 */
export interface GeneratedPasswordOptions {
  /**
   * The KMS key that encrypts the generated password's secret.
   *
   * @default - the account's `aws/secretsmanager` key
   */
  readonly encryptionKey?: kms.IKey;
}

/** How a password is given. */
type PasswordKind = 'secret' | 'generated' | 'plaintext';

const USER_PASSWORD_SYMBOL = Symbol.for('cdk-connect-user.UserPassword');

/**
 * The initial password of an Amazon Connect user, in the shape of
 * aws-cdk-lib's `rds.Credentials`: from a Secrets Manager secret, generated into
 * a new secret, or (with a synth warning) as plaintext.
 *
 * Amazon Connect takes a password only on CONNECT_MANAGED instances, and
 * CloudFormation sends it only when it creates the user: its handler refuses a
 * later change ("Password cannot be updated."), so set it once and reset
 * passwords in the Amazon Connect admin website.
 *
 * @see https://docs.aws.amazon.com/connect/latest/APIReference/API_CreateUser.html
 */
export class UserPassword {
  /**
   * The password stored in a Secrets Manager secret, passed to CloudFormation as
   * a dynamic reference: the value never appears in the template.
   *
   * @param secret the secret (created in the app, or imported with `Secret.fromSecretNameV2()` and the like)
   * @param field the JSON key of the password in the secret's value
   * @default field - the whole secret string is the password
   */
  public static fromSecret(secret: secretsmanager.ISecret, field?: string): UserPassword {
    return new UserPassword('secret', field === undefined ? secret.secretValue : secret.secretValueFromJson(field));
  }

  /**
   * The password as a `SecretValue`, such as `SecretValue.secretsManager('name', { jsonField: 'password' })`.
   * `SecretValue.ssmSecure()` is rejected: CloudFormation does not resolve SSM
   * SecureString references for AWS::Connect::User. A plaintext `SecretValue`
   * gets the same synth warning as `unsafePlainText()`.
   *
   * @param value the password's secret value
   */
  public static fromSecretValue(value: SecretValue): UserPassword {
    return new UserPassword('secret', value);
  }

  /**
   * Generate the password into a new Secrets Manager secret (JSON keys `username`
   * and `password`) made beside the user, passed to it through a dynamic
   * reference. The password has 32 characters with at least one lowercase letter,
   * one uppercase letter and one digit, which always meets Amazon Connect's
   * policy. The secret follows the user's removal policy. Do not rotate or
   * replace it: a changed password fails the user's next update.
   *
   * In a roster, every agent gets a secret of its own.
   *
   * @param options the secret's encryption key
   */
  public static generate(options: GeneratedPasswordOptions = {}): UserPassword {
    const problems = new Problems();
    // A JavaScript caller may pass anything: a key is checked by its shape (kms.IKey has keyArn), before Secrets Manager reads it.
    if (expectObject(problems, 'options', options) && options?.encryptionKey !== undefined) {
      const key = options.encryptionKey as unknown as Record<string, unknown> | null;
      if (key === null || typeof key !== 'object' || typeof key.keyArn !== 'string') {
        problems.add('encryptionKey', `is ${describeValue(key)}; expected a KMS key (kms.Key, kms.Alias or kms.Key.fromKeyArn())`);
      }
    }
    problems.throwIfAny('UserPassword.generate()');
    return new UserPassword('generated', undefined, options.encryptionKey);
  }

  /**
   * A plaintext password. It is written into the CloudFormation template, where
   * anyone who can read the template or the stack sees it, so each user with one
   * gets a synth warning (`cdk-connect-user:plaintextPassword`).
   *
   * @param value the password: 8-64 characters without spaces, with a lowercase letter, an uppercase letter and a digit
   */
  public static unsafePlainText(value: string): UserPassword {
    return new UserPassword('plaintext', SecretValue.unsafePlainText(value));
  }

  /**
   * Whether `x` is a `UserPassword` (works across copies of this library).
   *
   * @param x any value
   */
  public static isUserPassword(x: unknown): x is UserPassword {
    return x !== null && typeof x === 'object' && USER_PASSWORD_SYMBOL in x;
  }

  static {
    Object.defineProperty(UserPassword.prototype, USER_PASSWORD_SYMBOL, { value: true });
  }

  /** @internal */
  public readonly _kind: PasswordKind;
  /** The value, unless generated. @internal */
  public readonly _value?: SecretValue;
  /** The generated secret's key. @internal */
  public readonly _encryptionKey?: kms.IKey;

  private constructor(kind: PasswordKind, value?: SecretValue, encryptionKey?: kms.IKey) {
    this._kind = kind;
    this._value = value;
    this._encryptionKey = encryptionKey;
  }

  /** Never the value: a password printed by accident shows only how it is given. */
  public toString(): string {
    return `UserPassword(${this._kind})`;
  }
}
