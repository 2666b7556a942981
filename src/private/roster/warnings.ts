/**
 * A roster's warnings, one per rule: each rule's warning names how many agents it concerns, the
 * first few usernames and the first agent's message. A warning per agent put CDK's stack trace
 * into the metadata thousands of times (a 10,000-agent SAML roster with emails: 10,000 `samlEmail`
 * warnings, seconds of synthesis and a drowned `cdk synth` output), and could only be
 * acknowledged agent by agent. Evidence: library.
 */
import { Annotations } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';
import { FoundWarning, WARNING_PREFIX } from '../problems';

/** How many usernames a warning names before it counts the rest. */
export const NAMED_AGENTS = 5;

/** The warnings of a roster's agents, gathered by rule. */
export class RosterWarnings {
  private readonly byRule = new Map<string, { usernames: string[]; first: string; texts: Set<string> }>();

  /** Records an agent's warnings. */
  public add(username: string, found: readonly FoundWarning[]): void {
    for (const w of found) {
      let rule = this.byRule.get(w.id);
      if (rule === undefined) this.byRule.set(w.id, rule = { usernames: [], first: w.text, texts: new Set() });
      if (rule.usernames[rule.usernames.length - 1] !== username) rule.usernames.push(username);
      rule.texts.add(w.text);
    }
  }

  /** Adds one warning per rule to the roster, acknowledgeable by the rule's id as any of the library's warnings. */
  public emit(roster: IConstruct): void {
    for (const [id, rule] of this.byRule) {
      const n = rule.usernames.length;
      const named = rule.usernames.slice(0, NAMED_AGENTS).map(u => `'${u}'`).join(', ');
      const others = rule.texts.size - 1;
      Annotations.of(roster).addWarningV2(`${WARNING_PREFIX}${id}`, `${n} agent${n === 1 ? '' : 's'} (${named}${n > NAMED_AGENTS ? `, and ${n - NAMED_AGENTS} more` : ''}): `
        + `${rule.first}${others > 0 ? ` (the first agent's; ${others} other message${others === 1 ? '' : 's'} of this rule)` : ''}`);
    }
  }
}
