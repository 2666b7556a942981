/**
 * The case tables of the tests in test/rules/, one test file per rule file of
 * src/private/rules/. Each case builds a ConnectUser through the public API on a
 * fresh stack: a rejected case must throw the rule's error, a warned one must
 * carry the rule's warning, an accepted one must synthesize. The accepted and
 * warned templates of a file are then linted in one cfn-lint run: what the
 * library lets through, the registry schema must take too.
 */
import { App, SecretValue, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { assertLintClean } from './cfn-lint';
import { newStack, Refs, refs, warningsOf } from './fixtures';
import { ConnectUser, ConnectUserProps, IdentityManagementType, UserPassword } from '../../src';

/** The props of the user a case builds, from the stack and references made for it. */
export type Build = (stack: Stack, r: Refs) => ConnectUserProps;

/** A configuration a rule rejects with an error. */
export interface RejectCase {
  readonly rule: string;
  /** The identity-management type of the instance. */
  readonly type?: IdentityManagementType;
  readonly build: Build;
  readonly error: RegExp;
}

/** A configuration only AWS's prose forbids: a synth warning with a stable id, never an error. */
export interface WarnCase {
  readonly rule: string;
  readonly type?: IdentityManagementType;
  readonly build: Build;
  /** The warning id, without the library prefix. */
  readonly id: string;
  readonly text: RegExp;
}

/** A configuration at a rule's boundary that must be accepted. */
export interface AcceptCase {
  readonly name: string;
  readonly type?: IdentityManagementType;
  readonly env?: { account?: string; region?: string };
  readonly build: Build;
}

export const CM = IdentityManagementType.CONNECT_MANAGED;
export const SAML = IdentityManagementType.SAML;
export const DIR = IdentityManagementType.EXISTING_DIRECTORY;
/** A password by reference, which every identity rule takes as a password. */
export const secretPassword = UserPassword.fromSecretValue(SecretValue.secretsManager('agent-password'));
export const names = { firstName: 'Agent', lastName: 'One' };
export const samlInfo = { ...names, email: 'agent.one@example.com' };
/** `n` times the character `c`. */
export const repeat = (n: number, c = 'a') => c.repeat(n);

/** Synthesizes the app (running synth-time validations) and returns the stack's template. */
export function synth(stack: Stack): Record<string, unknown> {
  (stack.node.root as App).synth();
  return Template.fromStack(stack).toJSON();
}

/**
 * Declares one test per case of each table, then a last test that lints every
 * accepted and warned template (vitest runs a file's tests in order).
 */
export function ruleCases(tables: { readonly reject?: RejectCase[]; readonly warn?: WarnCase[]; readonly accept?: AcceptCase[] }): void {
  const reject = tables.reject ?? [];
  const warn = tables.warn ?? [];
  const accept = tables.accept ?? [];
  const templates: Array<Record<string, unknown>> = [];

  if (reject.length > 0) {
    describe('rejects, naming the property', () => {
      it.each(reject.map(c => [c.rule, c] as const))('%s', (_rule, c) => {
        const stack = newStack();
        expect(() => {
          new ConnectUser(stack, 'User', c.build(stack, refs(stack, c.type)));
          synth(stack);
        }).toThrow(c.error);
      });
    });
  }

  if (warn.length > 0) {
    describe('warns, with a stable id, of what only AWS prose forbids', () => {
      it.each(warn.map(c => [c.rule, c] as const))('%s', (_rule, c) => {
        const stack = newStack();
        new ConnectUser(stack, 'User', c.build(stack, refs(stack, c.type)));
        templates.push(synth(stack));
        expect(warningsOf(stack, c.id)).toEqual(expect.arrayContaining([expect.stringMatching(c.text)]));
      });
    });
  }

  if (accept.length > 0) {
    describe('accepts every boundary', () => {
      it.each(accept.map(c => [c.name, c] as const))('%s', (_name, c) => {
        const stack = newStack(c.env);
        new ConnectUser(stack, 'User', c.build(stack, refs(stack, c.type)));
        const template = synth(stack);
        expect(Object.values(template.Resources as object).filter(r => r.Type === 'AWS::Connect::User')).toHaveLength(1);
        templates.push(template);
      });
    });
  }

  if (warn.length + accept.length > 0) {
    it('every accepted template, and every warned one, passes cfn-lint', () => {
      expect(templates).toHaveLength(warn.length + accept.length);
      assertLintClean(templates);
    });
  }
}
