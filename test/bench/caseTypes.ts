/** What a case of the benchmark is (test/bench/cases.ts lists them). */
import type { IDataObject } from 'n8n-workflow';

import type { Api } from '../standin/server';

export interface Limit {
	perMinute: number;
	unit: 'requests' | 'users';
}

/** One request per item (or per group), as a user configures HTTP Request for it. */
export interface HttpCall {
	method: string;
	/** Path and query, after the credential's host. */
	path: string;
	/** n8n expression (without `={{ }}`) giving the JSON body. */
	body: string;
	/** Headers beyond the credential's, by name: n8n expressions (without `={{ }}`). */
	headers?: Record<string, string>;
}

/** The best stock setup: Code groups items, HTTP Request sends each group, Code splits the answers. */
export interface Grouped {
	/** Items per request. */
	size: number;
	/** The Code node's JavaScript that turns the groups' answers back into one item per input item. */
	split: string;
	call: HttpCall;
	/** What the grouping is, for the table. */
	label: string;
	api: Api;
	limit: Limit;
}

export interface Case {
	key: string;
	name: string;
	/** Items per run (the --n option, unless the case fixes its own). */
	n?: number;
	api: Api;
	/** The limit the stand-in enforces (MoEngage's own unless the case lowers it). */
	limit: Limit;
	node: IDataObject;
	/** Extra node variants (e.g. the Rate Limit option set), by side label. */
	nodeVariants?: Record<string, IDataObject>;
	call: HttpCall;
	/** Absent: the best stock setup is HTTP Request one request per item (no endpoint takes many). */
	grouped?: Grouped;
	/** Whether the HTTP Request sides run (a case of the node alone skips them). */
	stock: boolean;
	/** Whether HTTP Request one request per item is among them (default: yes). */
	perItemHttp?: boolean;
	/** RTTs (ms) this case runs at, when it fixes its own. */
	rtts?: number[];
}
