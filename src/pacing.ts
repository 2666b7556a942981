import { Aspects, CfnResource, IAspect, Stack } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';
import { ConnectUser } from './connect-user';
import { DEFAULT_MAX_CONCURRENT_CREATIONS, Paced, paceLanes } from './private/pacing';
import { ConnectUserValidationError } from './private/problems';
import { checkMaxConcurrentCreations } from './private/rules/roster';
import { ConnectUserRoster } from './roster';

/**
 * Properties of {@link ConnectUserPacing}.
 *
 * @see https://docs.aws.amazon.com/connect/latest/APIReference/best-practices-connect-apis.html
 */
export interface ConnectUserPacingProps {
  /**
   * At most this many of a stack's ConnectUsers are created (or updated) at once.
   * Amazon Connect's API allows 2 requests per second with a burst of 5 per
   * account and Region by default; raise this after raising Connect's API quotas
   * with Service Quotas.
   *
   * @default 5
   * @see https://docs.aws.amazon.com/connect/latest/APIReference/best-practices-connect-apis.html
   */
  readonly maxConcurrentCreations?: number;
}

/**
 * Paces the creation of the `ConnectUser`s of every stack under a scope (an app,
 * a stage or a stack): an aspect that chains each stack's users into DependsOn
 * lanes, so that a deploy of the stack never has more than
 * `maxConcurrentCreations` `AWS::Connect::User` operations in flight. Users are
 * put in lanes by their logical id (not by the order the app declares them), so
 * adding or removing a user changes only DependsOn attributes, which updates no
 * user. Adopted users are imported, not created, and are left out.
 *
 * A `ConnectUserRoster` paces its own agents (`maxConcurrentCreations` on the
 * roster); the paced users of a stack that holds a roster wait for the roster's
 * creations to end, so the stack stays within the larger of the two figures.
 * Each stack (a nested stack too) is paced on its own: stacks deployed at once
 * (`cdk deploy --concurrency`) add up.
 */
export class ConnectUserPacing implements IAspect {
  /**
   * Paces the ConnectUsers of every stack under `scope` (adds this aspect to it).
   *
   * @param scope an app, a stage or a stack
   * @param props the number of creations at once
   */
  public static of(scope: IConstruct, props: ConnectUserPacingProps = {}): ConnectUserPacing {
    const pacing = new ConnectUserPacing(props);
    Aspects.of(scope).add(pacing);
    return pacing;
  }

  /** At most this many user creations at once in each stack. */
  public readonly maxConcurrentCreations: number;

  private readonly paced = new WeakSet<Stack>();

  /**
   * @param props the number of creations at once
   */
  constructor(props: ConnectUserPacingProps = {}) {
    const max = props?.maxConcurrentCreations ?? DEFAULT_MAX_CONCURRENT_CREATIONS;
    const bad = checkMaxConcurrentCreations(max);
    if (bad !== undefined) throw new ConnectUserValidationError(`ConnectUserPacing: ${bad}`);
    this.maxConcurrentCreations = max;
  }

  /**
   * Chains the users of each stack it meets (once per stack).
   *
   * @param node a construct under the scope
   */
  public visit(node: IConstruct): void {
    if (!Stack.isStack(node) || this.paced.has(node)) return;
    this.paced.add(node);
    const users: Paced[] = [];
    const rosterTails: CfnResource[] = [];
    const todo: IConstruct[] = [...node.node.children];
    while (todo.length > 0) {
      const c = todo.pop()!;
      if (Stack.isStack(c)) continue;
      if (ConnectUser.isConnectUser(c)) {
        const resource = c.node.defaultChild as CfnResource | undefined;
        if (!c.adopted && resource !== undefined) users.push({ key: node.resolve(resource.logicalId), resource });
        continue;
      }
      if (c instanceof ConnectUserRoster) rosterTails.push(...c._creationTails());
      for (const child of c.node.children) todo.push(child);
    }
    paceLanes(users, this.maxConcurrentCreations);
    // The heads of the lanes (the first users by logical id) wait for the rosters of the stack.
    const heads = [...users].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0)).slice(0, this.maxConcurrentCreations);
    for (const head of heads) for (const tail of rosterTails) head.resource.addDependency(tail);
  }
}
