// The build: clean → tsc → copy icons and codex files → verify. `npm run build` runs it;
// `npx n8n-node build` gives the same dist/nodes and dist/credentials (test/contract/build.test.ts).
const { series, src, dest } = require('gulp');
const { execFileSync } = require('node:child_process');
const { existsSync, rmSync } = require('node:fs');
const { join } = require('node:path');

const root = __dirname;
const dist = join(root, 'dist');

/** Removes dist/, so that a renamed source file's old .js is never published. */
function clean(done) {
	rmSync(dist, { recursive: true, force: true });
	done();
}

/** Compiles nodes/ and credentials/ with the build's tsconfig.json. */
function compile(done) {
	execFileSync(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', join(root, 'tsconfig.json')], {
		cwd: root,
		stdio: 'inherit',
	});
	done();
}

/** tsc copies neither icons nor codex files: n8n reads both from next to the compiled node. */
function icons() {
	return src(['nodes/**/*.{png,svg}', 'nodes/**/*.node.json', 'credentials/**/*.{png,svg}'], {
		base: root,
		encoding: false,
	}).pipe(dest(dist));
}

/** Fails the build when a file that package.json's n8n section names is missing from dist/. */
function verify(done) {
	const { n8n } = require('./package.json');
	const listed = [...n8n.nodes, ...n8n.credentials];
	const missing = listed.filter((path) => !existsSync(join(root, path)));
	for (const node of n8n.nodes) {
		const codex = join(root, node.replace(/\.js$/, '.json'));
		if (!existsSync(codex)) missing.push(node.replace(/\.js$/, '.json'));
	}
	if (missing.length > 0) {
		done(new Error(`package.json's n8n section names files the build did not produce: ${missing.join(', ')}`));
		return;
	}
	done();
}

exports.clean = clean;
exports.verify = verify;
exports.default = series(clean, compile, icons, verify);
