#!/usr/bin/env node
// Packs the package as npm would publish it and checks the rules n8n's community-package
// scanner applies: no runtime dependencies, n8n-workflow as the only peer, the n8n section
// pointing at shipped files, only dist/nodes + dist/credentials + README/LICENSE/package.json
// shipped, a current codex (category, documentation links n8n can append its query to), and no
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
	const outsidePackage = files.filter((file) => file.startsWith('dist/') && !/^dist\/(nodes|credentials)\//.test(file));
	check('dist/ holds only nodes/ and credentials/ (no tests, scripts, bench, docs or build info)', outsidePackage.length === 0, outsidePackage.join(', '));
	const builtFrom = (file) => file.replace(/\.(d\.ts|js\.map)$/, '.js');
	const odd = files.filter((file) => file.startsWith('dist/') && !/\.(js|d\.ts|js\.map|svg|png|node\.json)$/.test(file));
	check('dist/ holds only compiled code, icons and the codex', odd.length === 0, odd.join(', '));
	const orphans = files.filter((file) => /\.(d\.ts|js\.map)$/.test(file) && !files.includes(builtFrom(file)));
	check('every declaration and source map has its .js', orphans.length === 0, orphans.join(', '));
	const icons = files.filter((file) => file.endsWith('.svg'));
	check('light and dark SVG icons are shipped', icons.some((f) => f.endsWith('.dark.svg')) && icons.some((f) => !f.endsWith('.dark.svg')), icons.join(', '));
	const codexFiles = files.filter((file) => file.endsWith('.node.json'));
	check('codex file is shipped next to each node', (pkg.n8n?.nodes ?? []).every((node) => codexFiles.includes(node.replace(/\.js$/, '.json'))), codexFiles.join(', '));
	for (const file of codexFiles) {
		const codex = JSON.parse(readFileSync(join(pkgDir, file), 'utf8'));
		// n8n's codex lint rejects the old "Marketing" category; "Marketing & Content" is the current one.
		check(`${file}: categories are current n8n categories`, Array.isArray(codex.categories) && codex.categories.length > 0 && !codex.categories.includes('Marketing'), JSON.stringify(codex.categories));
		// n8n appends its ?utm_… query to documentation links; after a # fragment that query breaks the link.
		const urls = Object.values(codex.resources ?? {}).flat().map((resource) => resource.url);
		const fragments = urls.filter((url) => typeof url !== 'string' || !url.startsWith('https://') || url.includes('#'));
		check(`${file}: documentation links are https and have no # fragment`, urls.length > 0 && fragments.length === 0, fragments.join(', '));
	}
	const credentialCode = files.filter((file) => file.endsWith('.credentials.js')).map((file) => readFileSync(join(pkgDir, file), 'utf8'));
	const credentialDocs = credentialCode.flatMap((code) => [...code.matchAll(/documentationUrl\s*=\s*['"]([^'"]*)['"]/g)].map((match) => match[1]));
	check('credential documentationUrl has no # fragment', credentialDocs.length > 0 && credentialDocs.every((url) => !url.includes('#')), credentialDocs.join(', '));

	const restricted = [
		['fs module', /require\(["'](node:)?fs(\/promises)?["']\)/],
		['child_process module', /require\(["'](node:)?child_process["']\)/],
		['process.env / process global', /\bprocess\.(env|exit|cwd|argv)\b/],
		['timers (use sleep from n8n-workflow)', /\b(setTimeout|setInterval|setImmediate)\s*\(/],
		['eval / new Function', /\beval\s*\(|new Function\s*\(/],
		// crypto is on n8n's list of imports community nodes may use (no-restricted-imports)
		['runtime imports other than n8n-workflow and crypto', /require\(["'](?!n8n-workflow["'])(?!(node:)?crypto["'])(?![./])[^"']+["']\)/],
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
