/**
 * 128 bits of a text: four 32-bit FNV-1a-style lanes with their own seeds and a final mix. Not a
 * cryptographic hash (community nodes may import nothing but n8n-workflow); it only has to give
 * different updates different keys.
 */
function hash128(text: string): number[] {
	const lanes = [0x811c9dc5, 0x9e3779b9, 0x85ebca6b, 0xc2b2ae35];
	for (let index = 0; index < text.length; index++) {
		const code = text.charCodeAt(index);
		for (let lane = 0; lane < 4; lane++) lanes[lane] = Math.imul(lanes[lane] ^ code, 0x01000193 + lane * 0x2000);
	}
	return lanes.map((value, lane) => {
		let mixed = value ^ lanes[(lane + 1) % 4];
		mixed = Math.imul(mixed ^ (mixed >>> 16), 0x85ebca6b);
		mixed = Math.imul(mixed ^ (mixed >>> 13), 0xc2b2ae35);
		return (mixed ^ (mixed >>> 16)) >>> 0;
	});
}

/**
 * MoEngage's Idempotency-Key (a UUID v4 per logical request: a subscription update, a message): derived from the execution, the node,
 * its run, the item and the body, so that a retried request or a retried node (n8n's Retry On
 * Fail) repeats the same key (MoEngage then answers the first result without applying it again),
 * while another execution, or another run of the node (a loop's next round, another AI tool
 * call), is another update.
 */
export function idempotencyKey(parts: string[]): string {
	const hex = hash128(parts.join('\u0000'))
		.map((word) => word.toString(16).padStart(8, '0'))
		.join('')
		.split('');
	hex[12] = '4';
	hex[16] = ((parseInt(hex[16], 16) & 0x3) | 0x8).toString(16);
	const text = hex.join('');
	return `${text.slice(0, 8)}-${text.slice(8, 12)}-${text.slice(12, 16)}-${text.slice(16, 20)}-${text.slice(20)}`;
}
