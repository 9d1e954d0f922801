import { createHash, timingSafeEqual } from 'crypto';

/**
 * Whether a received secret equals the expected one, in a time that depends on neither their
 * contents nor their lengths: `timingSafeEqual` needs inputs of one length, and checking the
 * lengths first would tell a caller how long the secret is, so both sides are hashed first.
 */
export function secretsEqual(received: string | Buffer, expected: string | Buffer): boolean {
	return timingSafeEqual(sha256(received), sha256(expected));
}

function sha256(value: string | Buffer): Buffer {
	return createHash('sha256').update(value).digest();
}
