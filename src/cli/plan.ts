/**
 * What a later `cdk deploy` does to each Amazon Connect user: the new cloud
 * assembly against a baseline (an earlier synth, or the deployed templates).
 *
 * A user keeps its place when its top-level stack (by CloudFormation stack name),
 * its nested stacks and its logical id are the same; ./plan-compare.ts then says
 * what the change of its properties does. A user that left its place but whose
 * instance and username are elsewhere in the new assembly has moved; an adopted
 * user with no place in the baseline must be imported first. Every verdict
 * carries its evidence (src/private/user/evidence.ts); ./plan-format.ts prints it.
 * Only `Properties` are compared: a change of `DependsOn` alone (creation pacing,
 * src/private/pacing.ts) updates no resource (see plan-compare.ts and the evidence).
 */
import { TemplateUser, TopStack } from './assembly';
import { canonical, compareProperties, CompareOptions, Finding } from './plan-compare';

export { canonical } from './plan-compare';
export type { Finding, Verdict } from './plan-compare';

/** The fate of one user, worst first. */
export enum Fate {
  /** The update fails and the stack rolls back. */
  FAILS = 'FAILS',
  /** The user is created anew under another logical id or in another stack. */
  MOVED = 'MOVED',
  /** An adopted user that no stack holds yet: the create would fail on its username. */
  IMPORT_FIRST = 'IMPORT FIRST',
  /** The update may fail: the evidence is documentation, or a handler that has changed since. */
  MAY_FAIL = 'MAY FAIL',
  /** CloudFormation may not apply the change to the live user. */
  MAY_BE_SKIPPED = 'MAY BE SKIPPED',
  /** The user is updated in place. */
  UPDATES = 'UPDATES',
  /** The user leaves the stack. */
  REMOVED = 'REMOVED',
  /** A new user. */
  CREATED = 'CREATED',
}

/** The fates that fail the deploy or move a user: plan exits 1 on any of them. */
export const FAILING_FATES: readonly Fate[] = [Fate.FAILS, Fate.MOVED, Fate.IMPORT_FIRST];

/** One user's line of the plan. */
export interface PlannedUser {
  readonly fate: Fate;
  /** The username as the template writes it (a string, or its JSON when it is not one). */
  readonly username: string;
  /** `stack/logicalId` in the new assembly (in the baseline for a removed user). */
  readonly where: string;
  /** Where a moved user was. */
  readonly from?: string;
  /** What changes, what happens, what to do instead, each with its evidence. */
  readonly findings: readonly Finding[];
}

/** The plan: users with a change, and counts. */
export interface Plan {
  readonly users: PlannedUser[];
  readonly unchanged: number;
  /** Whether any change fails at deploy or moves a user ({@link FAILING_FATES}). */
  readonly fails: boolean;
}

/** What plan knows beyond the two sets of users. */
export interface PlanOptions extends CompareOptions {
  /** The CloudFormation names of the new assembly's top-level stacks: a stack the app no longer has is never deployed. */
  readonly stackNames?: ReadonlySet<string>;
}

/** Where a user deploys: its top-level stack's name, then its nested stacks and logical id. */
function place(u: TemplateUser): string {
  const path = u.top ? `${u.top.stackName}${u.stack.slice(u.top.id.length)}` : u.stack;
  return `${path}\u0000${u.logicalId}`;
}

/** Whether two top-level stacks can be the same one: the same name, and no account or region that differs. */
function sameTop(a: TopStack | undefined, b: TopStack | undefined): boolean {
  if (a === undefined || b === undefined) return a === b;
  const agree = (x?: string, y?: string) => x === undefined || y === undefined || x === y;
  return a.stackName === b.stackName && agree(a.account, b.account) && agree(a.region, b.region);
}

const identity = (u: TemplateUser) => `${canonical(u.properties.InstanceArn)}\u0000${canonical(u.properties.Username)}`;

/** The first of `candidates` not taken yet that `ok` accepts, taken. */
function take(candidates: TemplateUser[] | undefined, taken: Set<TemplateUser>, ok: (c: TemplateUser) => boolean): TemplateUser | undefined {
  const found = candidates?.find(c => !taken.has(c) && ok(c));
  if (found) taken.add(found);
  return found;
}

/** Plans the change from `baseline` to `current`. */
export function plan(baseline: TemplateUser[], current: TemplateUser[], options: PlanOptions = {}): Plan {
  const byPlace = group(baseline, place);
  const byIdentity = group(baseline, identity);
  const taken = new Set<TemplateUser>();
  const users: PlannedUser[] = [];
  let unchanged = 0;

  // First every user that kept its place (the same stack exactly, then one whose environment was unknown), then the ones that moved.
  const kept = new Map<TemplateUser, TemplateUser>();
  for (const same of [(a?: TopStack, b?: TopStack) => canonical(a) === canonical(b), sameTop]) {
    for (const u of current) {
      const old = kept.has(u) ? undefined : take(byPlace.get(place(u)), taken, c => same(c.top, u.top));
      if (old) kept.set(u, old);
    }
  }
  for (const u of current) {
    const old = kept.get(u);
    if (old !== undefined) {
      const findings = compareProperties(old.properties, u.properties, options);
      const fate = fateOf(findings);
      if (fate === undefined) unchanged++;
      else users.push({ fate, username: name(u), where: where(u), findings });
      continue;
    }
    const origin = take(byIdentity.get(identity(u)), taken, () => true);
    if (origin !== undefined) {
      users.push({ fate: Fate.MOVED, username: name(u), where: where(u), from: where(origin), findings: [moved(origin, u, options)] });
    } else if (u.adoption) {
      users.push({ fate: Fate.IMPORT_FIRST, username: name(u), where: where(u), findings: [importFirst(u)] });
    } else {
      users.push({ fate: Fate.CREATED, username: name(u), where: where(u), findings: [] });
    }
  }
  for (const u of baseline) {
    if (taken.has(u)) continue;
    const stays = retained(u.deletionPolicy);
    users.push({
      fate: Fate.REMOVED,
      username: name(u),
      where: where(u),
      findings: [{
        verdict: 'removed',
        text: stays
          ? `leaves the stack and stays in the instance (DeletionPolicy ${u.deletionPolicy})`
          : `leaves the stack and is DELETED from the instance (DeletionPolicy ${u.deletionPolicy ?? 'unset: Delete'})`,
        evidence: ['documented.deletionPolicy'],
      }],
    });
  }
  // Worst first (the enum's order), each fate in the assemblies' order.
  const rank = Object.values(Fate);
  users.sort((a, b) => rank.indexOf(a.fate) - rank.indexOf(b.fate));
  return { users, unchanged, fails: users.some(x => FAILING_FATES.includes(x.fate)) };
}

