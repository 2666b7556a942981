/**
 * The quotas per template of a stack that holds ConnectUsers (rules/quotas.ts), checked once per stack at synth,
 * and the dynamic references a user's password brings. A roster's shards check their own rendered templates
 * (roster/shard.ts).
 */
import { Annotations, CfnOutput, CfnResource, Stack } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';
import type { UserPassword } from '../password';
import { countDynamicReferences, templateQuotaWarning } from './rules/quotas';

/** Where a ConnectUser keeps the dynamic references its password renders (set only when there are any). */
export const DYNAMIC_REFERENCES = Symbol.for('cdk-connect-user.dynamicReferences');

/** The dynamic references a password renders: one when generated; a secret's, as it resolves (once per password). */
export function passwordDynamicReferences(scope: IConstruct, password: UserPassword | undefined): number {
  if (password === undefined || password._kind === 'plaintext') return 0;
  if (password._kind === 'generated') return 1;
  let n = secretReferences.get(password);
  if (n === undefined) {
    try {
      n = countDynamicReferences(JSON.stringify(Stack.of(scope).resolve(password._value!.unsafeUnwrap())) ?? '');
    } catch {
      // The user's checks report a password CDK cannot resolve.
      n = 0;
    }
    secretReferences.set(password, n);
  }
  return n;
}

/** The dynamic references of each password read from a secret, counted once (a roster's `passwords` is shared). */
const secretReferences = new WeakMap<UserPassword, number>();

/** The stacks whose check is registered. */
const registered = new WeakSet<Stack>();

/**
 * Registers, once per stack, the synth-time check of its template against the quotas per template: a warning
 * `cdk-connect-user:templateQuota` naming each quota it is over, the count and how to split. It counts the stack's
 * resources and outputs (constructs, nested stacks left out: each is a template of its own) and the dynamic
 * references of its ConnectUsers' passwords; one walk of the stack's constructs, whatever the number of users.
 */
export function checkStackQuotasOnce(stack: Stack): void {
  if (registered.has(stack)) return;
  registered.add(stack);
  stack.node.addValidation({
    validate: () => {
      warnStackQuotas(stack);
      return [];
    },
  });
}

function warnStackQuotas(stack: Stack): void {
  let resources = 0;
  let outputs = 0;
  let dynamicReferences = 0;
  const todo: IConstruct[] = [...stack.node.children];
  while (todo.length > 0) {
    const c = todo.pop()!;
    if (Stack.isStack(c)) continue;
    if (CfnResource.isCfnResource(c)) resources++;
    else if (c instanceof CfnOutput) outputs++;
    const refs = (c as unknown as Record<symbol, unknown>)[DYNAMIC_REFERENCES];
    if (typeof refs === 'number') dynamicReferences += refs;
    for (const child of c.node.children) todo.push(child);
  }
  const warning = templateQuotaWarning(`stack '${stack.node.path}'`, { resources, outputs, dynamicReferences },
    "dynamic references counted in its ConnectUsers' passwords only");
  if (warning !== undefined) warnTemplateQuota(stack, warning);
}

/** Adds the warning `cdk-connect-user:templateQuota` (rules/quotas.ts) to `scope`: a stack, a shard or a roster. */
export function warnTemplateQuota(scope: IConstruct, text: string): void {
  Annotations.of(scope).addWarningV2('cdk-connect-user:templateQuota', text);
}
