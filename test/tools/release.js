#!/usr/bin/env node
// Prepares a release of n8n-nodes-moengage: bumps the version, turns CHANGELOG.md's Unreleased
// section into the new version's section, commits and tags vX.Y.Z. Pushing the tag starts
// .github/workflows/publish.yml, which publishes to npm with provenance. Nothing is published
// from this machine.
//
//   npm run release -- <patch|minor|major|X.Y.Z[-pre]> [--dry-run] [--push] [--skip-checks] [--allow-branch]
//
//   --dry-run       show the new version and changelog section; change nothing
//   --push          push the branch and the tag to origin afterwards (otherwise the command is printed)
//   --skip-checks   do not run lint, typecheck and the package check first
//   --allow-branch  release from a branch other than main
//
// X.Y.Z may equal the current version when that version has no tag yet (the first release).
const { execFileSync } = require('node:child_process');
const { readFileSync, writeFileSync } = require('node:fs');
const { join } = require('node:path');

const root = join(__dirname, '..', '..');
const CHANGELOG = join(root, 'CHANGELOG.md');
const PACKAGE_PATH = 'package.json';
const PACKAGE = join(root, PACKAGE_PATH);

const fail = (message) => {
	console.error(`release: ${message}`);
	process.exit(1);
};
const git = (...args) => execFileSync('git', args, { cwd: root, encoding: 'utf8' }).trim();
const run = (command, args) => execFileSync(command, args, { cwd: root, stdio: 'inherit' });

const SEMVER = /^(\d+)\.(\d+)\.(\d+)(?:-([0-9A-Za-z.-]+))?$/;

function nextVersion(current, wanted) {
	const match = SEMVER.exec(current);
	if (!match) fail(`package.json version "${current}" is not X.Y.Z`);
	const [major, minor, patch] = match.slice(1, 4).map(Number);
	const pre = match[4];
	switch (wanted) {
		case 'major':
			return `${major + 1}.0.0`;
		case 'minor':
			return `${major}.${minor + 1}.0`;
		case 'patch':
			// 1.2.0-rc.1 → 1.2.0, as npm version does.
			return pre ? `${major}.${minor}.${patch}` : `${major}.${minor}.${patch + 1}`;
		default:
			if (!SEMVER.test(wanted)) fail(`"${wanted}" is neither patch, minor, major nor a version X.Y.Z`);
			return wanted;
	}
}

function compare(a, b) {
	const [pa, pb] = [SEMVER.exec(a), SEMVER.exec(b)];
	for (let i = 1; i <= 3; i++) if (Number(pa[i]) !== Number(pb[i])) return Number(pa[i]) - Number(pb[i]);
	if (pa[4] === pb[4]) return 0;
	if (!pa[4]) return 1; // a release sorts after its pre-releases
	if (!pb[4]) return -1;
	return pa[4] < pb[4] ? -1 : 1;
}

