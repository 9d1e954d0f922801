/**
 * Two projects: `unit` (test/**, n8n-core in-process: fast) and `e2e` (test/e2e/**, the packed package in
 * real n8n releases: minutes). A plain `jest` (npm test) runs the unit project only, exactly as
 * before; the e2e project is declared when projects are selected: `jest --selectProjects e2e`
 * (npm run e2e) or `jest --selectProjects unit e2e`.
 */
const transform = { '^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/test/tsconfig.jest.json' }] };
const rootDir = require('node:path').resolve(__dirname, '..');

/** @type {import('jest').Config} */
const unit = {
	rootDir,
	testEnvironment: 'node',
	roots: ['<rootDir>/test'],
	testMatch: ['**/*.test.ts'],
	testPathIgnorePatterns: ['/node_modules/', '<rootDir>/test/e2e/'],
	transform,
	testTimeout: 30000,
	// Runs before each test file (and its imports of n8n-core); its afterAll stops what n8n-core leaves running.
	setupFilesAfterEnv: ['<rootDir>/test/setup.ts'],
};

/** @type {import('jest').Config} */
const e2e = {
	displayName: 'e2e',
	rootDir,
	testEnvironment: 'node',
	roots: ['<rootDir>/test/e2e'],
	testMatch: ['**/*.e2e.ts'],
	transform,
	// builds and packs the package once, installs (or reuses) the cached n8n lines; the teardown removes the pack
	globalSetup: '<rootDir>/test/e2e/globalSetup.ts',
	globalTeardown: '<rootDir>/test/e2e/globalTeardown.ts',
	// the time limit of the e2e hooks and tests (jest's testTimeout is one for all projects)
	setupFilesAfterEnv: ['<rootDir>/test/e2e/setup.ts'],
};

const selecting = process.argv.some((arg) => arg === '--selectProjects' || arg.startsWith('--selectProjects='));

module.exports = selecting
	? { rootDir, testTimeout: unit.testTimeout, projects: [{ displayName: 'unit', ...unit }, e2e] }
	: unit;