function group(users: TemplateUser[], key: (u: TemplateUser) => string): Map<string, TemplateUser[]> {
  const map = new Map<string, TemplateUser[]>();
  for (const u of users) map.set(key(u), [...(map.get(key(u)) ?? []), u]);
  return map;
}

/** The worst verdict's fate; `undefined` when nothing that matters changed. */
function fateOf(findings: readonly Finding[]): Fate | undefined {
  const has = (v: Finding['verdict']) => findings.some(f => f.verdict === v);
  return has('fails') ? Fate.FAILS : has('may-fail') ? Fate.MAY_FAIL : has('skipped') ? Fate.MAY_BE_SKIPPED : has('updates') ? Fate.UPDATES : undefined;
}

/** Whether a DeletionPolicy keeps the user in the instance when it leaves the template (documented.deletionPolicy). */
function retained(policy: string | undefined): boolean {
  return policy === 'Retain' || policy === 'RetainExceptOnCreate';
}

const REFACTOR = 'to keep the user, move it without replacement with CloudFormation stack refactoring (nested stacks included), '
  + 'or keep its construct id, roster shard count and stack';

/** Why a move fails, or may: it depends on where the user was and what happens to the old one. */
function moved(origin: TemplateUser, u: TemplateUser, options: PlanOptions): Finding {
  const from = where(origin);
  const oldStack = origin.top?.stackName ?? origin.stack;
  const newStack = u.top?.stackName ?? u.stack;
  if (sameTop(origin.top, u.top) && oldStack === newStack) {
    return {
      verdict: 'moves',
      text: `the logical id or nested stack changed (from ${from}) within stack ${newStack}: CloudFormation creates the user in its new place `
        + 'before it deletes the old one (in the update\'s cleanup phase), and CreateUser refuses the username the old one still holds'
        + `${retained(origin.deletionPolicy) ? ' (and the old one is retained)' : ''}. Instead: ${REFACTOR}`,
      evidence: ['documented.cleanup', 'model.duplicateUsername'],
    };
  }
  if (retained(origin.deletionPolicy)) {
    return {
      verdict: 'moves',
      text: `moved from stack ${oldStack} (${from}) to stack ${newStack}, and the old one is retained (DeletionPolicy ${origin.deletionPolicy}): `
        + `it stays in the instance, so the create in ${newStack} fails on its username. Instead: ${REFACTOR}`,
      evidence: ['documented.deletionPolicy', 'model.duplicateUsername'],
    };
  }
  if (options.stackNames !== undefined && !options.stackNames.has(oldStack)) {
    return {
      verdict: 'moves',
      text: `stack ${oldStack} (${from}) is no longer in the app (renamed, or taken out), and the user is now in stack ${newStack}: `
        + `cdk deploy neither updates nor deletes ${oldStack}, so the user stays there and the create in ${newStack} fails on its username, `
        + `unless ${oldStack} (or the user in it) is deleted first. Instead: keep the stack's name (stackName), or ${REFACTOR.replace('to keep the user, ', '')}`,
      evidence: ['documented.deployOrder', 'model.duplicateUsername'],
    };
  }
  return {
    verdict: 'moves',
    text: `moved from stack ${oldStack} (${from}) to stack ${newStack}, and the old one is deleted (DeletionPolicy ${origin.deletionPolicy ?? 'unset: Delete'}): `
      + `the create in ${newStack} succeeds only if ${oldStack}'s update, which deletes the old user in its cleanup phase, has finished first. `
      + `Nothing in the templates fixes that order unless ${newStack} depends on ${oldStack}: cdk deploy takes independent stacks in the app's order, `
      + `at once with --concurrency, or one alone ('cdk deploy ${newStack}'); and when it works, the user is a new one (a new id). Instead: ${REFACTOR}`,
    evidence: ['documented.deployOrder', 'documented.cleanup', 'model.duplicateUsername'],
  };
}

/** An adopted user that the baseline does not hold: the deploy would create it. */
function importFirst(u: TemplateUser): Finding {
  const nested = u.top !== undefined && u.stack.length > u.top.id.length;
  return {
    verdict: 'import-first',
    text: 'adopted (adopt: true), but its stack does not hold it yet: cdk deploy would create it, and CreateUser refuses the username '
      + `the instance already has. Import it first: ${nested
        ? '\'cdk-connect-user import-roster\' (a roster\'s agents, in nested stacks)'
        : '\'cdk import\' (its import mapping: \'cdk-connect-user import-mapping\')'}, then deploy`,
    evidence: ['model.duplicateUsername', 'documented.import'],
  };
}

function where(u: TemplateUser): string {
  return `${u.stack}/${u.logicalId}`;
}

function name(u: TemplateUser): string {
  const n = u.properties.Username;
  return typeof n === 'string' ? n : canonical(n);
}
