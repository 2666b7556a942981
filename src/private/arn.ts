
/**
 * Amazon Connect resource types that a user refers to, as they appear in ARNs.
 *
 * Source: Service Authorization Reference, "Resource types defined by Amazon Connect"
 * (instance, agent, routing-profile, security-profile, agent-group), and the
 * AWS::Connect::User registry schema patterns for UserArn, RoutingProfileArn,
 * SecurityProfileArns and HierarchyGroupArn.
 */
export type ConnectResourceType = 'instance' | 'agent' | 'routing-profile' | 'security-profile' | 'agent-group';

/** The parts of a literal Amazon Connect ARN. */
export interface ConnectArnParts {
  readonly partition: string;
  readonly region: string;
  readonly account: string;
  readonly instanceId: string;
  readonly resourceType: ConnectResourceType;
  /** The id after `instance/<id>/<type>/`, or the instance id for an instance ARN. */
  readonly resourceId: string;
  /** `arn:<partition>:connect:<region>:<account>:instance/<instanceId>`. */
  readonly instanceArn: string;
}

// Source: AWS::Connect::User registry schema (InstanceArn, UserArn, RoutingProfileArn,
// SecurityProfileArn, HierarchyGroupArn patterns), exactly: the region and the ids may be empty
// there, which the rules warn about (see rules/references.ts).
const CONNECT_ARN = /^arn:(aws[-a-z0-9]*):connect:([-a-z0-9]*):([0-9]{12}):instance\/([-a-zA-Z0-9]*)(?:\/(agent|routing-profile|security-profile|agent-group)\/([-a-zA-Z0-9]*))?$/;

/** What an ARN of each type looks like, for error messages. */
export function expectedArnShape(type: ConnectResourceType): string {
  const base = 'arn:<partition>:connect:<region>:<account>:instance/<instance-id>';
  return type === 'instance' ? base : `${base}/${type}/<${type}-id>`;
}

/**
 * Parses a literal Amazon Connect ARN of the given type.
 *
 * @returns the parts, or `undefined` when the ARN does not have that shape.
 */
export function parseConnectArn(arn: string, type: ConnectResourceType): ConnectArnParts | undefined {
  const parts = parseAnyConnectArn(arn);
  return parts?.resourceType === type ? parts : undefined;
}

// Rosters give thousands of users the same few ARNs: parse each string once.
const parsed = new Map<string, ConnectArnParts | undefined>();

function parseAnyConnectArn(arn: string): ConnectArnParts | undefined {
  if (parsed.has(arn)) return parsed.get(arn);
  const result = parseUncached(arn);
  if (parsed.size < 10_000) parsed.set(arn, result);
  return result;
}

function parseUncached(arn: string): ConnectArnParts | undefined {
  const m = CONNECT_ARN.exec(arn);
  if (!m) {
    return undefined;
  }
  const [, partition, region, account, instanceId, childType, childId] = m;
  const actualType = (childType ?? 'instance') as ConnectResourceType;
  return {
    partition,
    region,
    account,
    instanceId,
    resourceType: actualType,
    resourceId: childId ?? instanceId,
    instanceArn: `arn:${partition}:connect:${region}:${account}:instance/${instanceId}`,
  };
}
