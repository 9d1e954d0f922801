#!/usr/bin/env node
// Packs the package as npm would publish it and checks the rules n8n's community-package
// scanner applies: no runtime dependencies, n8n-workflow as the only peer, the n8n section
// pointing at shipped files, only dist/ + README/LICENSE/package.json shipped, and no
// restricted globals or modules in the shipped code.
const { execFileSync } = require('node:child_process');
const { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, existsSync } = require('node:fs');
const { tmpdir } = require('node:os');
const { join, relative } = require('node:path');

const root = join(__dirname, '..');
const work = mkdtempSync(join(tmpdir(), 'moengage-pack-'));
const results = [];
const check = (rule, ok, detail = '') => results.push({ rule, ok, detail });

try {
	const [{ filename }] = JSON.parse(
		execFileSync('npm', ['pack', '--json', '--ignore-scripts', '--pack-destination', work], { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }),
	);
	execFileSync('tar', ['-xzf', join(work, filename), '-C', work]);
	const pkgDir = join(work, 'package');
	const pkg = JSON.parse(readFileSync(join(pkgDir, 'package.json'), 'utf8'));
	const files = (function walk(dir) {
		return readdirSync(dir).flatMap((name) => {
			const path = join(dir, name);
			return statSync(path).isDirectory() ? walk(path) : [relative(pkgDir, path)];
		});
	})(pkgDir);

	check('no runtime dependencies', !pkg.dependencies || Object.keys(pkg.dependencies).length === 0, JSON.stringify(pkg.dependencies ?? {}));
	const peers = Object.keys(pkg.peerDependencies ?? {});
	check('n8n-workflow is the only peer dependency', peers.length === 1 && peers[0] === 'n8n-workflow', peers.join(', '));
	check('keyword n8n-community-node-package', (pkg.keywords ?? []).includes('n8n-community-node-package'));
	check('licence MIT with LICENSE file', pkg.license === 'MIT' && files.includes('LICENSE'));
	const entries = [...(pkg.n8n?.nodes ?? []), ...(pkg.n8n?.credentials ?? [])];
	check('n8n section lists nodes and credentials', (pkg.n8n?.nodes ?? []).length > 0 && (pkg.n8n?.credentials ?? []).length > 0 && pkg.n8n.n8nNodesApiVersion === 1);
	const missing = entries.filter((entry) => !existsSync(join(pkgDir, entry)));
	check('n8n entries are in the tarball', missing.length === 0, missing.join(', '));
	const stray = files.filter((file) => !file.startsWith('dist/') && !['package.json', 'README.md', 'LICENSE'].includes(file));
	check('only dist/, README, LICENSE and package.json are shipped', stray.length === 0, stray.join(', '));
	const icons = files.filter((file) => file.endsWith('.svg'));
	check('light and dark SVG icons are shipped', icons.some((f) => f.endsWith('.dark.svg')) && icons.some((f) => !f.endsWith('.dark.svg')), icons.join(', '));
	check('codex file is shipped', files.some((file) => file.endsWith('.node.json')));

	const restricted = [
		['fs module', /require\(["'](node:)?fs(\/promises)?["']\)/],
		['child_process module', /require\(["'](node:)?child_process["']\)/],
		['process.env / process global', /\bprocess\.(env|exit|cwd|argv)\b/],
		['timers (use sleep from n8n-workflow)', /\b(setTimeout|setInterval|setImmediate)\s*\(/],
		['eval / new Function', /\beval\s*\(|new Function\s*\(/],
		['runtime imports other than n8n-workflow', /require\(["'](?!n8n-workflow["'])(?![./])[^"']+["']\)/],
	];
	const code = files.filter((file) => file.endsWith('.js'));
	for (const [rule, pattern] of restricted) {
		const hits = code.filter((file) => pattern.test(readFileSync(join(pkgDir, file), 'utf8')));
		check(`shipped code has no ${rule}`, hits.length === 0, hits.join(', '));
	}
} finally {
	rmSync(work, { recursive: true, force: true });
}

for (const { rule, ok, detail } of results) console.log(`${ok ? 'PASS' : 'FAIL'}  ${rule}${!ok && detail ? `: ${detail}` : ''}`);
const failed = results.filter((result) => !result.ok).length;
console.log(`${results.length - failed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
