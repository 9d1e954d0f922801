// Lint config for the code that is never shipped: tests, the MoEngage stand-in, the benchmark and
// the e2e/example scripts (`npm run lint:tests`). The package's eslint.config.mjs must stay n8n's default file
// (packages/n8n-nodes-moengage: `n8n-node lint` in strict mode), so this one lives at the root.
//
// It is n8n's community-node config with only the rules that guard n8n Cloud's runtime turned off:
// this code runs on a developer's machine or in CI, never inside n8n, and needs Node's modules,
// timers, processes and the console. Every other rule (TypeScript, imports, n8n's node rules)
// still applies.
import { config } from '@n8n/node-cli/eslint';

export default [
	...config,
	{
		files: ['test/**/*.ts', 'bench/**/*.ts', 'scripts/**/*.ts', 'e2e/**/*.ts', 'tools/**/*.ts'],
		rules: {
			'@n8n/community-nodes/no-restricted-imports': 'off',
			'@n8n/community-nodes/no-restricted-globals': 'off',
			'@n8n/community-nodes/no-dangerous-functions': 'off',
			// Fixed keys of the local MoEngage stand-in and of throw-away n8n instances, not secrets.
			'@n8n/community-nodes/no-hardcoded-secrets': 'off',
			// Harness code, not node code: a plain Error is the right failure there.
			'@n8n/community-nodes/require-node-api-error': 'off',
			// Scripts report on the terminal.
			'no-console': 'off',
			// `const { omitted: _omitted, ...rest } = x` drops a key on purpose.
			'@typescript-eslint/no-unused-vars': ['error', { varsIgnorePattern: '^_', ignoreRestSiblings: true }],
		},
	},
	{
		// Assertions on MoEngage's (stand-in's) JSON answers, whatever their shape.
		files: ['test/standinSpec.test.ts', 'test/standinTestConnection.test.ts'],
		rules: { '@typescript-eslint/no-explicit-any': 'off' },
	},
	{
		// Loads the example workflows (JSON files) by path; the other files mark such requires inline.
		files: ['scripts/run-example.ts'],
		rules: { '@typescript-eslint/no-require-imports': 'off' },
	},
	{
		// A test node that calls n8n's legacy helper on purpose, to show Custom API Call still works with it.
		files: ['test/engine/customApiCallNode.ts'],
		rules: { '@n8n/community-nodes/no-deprecated-workflow-functions': 'off' },
	},
];
