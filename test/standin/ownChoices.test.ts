/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals -- runs on a developer's machine or in CI, never inside n8n */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';

/**
 * Where the stand-in decides something MoEngage's documents do not: each such place in its code
 * carries one marker, `// stand-in's own choice: <why>`, so that a reader (or a live workspace)
 * can find and check them. Choices that live in the schemas are the "Readings chosen" notes of
 * schemas/*.json. Tests must not pin these choices as MoEngage's behaviour: a test may rely on a
 * request being refused, not on the wording of a refusal MoEngage never documented.
 */

const MARKER = "// stand-in's own choice: ";

/** The stand-in's code: every .ts file under test/standin but its tests. */
function standInSources(dir = __dirname): string[] {
	return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
		const path = join(dir, entry.name);
		if (entry.isDirectory()) return standInSources(path);
		return entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts') ? [path] : [];
	});
}

const marked = standInSources().flatMap((path) =>
	readFileSync(path, 'utf8')
		.split('\n')
		.flatMap((line, index) => (line.includes('own choice') ? [{ file: relative(__dirname, path), line: index + 1, text: line.trim() }] : [])),
);

describe("the stand-in's own choices, marked one way", () => {
	test('every mention is the marker, at the start of a comment line, with its reason', () => {
		for (const { file, line, text } of marked) {
			expect({ file, line, startsWithMarker: text.startsWith(MARKER) }).toEqual({ file, line, startsWithMarker: true });
			expect(text.slice(MARKER.length).trim().length).toBeGreaterThan(20);
		}
	});

	test('the marked places, by file (update this list with the marker)', () => {
		const perFile: Record<string, number> = {};
		for (const { file } of marked) perFile[file] = (perFile[file] ?? 0) + 1;
		expect(perFile).toEqual({
			// Get User not enabled (403), unknown fields refused, MOE-PROJECT-CODE and project_code refusals, a body with a GET.
			'gateway.ts': 5,
			// Undocumented wording: unknown fields, enums, ranges, blocked attribute names.
			'wording.ts': 2,
			// Future current_time, bulk elements skipped, GDPR request types and unknown identities, empty user_fields_to_export.
			'model/data.ts': 5,
			// Reserved keys not stored; unset_attributes before attributes.
			'model/users.ts': 2,
			// v5 update delay, a shared email with email-based unsubscribe on, Idempotency-Key refusal, v1 bulk skips, stats date refusals.
			'model/campaigns.ts': 5,
			'model/cohorts.ts': 1,
			'model/flows.ts': 2,
			'model/inform.ts': 1,
			'model/messaging.ts': 1,
		});
	});
});
