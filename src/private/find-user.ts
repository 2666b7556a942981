/**
 * Finds the one Amazon Connect user with exactly `username` in an instance,
 * through SearchUsers (EXACT match on Username), following every page.
 *
 * Shared by the deploy-time lookup (its Lambda's inline code is built from this
 * function's source, so it must stay self-contained plain JavaScript: no
 * imports, no helpers) and the import-mapping command.
 *
 * @param client an object with `send(command)`, such as a ConnectClient
 * @param searchUsersCommand the SearchUsersCommand class
 * @throws when no user or more than one user has that username, or when
 * SearchUsers hands back a NextToken it returned before (the pages would never end)
 */
export async function findUser(
  client: { send(command: unknown): Promise<any> },
  searchUsersCommand: new (input: any) => unknown,
  instanceArn: string,
  username: string,
): Promise<{ Arn: string; Id: string; Username: string }> {
  const instanceId = instanceArn.split('/')[1];
  const matches: any[] = [];
  const otherCase: string[] = [];
  const seenTokens = new Set<string>();
  let nextToken: string | undefined = undefined;
  do {
    const page: any = await client.send(new searchUsersCommand({
      InstanceId: instanceId,
      MaxResults: 100,
      NextToken: nextToken,
      SearchCriteria: { StringCondition: { FieldName: 'Username', Value: username, ComparisonType: 'EXACT' } },
    }));
    for (const user of page.Users || []) {
      if (user.Username === username) matches.push(user);
      else if (String(user.Username).toLowerCase() === username.toLowerCase()) otherCase.push(user.Username);
    }
    nextToken = page.NextToken;
    if (nextToken && seenTokens.has(nextToken)) {
      const shown = nextToken.length > 40 ? `${nextToken.slice(0, 40)}…` : nextToken;
      throw new Error(`SearchUsers returned the NextToken '${shown}' a second time (page ${seenTokens.size + 1}) while looking for the username '${username}' in instance ${instanceArn}: the search would never end, so it stopped`);
    }
    if (nextToken) seenTokens.add(nextToken);
  } while (nextToken);
  if (matches.length === 0) {
    const hint = otherCase.length ? ` (usernames that differ only in case: ${otherCase.join(', ')})` : '';
    throw new Error(`No Amazon Connect user has the username '${username}' in instance ${instanceArn}${hint}; expected exactly one`);
  }
  if (matches.length > 1) {
    throw new Error(`${matches.length} Amazon Connect users have the username '${username}' in instance ${instanceArn} (${matches.map(u => u.Arn).join(', ')}); expected exactly one`);
  }
  return matches[0];
}
