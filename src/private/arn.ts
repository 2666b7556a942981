
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

/** One element of an ARN's shape: a character of a class, once or any number of times. */
interface ShapeNode {
  readonly accepts: (c: string) => boolean;
  readonly star: boolean;
}

const PARTITION_CHARS = (c: string) => /^[-a-z0-9]$/.test(c);
const ID_CHARS = (c: string) => /^[-a-zA-Z0-9]$/.test(c);
const DIGIT = (c: string) => /^[0-9]$/.test(c);

/** `text` as nodes that each match one of its characters. */
function literalNodes(text: string): ShapeNode[] {
  return [...text].map(ch => ({ accepts: (c: string) => c === ch, star: false }));
}

/** The registry schema's ARN pattern for `type` (the same as CONNECT_ARN above), as nodes. */
function shapeOf(type: ConnectResourceType): ShapeNode[] {
  const nodes: ShapeNode[] = [
    ...literalNodes('arn:aws'), { accepts: PARTITION_CHARS, star: true },
    ...literalNodes(':connect:'), { accepts: PARTITION_CHARS, star: true },
    ...literalNodes(':'), ...Array.from({ length: 12 }, () => ({ accepts: DIGIT, star: false })),
    ...literalNodes(':instance/'), { accepts: ID_CHARS, star: true },
  ];
  if (type !== 'instance') nodes.push(...literalNodes(`/${type}/`), { accepts: ID_CHARS, star: true });
  return nodes;
}

/**
 * Whether a string made of literal parts and tokens (`undefined` in `parts`) can be an
 * Amazon Connect ARN of `type` for some values of its tokens, each token standing for any
 * string, the empty one included. A small automaton of the schema's pattern, run over the
 * literal characters; a token lets it reach every later state (each element of the shape
 * matches some character), so the answer is exact, never a guess: `false` means no values
 * of the tokens give an ARN the schema's pattern accepts.
 */
export function couldBeConnectArn(parts: ReadonlyArray<string | undefined>, type: ConnectResourceType): boolean {
  const shape = shapeOf(type);
  const end = shape.length;
  // states[i]: the automaton may be before element i.
  let states = closure(new Set([0]), shape);
  for (const part of parts) {
    if (part === undefined) {
      const first = Math.min(...states);
      states = new Set(Array.from({ length: end + 1 - first }, (_, k) => first + k));
      continue;
    }
    for (const c of part) {
      const next = new Set<number>();
      for (const i of states) {
        if (i < end && shape[i].accepts(c)) next.add(shape[i].star ? i : i + 1);
      }
      states = closure(next, shape);
      if (states.size === 0) return false;
    }
  }
  return states.has(end);
}

/** The states reachable without a character: past any element that may repeat zero times. */
function closure(states: Set<number>, shape: ShapeNode[]): Set<number> {
  const out = new Set(states);
  for (const i of states) {
    for (let j = i; j < shape.length && shape[j].star; j++) out.add(j + 1);
  }
  return out;
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
