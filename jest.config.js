/** @type {import('jest').Config} */
module.exports = {
	testEnvironment: 'node',
	roots: ['<rootDir>/test'],
	testMatch: ['**/*.test.ts'],
	transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.test.json' }] },
	testTimeout: 30000,
	setupFiles: ['<rootDir>/test/setup.ts'],
	// n8n-core leaves a handle open after a workflow run (its HTTP agents); every test closes its own servers.
	forceExit: true,
};
