/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-dangerous-functions -- runs on a developer's machine or in CI, never inside n8n */
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';

/**
 * The build as n8n's tooling and npm see it: `npx n8n-node build` gives the same dist/nodes and
 * dist/credentials as `npm run build` (gulp), and the packed tarball's index.js (the package's
 * main) exports the classes its n8n section lists. `npm test` has just run `npm run build`.
 */

const root = resolve(__dirname, '..', '..');
const packageJson = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { name: string; n8n: { nodes: string[]; credentials: string[] } };

function filesUnder(dir: string): Map<string, string> {
	const files = new Map<string, string>();
	const walk = (folder: string): void => {
		for (const name of readdirSync(folder)) {
			const path = join(folder, name);
			if (statSync(path).isDirectory()) walk(path);
			else files.set(relative(dir, path), readFileSync(path, 'utf8'));
		}
	};
	walk(dir);
	return files;
}

const work = mkdtempSync(join(tmpdir(), 'moengage-build-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

test('`npx n8n-node build` gives the same dist/nodes and dist/credentials as `npm run build`', () => {
	// n8n-node build writes ./dist: build a copy of the sources, never the checkout other tests load.
	const copy = join(work, 'source');
	mkdirSync(copy);
	for (const entry of ['nodes', 'credentials', 'package.json', 'tsconfig.json']) cpSync(join(root, entry), join(copy, entry), { recursive: true });
	symlinkSync(join(root, 'node_modules'), join(copy, 'node_modules'));
	execFileSync(join(root, 'node_modules', '.bin', 'n8n-node'), ['build'], { cwd: copy, stdio: 'pipe', env: { ...process.env, CI: 'true' } });
	for (const folder of ['nodes', 'credentials']) {
		const theirs = filesUnder(join(copy, 'dist', folder));
		const ours = filesUnder(join(root, 'dist', folder));
		expect([...ours.keys()].sort()).toEqual([...theirs.keys()].sort());
		// tsc re-prints the codex it compiles and gulp copies it as written: the same JSON either way.
		const same = (file: string): boolean => (file.endsWith('.json') ? JSON.stringify(JSON.parse(ours.get(file) ?? '')) === JSON.stringify(JSON.parse(theirs.get(file) ?? '')) : ours.get(file) === theirs.get(file));
		const differing = [...ours.keys()].filter((file) => !same(file));
		expect(differing).toEqual([]);
	}
}, 180_000);

test('the packed package ships only the built nodes and credential, index.js, README, LICENSE and package.json; index.js loads them', () => {
	const [{ filename, files }] = JSON.parse(execFileSync('npm', ['pack', '--json', '--pack-destination', work], { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] })) as Array<{
		filename: string;
		files: Array<{ path: string }>;
	}>;
	const outside = files.map((file) => file.path).filter((path) => !/^dist\/(nodes|credentials)\//.test(path) && !['index.js', 'README.md', 'LICENSE', 'package.json'].includes(path));
	expect(outside).toEqual([]);

	// Unpacked inside node_modules/, so that its peer n8n-workflow resolves as in an n8n install.
	const installed = mkdtempSync(join(root, 'node_modules', '.moengage-pack-'));
	try {
		execFileSync('tar', ['-xzf', join(work, filename), '-C', installed]);
		// eslint-disable-next-line @typescript-eslint/no-require-imports -- loads the installed package as n8n's loader would
		const main = require(join(installed, 'package')) as Record<string, unknown>;
		const listed = [...packageJson.n8n.nodes, ...packageJson.n8n.credentials].map((path) => path.replace(/^.*\/([^/.]+)\.(node|credentials)\.js$/, '$1'));
		expect(Object.keys(main).sort()).toEqual([...listed].sort());
		for (const name of listed) expect(typeof main[name]).toBe('function');
	} finally {
		rmSync(installed, { recursive: true, force: true });
	}
}, 120_000);
