import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { afterEach } from 'vitest';

/**
 * A maker of temporary directories for the tests of one file (or describe block),
 * each removed after the test that made it.
 */
export function tempDirs(prefix: string): () => string {
  const made: string[] = [];
  afterEach(() => made.splice(0).forEach(d => fs.rmSync(d, { recursive: true, force: true })));
  return () => {
    const d = fs.mkdtempSync(path.join(os.tmpdir(), `${prefix}-`));
    made.push(d);
    return d;
  };
}
