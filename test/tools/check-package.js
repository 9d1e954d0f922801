#!/usr/bin/env node
// Packs the package as npm would publish it and checks the rules n8n's community-package
// scanner applies: no runtime dependencies, n8n-workflow as the only peer, the n8n section
// pointing at shipped files, only dist/nodes + dist/credentials + index.js + README/LICENSE/package.json
// shipped, a current codex (category, documentation links n8n can append its query to), and no
// restricted globals or modules in the shipped code. Then it runs n8n's own scanner
// (@n8n/scan-community-package, installed outside the repo like the e2e's n8n) on what it would
// scan after a provenance publish: the source package it finds in this repository, and the
// tarball's compiled code and package.json. (Its provenance check needs the package on npm.)
const { execFileSync } = require('node:child_process');
const { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, existsSync } = require('node:fs');
const { tmpdir } = require('node:os');
const { join, relative } = require('node:path');
const { homedir } = require('node:os');

// The scanner n8n runs on community packages; bump deliberately (its rules change).
const SCANNER_VERSION = '0.32.0';

// the package: the repository root
const root = join(__dirname, '..', '..');
const work = mkdtempSync(join(tmpdir(), 'moengage-pack-'));
const results = [];
const check = (rule, ok, detail = '') => results.push({ rule, ok, detail });

async function main() {
	try {
		const [{ filename }] = JSON.parse(
			execFileSync('npm', ['pack', '--json', '--pack-destination', work], {
				cwd: root,
				encoding: 'utf8',
				stdio: ['ignore', 'pipe', 'ignore'],
			}),
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
		const stray = files.filter((file) => !file.startsWith('dist/') && !['package.json', 'index.js', 'README.md', 'LICENSE'].includes(file));
		check('only dist/, index.js, README, LICENSE and package.json are shipped', stray.length === 0, stray.join(', '));
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
			// n8n's no-restricted-imports allows Node's crypto besides n8n-workflow (the other modules it allows would be dependencies)
			['runtime imports other than n8n-workflow and crypto', /require\(["'](?!(n8n-workflow|crypto|node:crypto)["'])(?![./])[^"']+["']\)/],
		];
		const code = files.filter((file) => file.endsWith('.js'));
		for (const [rule, pattern] of restricted) {
			const hits = code.filter((file) => pattern.test(readFileSync(join(pkgDir, file), 'utf8')));
			check(`shipped code has no ${rule}`, hits.length === 0, hits.join(', '));
		}
		// test/contract/build.test.ts loads the classes through it, with n8n-workflow at hand
		check('main is index.js, and it is shipped', pkg.main === 'index.js' && files.includes('index.js'), String(pkg.main));
		await runN8nScanner(pkg.name, pkgDir);
	} finally {
		rmSync(work, { recursive: true, force: true });
	}

	for (const { rule, ok, detail } of results) console.log(`${ok ? 'PASS' : 'FAIL'}  ${rule}${!ok && detail ? `: ${detail}` : ''}`);
	const failed = results.filter((result) => !result.ok).length;
	console.log(`${results.length - failed} passed, ${failed} failed`);
	process.exit(failed ? 1 : 0);
}

/** The scanner's module, installed once into the e2e cache folder (not a dependency of the repo). */
function scannerModule() {
	const prefix = join(process.env.N8N_E2E_CACHE || join(homedir(), '.cache', 'n8n-nodes-moengage-e2e'), 'tools', `scan-community-package-${SCANNER_VERSION}`);
	const module = join(prefix, 'node_modules', '@n8n', 'scan-community-package', 'scanner', 'scanner.mjs');
	if (!existsSync(module)) {
		console.error(`Installing @n8n/scan-community-package@${SCANNER_VERSION} into ${prefix} …`);
		execFileSync('npm', ['install', '--prefix', prefix, '--ignore-scripts', '--no-audit', '--no-fund', `@n8n/scan-community-package@${SCANNER_VERSION}`], { stdio: ['ignore', 'ignore', 'inherit'] });
	}
	return module;
}

/** n8n's scanner, the way it scans after the provenance check: the attested source, then the tarball's .js and package.json. */
async function runN8nScanner(packageName, tarballDir) {
	const { analyzePackage, findPackageRoot, SOURCE_FILE_PATTERNS } = await import(scannerModule());
	const repository = root;
	const sourceDir = findPackageRoot(repository, packageName);
	check(`n8n's scanner finds the package's source in the repository (${relative(repository, sourceDir ?? repository) || '.'})`, sourceDir === root);
	if (!sourceDir) return;
	const source = await analyzePackage(sourceDir, SOURCE_FILE_PATTERNS);
	check(`n8n's scanner ${SCANNER_VERSION}: the source (package.json, nodes/, credentials/) passes`, source.passed, `${source.message ?? ''}\n${source.details ?? ''}`);
	const tarball = await analyzePackage(tarballDir, ['**/*.js', 'package.json']);
	check(`n8n's scanner ${SCANNER_VERSION}: the tarball's compiled code and package.json pass`, tarball.passed, `${tarball.message ?? ''}\n${tarball.details ?? ''}`);
}

main().catch((error) => {
	console.error(error);
	process.exit(1);
});
