import { describe, expect, it } from 'vitest';
import { INSTANCE_ARN } from './util/fixtures';
import { findUser } from '../src/private/find-user';

class Command { constructor(public readonly input: any) {} }
const client = (...pages: any[]) => {
  const inputs: any[] = [];
  return { inputs, send: async (cmd: Command) => { inputs.push(cmd.input); return pages[inputs.length - 1]; } };
};
const u = (Username: string, id: string) => ({ Username, Id: id, Arn: `${INSTANCE_ARN}/agent/${id}` });

describe('findUser', () => {
  it('returns the one exact match across pages', async () => {
    const c = client({ Users: [u('JANE', 'x')], NextToken: 'n' }, { Users: [u('jane', 'y')] });
    expect(await findUser(c, Command, INSTANCE_ARN, 'jane')).toEqual(u('jane', 'y'));
    expect(c.inputs.map(i => i.NextToken)).toEqual([undefined, 'n']);
  });

  it('rejects no match and several matches', async () => {
    await expect(findUser(client({ Users: [] }), Command, INSTANCE_ARN, 'jane')).rejects.toThrow(/^No Amazon Connect user has the username 'jane'/);
    await expect(findUser(client({ Users: [u('jane', 'a'), u('jane', 'b')] }), Command, INSTANCE_ARN, 'jane')).rejects.toThrow(/^2 Amazon Connect users/);
  });
});
