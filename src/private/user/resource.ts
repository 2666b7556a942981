/**
 * The `CfnUser` of every `ConnectUser` and roster agent: the L1, rendered as CDK renders it, except that
 * CDK's scan for cross-stack references skips a user in which no token can hide one.
 *
 * Why: `app.synth()` resolves every CloudFormation element of the app once in `prepareApp` only to find
 * the `CfnReference` tokens in it (`resolveReferences`; twice when the app has nested stacks, as every
 * roster does), once more to write its template and once for `tree.json`: the scan is one of three
 * resolutions of a user in a top-level stack and two of four in a roster (BENCHMARKS.md). A user whose
 * properties, overrides and options are literal text holds no reference: resolving it there finds nothing,
 * and skipping it changes nothing in any template.
 *
 * How: CDK's scan is the one place it resolves with `preparing: true` (aws-cdk-lib 2.239,
 * `core/lib/private/resolve.ts` `findTokens`, called only by `refs.ts` `findAllReferences`); writing a
 * template resolves with `preparing: false` (`Stack.resolve`). `IResolveContext.preparing` is documented as
 * "True when we are still preparing, false if we're rendering the final output". So the rendering is a token
 * whose value, while preparing and when nothing in the user is a token, is empty; otherwise it is CDK's own
 * rendering, resolved as CDK resolves it. Evidence: library (aws-cdk-lib's source and interface docs).
 *
 * The one other way to resolve while preparing is a caller's own `Tokenization.resolve(…, { preparing: true })` of
 * `_toCloudFormation()`: it gets nothing for such a user.
 *
 * Were a later aws-cdk-lib to render templates while preparing, users would be missing from them:
 * `test/user-resource.test.ts` checks every file of the cloud assembly against CDK's own rendering
 * (`CfnResource`'s), with and without tokens, in top-level and nested stacks, across stacks and over two synths.
 */
import { IResolvable, IResolveContext, Token, Tokenization } from 'aws-cdk-lib';
import { CfnUser } from 'aws-cdk-lib/aws-connect';
import { isToken } from '../rules/common';

/** A `CfnUser` whose rendering CDK's reference scan skips when it holds no token (see the file's comment). */
export class UserResource extends CfnUser {
  /** @internal */
  public _toCloudFormation(): object {
    return new UserRendering(this, () => super._toCloudFormation());
  }

  /**
   * Whether anything CDK renders into the user's template entry could be or hold a token, a reference among them:
   * its properties (tags included), raw overrides and resource options. Its logical id and `DependsOn` are tokens
   * too, of logical ids, never references, so they are left out. Anything not plain data counts as a token, and
   * so does an aws-cdk-lib whose `rawOverrides` field is gone (then every user is scanned, as CDK does).
   *
   * @internal
   */
  public _mayHoldToken(): boolean {
    const overrides = (this as unknown as { rawOverrides?: unknown }).rawOverrides;
    if (typeof overrides !== 'object' || overrides === null) return true;
    const o = this.cfnOptions;
    return !(plain(this.cfnProperties) && plain(overrides) && plain(o.metadata) && plain(o.condition)
      && plain(o.creationPolicy) && plain(o.updatePolicy) && plain(o.deletionPolicy) && plain(o.updateReplacePolicy)
      && plain(o.version) && plain(o.description));
  }
}

/** The rendering of a `UserResource`: empty while CDK scans for references and the user holds no token. */
class UserRendering implements IResolvable {
  public readonly creationStack: string[] = [];

  constructor(private readonly resource: UserResource, private readonly render: () => object) {}

  public resolve(context: IResolveContext): object {
    if (context.preparing && !this.resource._mayHoldToken()) return {};
    return this.render();
  }

  public toString(): string {
    return Token.asString(this);
  }
}

/** Plain data (strings, numbers, booleans, arrays and plain objects of them) with no token anywhere in it. */
function plain(value: unknown, depth = 0): boolean {
  if (value === undefined || value === null || typeof value === 'boolean') return true;
  if (depth > 32) return false;
  if (typeof value === 'string' || typeof value === 'number') return !isToken(value);
  if (typeof value !== 'object') return false;
  if (Array.isArray(value)) {
    if (isToken(value)) return false;
    for (const v of value) if (!plain(v, depth + 1)) return false;
    return true;
  }
  const proto = Object.getPrototypeOf(value);
  if ((proto !== Object.prototype && proto !== null) || Tokenization.isResolvable(value)) return false;
  for (const v of Object.values(value)) if (!plain(v, depth + 1)) return false;
  return true;
}
