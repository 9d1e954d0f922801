import type { IDisplayOptions, INodeProperties } from 'n8n-workflow';

/**
 * Shows each property only for the given resource/operation, keeping any display rules the
 * property already has. A local copy of nodes-base's helper, which is not published.
 */
export function updateDisplayOptions(
	displayOptions: IDisplayOptions,
	properties: INodeProperties[],
): INodeProperties[] {
	return properties.map((property) => ({
		...property,
		displayOptions: {
			...property.displayOptions,
			show: { ...property.displayOptions?.show, ...displayOptions.show },
			...(displayOptions.hide || property.displayOptions?.hide
				? { hide: { ...property.displayOptions?.hide, ...displayOptions.hide } }
				: {}),
		},
	}));
}
