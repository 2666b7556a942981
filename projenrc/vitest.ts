import { Component, TextFile } from 'projen';
import { PROJEN_MARKER } from 'projen/lib/common';
import { NodeProject } from 'projen/lib/javascript';

/**
 * Options for the {@link Vitest} component.
 */
export interface VitestOptions {
  /** Semver range of vitest and @vitest/coverage-v8. */
  readonly version: string;
  /** Minimum coverage (percent) of lines and branches under `src/`. */
  readonly coverageThreshold: number;
  /** Test files, relative to the project root. */
  readonly include?: string[];
  /** Per-test timeout in milliseconds. */
  readonly testTimeout?: number;
}

/**
 * Wires vitest into a projen NodeProject in place of jest.
 *
 * The `test` task becomes: vitest (with v8 coverage and thresholds), then
 * the test type-check (`tsc --noEmit` over the test tsconfig, since vitest
 * only strips types), then eslint. `test:watch` runs vitest in watch mode.
 * The vitest config is generated as `vitest.config.mts` so that the
 * CommonJS TypeScript build never tries to compile it.
 */
export class Vitest extends Component {
  constructor(project: NodeProject, options: VitestOptions) {
    super(project);
    project.addDevDeps(`vitest@${options.version}`, `@vitest/coverage-v8@${options.version}`);

    const include = options.include ?? ['test/**/*.test.ts'];
    new TextFile(project, 'vitest.config.mts', {
      marker: true,
      lines: [
        `// ${PROJEN_MARKER}`,
        "import { defineConfig } from 'vitest/config';",
        '',
        'export default defineConfig({',
        '  test: {',
        `    include: ${JSON.stringify(include)},`,
        `    testTimeout: ${options.testTimeout ?? 30_000},`,
        "    pool: 'forks',",
        '    // Every core: vitest leaves one free by default, which on a 2-core machine runs the files one at a time,',
        '    // and the tests mostly wait on cfn-lint child processes.',
        "    maxWorkers: '100%',",
        '    coverage: {',
        "      provider: 'v8',",
        "      include: ['src/**/*.ts'],",
        "      reporter: ['text-summary', 'lcov'],",
        "      reportsDirectory: 'coverage',",
        '      thresholds: {',
        `        lines: ${options.coverageThreshold},`,
        `        branches: ${options.coverageThreshold},`,
        '      },',
        '    },',
        '  },',
        '});',
        '',
      ],
    });
    // The coverage report is written into the project by every test run: keep it out of the package.
    project.npmignore?.exclude('/vitest.config.mts', '/coverage/');

    const test = project.testTask;
    const lint = project.tasks.tryFind('eslint');
    test.reset('vitest run --coverage', { receiveArgs: true });
    test.exec('tsc --noEmit -p test/tsconfig.json', { name: 'Type-check tests, examples and scripts' });
    if (lint) {
      test.spawn(lint);
    }

    const watch = project.tasks.tryFind('test:watch') ?? project.addTask('test:watch');
    watch.reset('vitest');
    watch.description = 'Run vitest in watch mode';
  }
}
