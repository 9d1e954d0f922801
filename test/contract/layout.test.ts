/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-dangerous-functions -- runs on a developer's machine or in CI, never inside n8n */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

import { MoEngage } from '../../nodes/MoEngage/MoEngage.node';

/**
 * The package's shape: the design's top level, the line between code that runs inside n8n and
 * code that runs on a developer's machine (one header per test file, only where needed), and
 * what users import or read (examples at the default node version, README links that resolve).
 */

const root = resolve(__dirname, '..', '..');

// The design's top level, what every package has, and what users read.
const DESIGN = ['nodes', 'credentials', 'test', 'package.json', 'tsconfig.json', 'gulpfile.js', 'index.js', 'README.md'];
const EVERY_PACKAGE = ['LICENSE', 'CHANGELOG.md', 'eslint.config.mjs', 'package-lock.json', '.github', '.ci', '.gitignore', '.npmrc'];
const FOR_USERS = ['examples', 'docs'];

// The rules that guard code running inside n8n; a test file that must touch the OS switches off the ones it needs.
const RUNTIME_RULES = [
	'@n8n/community-nodes/no-restricted-imports',
	'@n8n/community-nodes/no-restricted-globals',
	'@n8n/community-nodes/no-dangerous-functions',
	'@n8n/community-nodes/require-node-api-error',
	'no-console',
];
const HEADER = new RegExp(
	`^/\\* eslint-disable ((?:${RUNTIME_RULES.join('|')})(?:, (?:${RUNTIME_RULES.join('|')}))*) -- runs on a developer's machine or in CI, never inside n8n \\*/$`,
);

/** The repository's files: what is committed, not what a tool or a checkout's owner left beside them. */
function tracked(): string[] {
	return execFileSync('git', ['ls-files', '--cached'], { cwd: root, encoding: 'utf8' })
		.split('\n')
		.filter((file) => file !== '' && existsSync(join(root, file)));
}

test('the top level is the design\'s, plus what every package has and what users read', () => {
	const top = [...new Set(tracked().map((file) => file.split('/')[0]))].sort();
	expect(top).toEqual([...DESIGN, ...EVERY_PACKAGE, ...FOR_USERS].sort());
});