/** The changelog with its Unreleased section moved under `## [version] - date`, and the link references updated. */
function releaseChangelog(text, version, previousTag, repoUrl, date) {
	const heading = /^## \[Unreleased\][^\n]*\n/m;
	const found = heading.exec(text);
	if (!found) fail('CHANGELOG.md has no "## [Unreleased]" section');
	if (new RegExp(`^## \\[${version.replace(/\./g, '\\.')}\\]`, 'm').test(text)) fail(`CHANGELOG.md already has a section for ${version}`);
	const bodyStart = found.index + found[0].length;
	const next = text.slice(bodyStart).search(/^## \[|^\[[^\]]+\]: /m);
	const bodyEnd = next === -1 ? text.length : bodyStart + next;
	const body = text.slice(bodyStart, bodyEnd).trim();
	if (!/^\s*[-*] /m.test(body)) fail('the Unreleased section of CHANGELOG.md lists no changes');

	let out = `${text.slice(0, found.index)}## [Unreleased]\n\n## [${version}] - ${date}\n\n${body}\n\n${text.slice(bodyEnd).replace(/^\n+/, '')}`;
	const tag = `v${version}`;
	const unreleasedLink = `[Unreleased]: ${repoUrl}/compare/${tag}...HEAD`;
	const versionLink = `[${version}]: ${previousTag ? `${repoUrl}/compare/${previousTag}...${tag}` : `${repoUrl}/releases/tag/${tag}`}`;
	if (/^\[Unreleased\]: .*$/m.test(out)) out = out.replace(/^\[Unreleased\]: .*$/m, `${unreleasedLink}\n${versionLink}`);
	else out = `${out.replace(/\n*$/, '\n')}\n${unreleasedLink}\n${versionLink}\n`;
	return out.replace(/\n{3,}/g, '\n\n');
}

function main() {
	const args = process.argv.slice(2);
	const flags = new Set(args.filter((arg) => arg.startsWith('--')));
	const known = ['--dry-run', '--push', '--skip-checks', '--allow-branch'];
	const unknown = [...flags].filter((flag) => !known.includes(flag));
	const positional = args.filter((arg) => !arg.startsWith('--'));
	if (unknown.length || positional.length !== 1) {
		fail('usage: npm run release -- <patch|minor|major|X.Y.Z> [--dry-run] [--push] [--skip-checks] [--allow-branch]');
	}
	const dryRun = flags.has('--dry-run');

	const pkg = JSON.parse(readFileSync(PACKAGE, 'utf8'));
	const version = nextVersion(pkg.version, positional[0]);
	const tag = `v${version}`;
	const tags = git('tag', '--list', 'v*').split('\n').filter((t) => SEMVER.test(t.slice(1)));
	if (tags.includes(tag)) fail(`tag ${tag} already exists`);
	if (compare(version, pkg.version) < 0) fail(`${version} is lower than the current version ${pkg.version}`);
	if (version === pkg.version && tags.length > 0) fail(`${version} is the current version; choose patch, minor, major or a higher version`);
	const previousTag = tags.filter((t) => compare(t.slice(1), version) < 0).sort((a, b) => compare(a.slice(1), b.slice(1))).pop();

	const repoUrl = String(pkg.repository?.url ?? pkg.repository ?? '')
		.replace(/^git\+/, '')
		.replace(/\.git$/, '');
	if (!/^https:\/\/github\.com\/[^/]+\/[^/]+$/.test(repoUrl)) fail(`package.json repository.url is not a GitHub URL: ${repoUrl}`);
	const date = new Date().toISOString().slice(0, 10);
	const changelog = releaseChangelog(readFileSync(CHANGELOG, 'utf8'), version, previousTag, repoUrl, date);

	if (dryRun) {
		console.log(`Would release ${pkg.version} → ${version} (tag ${tag}, previous ${previousTag ?? 'none'}). CHANGELOG.md would read:\n`);
		console.log(changelog);
		return;
	}

	const branch = git('rev-parse', '--abbrev-ref', 'HEAD');
	if (branch !== 'main' && !flags.has('--allow-branch')) fail(`on branch "${branch}": release from main (or pass --allow-branch)`);
	const dirty = git('status', '--porcelain', '--untracked-files=no');
	if (dirty) fail(`the working tree has uncommitted changes:\n${dirty}`);

	if (!flags.has('--skip-checks')) {
		run('npm', ['run', 'lint']);
		run('npm', ['run', 'typecheck']);
		run('npm', ['run', 'check:package']);
	}

	pkg.version = version;
	writeFileSync(PACKAGE, `${JSON.stringify(pkg, null, 2)}\n`);
	const files = [PACKAGE_PATH, 'CHANGELOG.md'];
	writeFileSync(CHANGELOG, changelog);

	git('add', '--', ...files);
	git('commit', '-m', `Release ${version}`);
	git('tag', '-a', tag, '-m', `n8n-nodes-moengage ${version}`);
	console.log(`Committed "Release ${version}" and tagged ${tag}.`);

	if (flags.has('--push')) {
		run('git', ['push', '--atomic', 'origin', branch, tag]);
		console.log(`Pushed; the Publish workflow now publishes ${version} to npm.`);
	} else {
		console.log(`Push to publish:  git push --atomic origin ${branch} ${tag}`);
	}
}

if (require.main === module) main();
module.exports = { nextVersion, releaseChangelog, compare };
