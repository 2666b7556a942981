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

  it('stops at a NextToken that SearchUsers returned before, rather than paging forever', async () => {
    const c = client({ Users: [], NextToken: 't1' }, { Users: [], NextToken: 't2' }, { Users: [], NextToken: 't1' }, { Users: [u('jane', 'z')] });
    await expect(findUser(c, Command, INSTANCE_ARN, 'jane')).rejects.toThrow(
      `SearchUsers returned the NextToken 't1' a second time (page 3) while looking for the username 'jane' in instance ${INSTANCE_ARN}: the search would never end, so it stopped`);
    expect(c.inputs).toHaveLength(3);
  });
});
