/** @type {import('jest').Config} */
module.exports = {
	testEnvironment: 'node',
	roots: ['<rootDir>/test'],
	testMatch: ['**/*.test.ts'],
	transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.test.json' }] },
	testTimeout: 30000,
	// Runs before each test file (and its imports of n8n-core); its afterAll stops what n8n-core leaves running.
	setupFilesAfterEnv: ['<rootDir>/test/setup.ts'],
};
