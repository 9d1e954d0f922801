import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { fieldError, readChoice, readRequiredText, readTextList } from './parameters';
import { IDENTIFY_USER_BY_LABEL, USER_ID_LABEL } from './userIdFields';

export const IDENTIFY_BY = { name: 'identifyBy', label: IDENTIFY_USER_BY_LABEL };
export const USER_VALUE = { name: 'userValue', label: USER_ID_LABEL };
export const PLATFORMS = { name: 'platforms', label: 'Platforms' };

const IDENTIFY_BY_CHOICES = ['uid', 'unique_id'] as const;
const PLATFORM_CHOICES = ['ANDROID', 'IOS', 'WEB'] as const;
export type CardPlatform = (typeof PLATFORM_CHOICES)[number];

/** The Cards APIs name a user by a standard ID (`uid`) or a device ID (`unique_id`). */
export interface CardUser {
	identifyBy: (typeof IDENTIFY_BY_CHOICES)[number];
	user: string;
}

/** Requests for one user go out one after the other (see inUserOrder). */
export function cardUserKey({ identifyBy, user }: CardUser): string {
	return `${identifyBy}:${user}`;
}

export const cardUserFields: INodeProperties[] = [
	{
		displayName: IDENTIFY_BY.label,
		name: IDENTIFY_BY.name,
		type: 'options',
		default: 'uid',
		options: [
			{ name: 'Device ID (Unique ID)', value: 'unique_id', description: 'The platform-specific device identifier, sent as unique_id' },
			{
				name: 'Standard ID (UID)',
				value: 'uid',
				description: 'Email, mobile number or another unique identifier mapped to a MoEngage standard attribute, sent as uid',
			},
		],
	},
	{
		displayName: USER_VALUE.label,
		name: USER_VALUE.name,
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. user@example.com',
		description: "The user's standard ID (uid) or device ID (unique_id), as chosen in Identify User By",
	},
];

export function platformsField(description: string): INodeProperties {
	return {
		displayName: PLATFORMS.label,
		name: PLATFORMS.name,
		type: 'multiOptions',
		default: [],
		description,
		options: [
			{ name: 'Android', value: 'ANDROID' },
			{ name: 'iOS', value: 'IOS' },
			{ name: 'Web', value: 'WEB' },
		],
	};
}

export function readCardUser(context: IExecuteFunctions, itemIndex: number): CardUser {
	return {
		identifyBy: readChoice(context, IDENTIFY_BY, itemIndex, IDENTIFY_BY_CHOICES),
		user: readRequiredText(context, USER_VALUE, itemIndex),
	};
}

/** Upper-cased and deduplicated; empty means every platform (MoEngage's default when absent). */
export function readPlatforms(context: IExecuteFunctions, itemIndex: number): CardPlatform[] {
	const platforms = readTextList(context, PLATFORMS, itemIndex, context.getNodeParameter(PLATFORMS.name, itemIndex, [])).map(
		(platform) => platform.toUpperCase(),
	);
	const unknown = platforms.find((platform) => !(PLATFORM_CHOICES as readonly string[]).includes(platform));
	if (unknown !== undefined) {
		throw fieldError(context, PLATFORMS, itemIndex, `has an unknown platform "${unknown}"`, `Allowed: ${PLATFORM_CHOICES.join(', ')}`);
	}
	return [...new Set(platforms)] as CardPlatform[];
}
