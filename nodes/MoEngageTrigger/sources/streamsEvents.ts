import type { INodePropertyOptions } from 'n8n-workflow';

/**
 * The events Streams can send that MoEngage documents by code, for the trigger's Events filter.
 *
 * Campaign events: the "Campaign Interaction Events" table of MoEngage's Streams page
 * (api/data/moengage-streams.mdx), all 33, with its names and codes. User events: the standard
 * lifecycle, acquisition and uninstall events of MoEngage's Data Export Glossary
 * (user-guide/data/exports/events/data-export-glossary.mdx, "Standard Events"); the workspace's
 * own events are not listed anywhere MoEngage's API can read, so they go in Event Names.
 */
export const STREAMS_CAMPAIGN_EVENTS: ReadonlyArray<[name: string, code: string]> = [
	['Email Sent', 'MOE_EMAIL_SENT'],
	['Email Deferred', 'MOE_EMAIL_DEFERRED'],
	['Email Delivered', 'MOE_EMAIL_DELIVERED'],
	['Email Dropped', 'MOE_EMAIL_DROP'],
	['Email Bounced', 'MOE_EMAIL_HARD_BOUNCE'],
	['Email Soft Bounced', 'MOE_EMAIL_SOFT_BOUNCE'],
	['Email Opened', 'MOE_EMAIL_OPEN'],
	['Email Clicked', 'MOE_EMAIL_CLICK'],
	['Email Unsubscribed', 'MOE_EMAIL_UNSUBSCRIBE'],
	['Email Spam Complained', 'MOE_EMAIL_SPAM'],
	['SMS Sent', 'SMS_SENT'],
	['SMS Delivered', 'SMS_DELIVERED'],
	['Notification Received Android', 'NOTIFICATION_RECEIVED_MOE'],
	['Notification Clicked Android', 'NOTIFICATION_CLICKED_MOE'],
	['Notification Swiped Android', 'NOTIFICATION_CLEARED_MOE'],
	['Notification Sent iOS', 'n_i_s'],
	['Notification Clicked iOS', 'NOTIFICATION_CLICKED_IOS_MOE'],
	['Notification Received Web', 'NOTIFICATION_RECEIVED_WEB_MOE'],
	['Notification Clicked Web', 'NOTIFICATION_CLICKED_WEB_MOE'],
	['Connector Sent', 'MOE_CONNECTOR_SENT'],
	['Card Sent', 'MOE_CARD_SENT'],
	['Card Delivered', 'MOE_CARD_DELIVERED'],
	['Card Viewed', 'MOE_CARD_VIEWED'],
	['Card Clicked', 'MOE_CARD_CLICKED'],
	['Mobile In-App Shown', 'MOE_IN_APP_SHOWN'],
	['Mobile In-App Clicked', 'MOE_IN_APP_CLICKED'],
	['Mobile In-App Closed', 'MOE_IN_APP_DISMISSED'],
	['On-site Message Shown', 'MOE_ONSITE_MESSAGE_SHOWN'],
	['On-site Message Clicked', 'MOE_ONSITE_MESSAGE_CLICKED'],
	['On-site Message Closed', 'MOE_ONSITE_MESSAGE_DISMISSED'],
	['User Entered Flow', 'USER_ENTERED_FLOW'],
	['User Exited Flow', 'USER_EXITED_FLOW'],
	['User Added to Control Group', 'MOE_CAMPAIGN_CONTROL_GROUP'],
];

export const STREAMS_USER_EVENTS: ReadonlyArray<[name: string, code: string]> = [
	['App/Site Opened', 'MOE_APP_OPENED'],
	['Viewed Web Page', 'MOE_PAGE_VIEWED'],
	['App Exit', 'MOE_APP_EXIT'],
	['User Logout', 'MOE_LOGOUT'],
	['Push ID Register Android', 'TOKEN_EVENT'],
	['User Merged', 'MOE_USER_MERGED'],
	['App Update', 'UPDATE'],
	['Install', 'INSTALL'],
	['Device ReInstall', 'REINSTALL'],
	// The glossary gives the display name as this event's code.
	['Device Uninstall', 'Device Uninstall'],
	['User ReInstall', 'MOE_USER_REINSTALL'],
];

/**
 * MoEngage's two pages give two events different codes: the Streams page's `MOE_CARD_VIEWED` and
 * `MOE_CONNECTOR_SENT` are `MOE_CARD_IMPRESSION` and `WEBHOOK_SENT` in the glossary. Which one a
 * workspace's Streams sends is not documented, so picking the event matches either code.
 */
export const STREAMS_CODE_ALIASES: Readonly<Record<string, readonly string[]>> = {
	MOE_CARD_VIEWED: ['MOE_CARD_IMPRESSION'],
	MOE_CONNECTOR_SENT: ['WEBHOOK_SENT'],
};

/** The codes an event picked in the Events filter matches: its own and its documented aliases. */
export const codesOf = (code: string): string[] => [code, ...(STREAMS_CODE_ALIASES[code] ?? [])];

/** The Events filter's options, alphabetically: "Email Bounced (MOE_EMAIL_HARD_BOUNCE)". */
export const STREAMS_EVENT_OPTIONS: INodePropertyOptions[] = [
	...STREAMS_CAMPAIGN_EVENTS.map(([name, code]) => ({ name: `${name} (${code})`, value: code, description: 'Campaign event' })),
	...STREAMS_USER_EVENTS.map(([name, code]) => ({ name: `${name} (${code})`, value: code, description: 'Standard user event' })),
].sort((a, b) => a.name.localeCompare(b.name));
