/**
 * Two projects: `unit` (test/**, n8n-core in-process: fast) and `e2e` (e2e/**, the packed package in
 * real n8n releases: minutes). A plain `jest` (npm test) runs the unit project only, exactly as
 * before; the e2e project is declared when projects are selected: `jest --selectProjects e2e`
 * (npm run e2e) or `jest --selectProjects unit e2e`.
 */
const transform = { '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.test.json' }] };

/** @type {import('jest').Config} */
const unit = {
	testEnvironment: 'node',
	roots: ['<rootDir>/test'],
	testMatch: ['**/*.test.ts'],
	transform,
	testTimeout: 30000,
	// Runs before each test file (and its imports of n8n-core); its afterAll stops what n8n-core leaves running.
	setupFilesAfterEnv: ['<rootDir>/test/setup.ts'],
};

/** @type {import('jest').Config} */
const e2e = {
	displayName: 'e2e',
	testEnvironment: 'node',
	roots: ['<rootDir>/e2e'],
	testMatch: ['**/*.e2e.ts'],
	transform,
	// builds and packs the package once, installs (or reuses) the cached n8n lines; the teardown removes the pack
	globalSetup: '<rootDir>/e2e/globalSetup.ts',
	globalTeardown: '<rootDir>/e2e/globalTeardown.ts',
	// the time limit of the e2e hooks and tests (jest's testTimeout is one for all projects)
	setupFilesAfterEnv: ['<rootDir>/e2e/setup.ts'],
};

const selecting = process.argv.some((arg) => arg === '--selectProjects' || arg.startsWith('--selectProjects='));

module.exports = selecting
	? { testTimeout: unit.testTimeout, projects: [{ displayName: 'unit', ...unit }, e2e] }
	: unit;