test('code that runs inside n8n carries no eslint directive', () => {
	const withDirective = tracked().filter((file) => /^(nodes|credentials)\//.test(file) && /eslint-disable/.test(readFileSync(join(root, file), 'utf8')));
	expect(withDirective).toEqual([]);
});

describe('test files switch off the runtime rules with the one header, and only where needed', () => {
	const testFiles = tracked().filter((file) => file.startsWith('test/') && file.endsWith('.ts'));
	// eslint directives, as comments at the start of a line, with the rules they name
	const directives = (text: string): string[][] =>
		[...text.matchAll(/^\s*(?:\/\*|\/\/)\s*eslint-disable(?:-next-line|-line)?\s+(.*?)(?:\s+--.*)?(?:\*\/)?$/gm)].map((match) => match[1].split(/,\s*/));
	const switchesOffRuntimeRule = (text: string): boolean => directives(text).some((rules) => rules.some((rule) => RUNTIME_RULES.includes(rule)));
	const headed = testFiles.filter((file) => switchesOffRuntimeRule(readFileSync(join(root, file), 'utf8')));

	test('a runtime rule is switched off only by the header, on the first line, rules in the agreed order', () => {
		const misplaced = headed.filter((file) => {
			const lines = readFileSync(join(root, file), 'utf8').split('\n');
			const header = HEADER.exec(lines[0]);
			const ordered = header ? header[1].split(', ').map((rule) => RUNTIME_RULES.indexOf(rule)) : [];
			const inOrder = ordered.every((position, i) => i === 0 || position > ordered[i - 1]);
			const elsewhere = switchesOffRuntimeRule(lines.slice(1).join('\n'));
			return !header || !inOrder || elsewhere;
		});
		expect(misplaced).toEqual([]);
		expect(headed.length).toBeGreaterThan(0);
	});

	test('every rule a header switches off is needed there (eslint finds no unused directive)', () => {
		// The unused-directive reports are warnings, and the rest of the lint is `npm run lint`'s: every message counts here.
		let out: string;
		try {
			out = execFileSync(join(root, 'node_modules', '.bin', 'eslint'), ['--format', 'json', ...headed], { cwd: root, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
		} catch (error) {
			out = (error as { stdout: string }).stdout;
		}
		const results = JSON.parse(out) as Array<{ filePath: string; messages: Array<{ message: string; ruleId: string | null }> }>;
		const problems = results.flatMap((result) => result.messages.map((message) => `${relative(root, result.filePath)}: ${message.message}`));
		expect(problems).toEqual([]);
		expect(results).toHaveLength(headed.length);
	});
});

test('the example workflows are saved at the node\'s default version, and the codex names it', () => {
	const { defaultVersion } = new MoEngage().description;
	const examples = readdirSync(join(root, 'examples')).filter((file) => file.endsWith('.json'));
	const versions = examples.flatMap((file) => {
		const workflow = JSON.parse(readFileSync(join(root, 'examples', file), 'utf8')) as { nodes: Array<{ name: string; type: string; typeVersion: number }> };
		return workflow.nodes.filter((node) => node.type === 'n8n-nodes-moengage.moEngage').map((node) => `${file} ${node.name}: ${node.typeVersion}`);
	});
	expect(versions.length).toBeGreaterThan(0);
	expect(versions.filter((line) => !line.endsWith(`: ${defaultVersion}`))).toEqual([]);
	const codex = JSON.parse(readFileSync(join(root, 'nodes', 'MoEngage', 'MoEngage.node.json'), 'utf8')) as { nodeVersion: string };
	expect(Number(codex.nodeVersion)).toBe(defaultVersion);
});

test('docs/examples.md describes every example workflow: how many there are, and a section that links each file', () => {
	const examples = readdirSync(join(root, 'examples')).filter((file) => file.endsWith('.json')).sort();
	const page = readFileSync(join(root, 'docs', 'examples.md'), 'utf8');
	const sections = page.split(/^## /m).slice(1);
	const linked = sections.flatMap((section) => [...section.matchAll(/\(\.\.\/examples\/([^)]+\.json)\)/g)].slice(0, 1).map((match) => match[1])).sort();
	expect(linked).toEqual(examples);
	const NUMBERS = ['zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten', 'eleven', 'twelve'];
	expect(page).toMatch(new RegExp(`^${NUMBERS[examples.length]} ready-made workflows`, 'im'));
});

test("package.json is n8n's starter's: its scripts, the build's devDependencies, n8n-workflow as the peer, index.js as main", () => {
	const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
		name: string;
		main: string;
		files: string[];
		scripts: Record<string, string>;
		devDependencies: Record<string, string>;
		peerDependencies: Record<string, string>;
		n8n: { strict: boolean };
	};
	expect(pkg.name).toBe('n8n-nodes-moengage');
	expect(pkg.main).toBe('index.js');
	expect([...pkg.files].sort()).toEqual(['dist/credentials', 'dist/nodes', 'index.js']);
	expect(pkg.scripts).toMatchObject({ build: 'gulp', dev: 'n8n-node dev', lint: 'n8n-node lint', 'lint:fix': 'n8n-node lint --fix', prepublishOnly: 'n8n-node prerelease' });
	expect(pkg.scripts.release).toEqual(expect.any(String));
	expect(Object.keys(pkg.devDependencies)).toEqual(expect.arrayContaining(['n8n-workflow', 'n8n-core', 'gulp', 'jest', '@n8n/node-cli']));
	expect(Object.keys(pkg.peerDependencies)).toEqual(['n8n-workflow']);
	expect(pkg.n8n.strict).toBe(true);
});

test("the credential's documentationUrl and each codex's credentialDocumentation point at the package's credential docs", () => {
	const DOCS = 'https://github.com/n8n-nodes-moengage/n8n-nodes-moengage/blob/main/docs/credentials.md';
	expect(existsSync(join(root, 'docs', 'credentials.md'))).toBe(true);
	const credentials = readdirSync(join(root, 'credentials')).filter((file) => file.endsWith('.credentials.ts'));
	const urls = credentials.flatMap((file) => [...readFileSync(join(root, 'credentials', file), 'utf8').matchAll(/documentationUrl\s*=\s*'([^']*)'/g)].map((match) => match[1]));
	expect(urls).toEqual(credentials.map(() => DOCS));
	const codexFiles = tracked().filter((file) => /^nodes\/.*\.node\.json$/.test(file));
	expect(codexFiles.length).toBeGreaterThan(0);
	for (const file of codexFiles) {
		const codex = JSON.parse(readFileSync(join(root, file), 'utf8')) as { resources: { credentialDocumentation: Array<{ url: string }> } };
		expect(codex.resources.credentialDocumentation.map((link) => link.url)).toEqual([DOCS]);
	}
});

test('CHANGELOG.md: each release (and Unreleased) has each kind of change under one heading', () => {
	const repeated: string[] = [];
	let release = '';
	const seen = new Set<string>();
	for (const line of readFileSync(join(root, 'CHANGELOG.md'), 'utf8').split('\n')) {
		if (line.startsWith('## ')) {
			release = line;
			seen.clear();
		} else if (line.startsWith('### ')) {
			if (seen.has(line)) repeated.push(`${release}: ${line}`);
			seen.add(line);
		}
	}
	expect(repeated).toEqual([]);
});

test('every operation of the table has its engine tests under test/node/<resource>/, in a describe block named after it', () => {
	const { properties } = new MoEngage().description;
	const resources = properties.find((property) => property.name === 'resource')?.options as Array<{ name: string; value: string }>;
	const missing: string[] = [];
	for (const picker of properties.filter((property) => property.name === 'operation')) {
		const resource = String(picker.displayOptions?.show?.resource?.[0]);
		const folder = join(root, 'test', 'node', resource);
		const texts = existsSync(folder) ? readdirSync(folder).filter((file) => file.endsWith('.test.ts')).map((file) => readFileSync(join(folder, file), 'utf8')) : [];
		for (const operation of picker.options as Array<{ name: string }>) {
			const label = `${resources.find((option) => option.value === resource)?.name} → ${operation.name}`;
			const escaped = label.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
			const named = new RegExp(`describe\\((['"\`])${escaped}(\\1|:| \\()`);
			if (!texts.some((text) => named.test(text))) missing.push(label);
		}
	}
	expect(missing).toEqual([]);
});

describe('README.md and docs/', () => {
	const pages = ['README.md', ...readdirSync(join(root, 'docs')).filter((file) => file.endsWith('.md')).map((file) => `docs/${file}`)];
	const REPOSITORY = 'https://github.com/n8n-nodes-moengage/n8n-nodes-moengage/blob/main/';
	const RAW = 'https://raw.githubusercontent.com/n8n-nodes-moengage/n8n-nodes-moengage/main/';

	test('README.md is a page for npm and a marketer: at most 15 KB, the two commands right after what it does', () => {
		const readme = readFileSync(join(root, 'README.md'), 'utf8');
		expect(Buffer.byteLength(readme)).toBeLessThanOrEqual(15 * 1024);
		const firstSection = readme.indexOf('\n## ');
		expect(readme.indexOf('npm ci && npm start')).toBeGreaterThan(0);
		expect(readme.indexOf('npm ci && npm start')).toBeLessThan(firstSection);
		expect(readme.indexOf('npm ci && npm test')).toBeLessThan(firstSection);
	});

	test('no table repeats a row, and the table of commands names each command once', () => {
		const repeated = pages.flatMap((page) => {
			const tables = readFileSync(join(root, page), 'utf8')
				.replace(/```[\s\S]*?```/g, '')
				.split(/\n(?!\|)/)
				.map((block) => block.split('\n').filter((line) => line.startsWith('|')).slice(2));
			return tables.flatMap((rows) => rows.filter((row, i) => rows.indexOf(row) !== i).map((row) => `${page}: ${row}`));
		});
		expect(repeated).toEqual([]);
		const commands = readFileSync(join(root, 'docs', 'development.md'), 'utf8')
			.split('\n')
			.filter((line) => line.startsWith('| `'))
			.map((line) => line.split(' | ')[0]);
		expect(commands).toContain('| `npm run e2e`');
		expect(commands.filter((command, i) => commands.indexOf(command) !== i)).toEqual([]);
	});

	test.each(pages)('every link and image of %s resolves to a file of the repository (and its anchor exists)', (page) => {
		const text = readFileSync(join(root, page), 'utf8').replace(/```[\s\S]*?```/g, '');
		const targets = [...text.matchAll(/!?\[[^\]]*\]\(([^)\s]+)(?:\s+"[^"]*")?\)/g), ...text.matchAll(/<img[^>]*src="([^"]+)"/g)].map((match) => match[1]);
		const broken = targets.flatMap((target) => {
			let path = target;
			if (target.startsWith(REPOSITORY)) path = target.slice(REPOSITORY.length);
			else if (target.startsWith(RAW)) path = target.slice(RAW.length);
			else if (/^[a-z]+:/.test(target)) return [];
			else if (!target.startsWith('#')) path = relative(root, join(dirname(join(root, page)), target));
			const [file, anchor] = path.split('#');
			const resolved = file === '' ? page : file;
			if (!existsSync(join(root, resolved))) return [`${target}: no file ${resolved}`];
			if (anchor && resolved.endsWith('.md') && !anchorsOf(readFileSync(join(root, resolved), 'utf8')).has(anchor)) return [`${target}: no heading #${anchor} in ${resolved}`];
			if (statSync(join(root, resolved)).isDirectory() && anchor) return [`${target}: an anchor on a folder`];
			return [];
		});
		expect(broken).toEqual([]);
	});
});

/** GitHub's heading anchors: lower case, punctuation dropped, spaces to dashes, repeats numbered. */
function anchorsOf(markdown: string): Set<string> {
	const seen = new Map<string, number>();
	const anchors = new Set<string>();
	for (const [, heading] of markdown.replace(/```[\s\S]*?```/g, '').matchAll(/^#{1,6}\s+(.+)$/gm)) {
		const base = heading
			.trim()
			.toLowerCase()
			.replace(/<[^>]+>/g, '')
			.replace(/[^\p{L}\p{N}\s_-]/gu, '')
			.replace(/\s/g, '-');
		const count = seen.get(base) ?? 0;
		seen.set(base, count + 1);
		anchors.add(count === 0 ? base : `${base}-${count}`);
	}
	return anchors;
}
