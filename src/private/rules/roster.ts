/** Rules of a roster: its rows, its CSV cells and its shards. See common.ts for the evidence levels. */
import { Duration } from 'aws-cdk-lib';
import { PhoneType } from '../../phone-config';

// Evidence: observed (CloudFormation quota). A template holds at most 500 resources; CloudFormation
// refuses a larger one when the stack is created or updated.
export const MAX_RESOURCES_PER_TEMPLATE = 500;

/** The errors of shards that would hold more resources than a template may. */
export function checkShardLoads(load: ReadonlyMap<number, number>, shardCount: number): string[] {
  const errors: string[] = [];
  for (const [shard, resources] of [...load.entries()].sort((a, b) => a[0] - b[0])) {
    if (resources > MAX_RESOURCES_PER_TEMPLATE) {
      errors.push(`shard ${shard} would hold ${resources} resources, over CloudFormation's ${MAX_RESOURCES_PER_TEMPLATE} per template; expected a larger shardCount (now ${shardCount})`);
    }
  }
  return errors;
}

/** Evidence: library. The shard count is a whole number of nested stacks. */
export function checkShardCount(shardCount: number): string | undefined {
  return Number.isInteger(shardCount) && shardCount >= 1 ? undefined : `shardCount ${shardCount} is not a whole number of at least 1`;
}

// The cells of Amazon Connect's bulk user upload template (evidence: library, the template's own values).
// Each returns the value, or pushes an error naming the cell.

export function phoneTypeCell(cell: string | undefined, errors: string[]): PhoneType | undefined {
  if (cell === undefined) return undefined;
  const t = cell.toLowerCase();
  if (t === 'soft' || t === 'soft_phone') return PhoneType.SOFT_PHONE;
  if (t === 'desk' || t === 'desk_phone') return PhoneType.DESK_PHONE;
  errors.push(`phone type '${cell}' is not soft or desk`);
  return undefined;
}

export function yesNoCell(cell: string | undefined, name: string, errors: string[]): boolean | undefined {
  if (cell === undefined) return undefined;
  const a = cell.toLowerCase();
  if (a === 'yes' || a === 'true') return true;
  if (a === 'no' || a === 'false') return false;
  errors.push(`${name} '${cell}' is not yes or no`);
  return undefined;
}

export function secondsCell(cell: string | undefined, name: string, errors: string[]): Duration | undefined {
  if (cell === undefined) return undefined;
  if (/^\d+$/.test(cell)) return Duration.seconds(Number(cell));
  errors.push(`${name} '${cell}' is not a whole number of seconds`);
  return undefined;
}

/** Evidence: library. A plaintext password cell would land in the template: only on request. */
export function checkPasswordCell(cell: string | undefined, allowPlaintextPasswords: boolean, errors: string[]): void {
  if (cell !== undefined && !allowPlaintextPasswords) {
    errors.push('has a plaintext password (value not shown); expected an empty password cell and generatePasswords, or allowPlaintextPasswords');
  }
}

/** Evidence: schema. Username and RoutingProfileArn are required properties. */
export function checkRequiredCells(cells: { username?: string; routingProfile?: string }, errors: string[]): void {
  if (cells.username === undefined) errors.push('user login is empty');
  if (cells.routingProfile === undefined) errors.push('routing profile name is empty');
}
