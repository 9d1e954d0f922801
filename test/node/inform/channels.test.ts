import { ALERTS, runMoEngage, useStandIn } from '../../harness/fixtures';
import { sendAlert } from '../../harness/operations';

const { standIn, baseUrl } = useStandIn({
	alerts: [...ALERTS, { id: '636b77e6e2cf83277195fb70', referenceName: 'delivery_update', channels: ['WHATSAPP', 'RCS', 'SMS'] }],
});

describe('Inform → Send Alert: WhatsApp and RCS (inform.yaml PayloadChannelWhatsApp, PayloadChannelRCS)', () => {
	test('WHATSAPP and RCS payloads carry the recipient and the personalization, and the alert is sent', async () => {
		const parameters = {
			...sendAlert(),
			alertReferenceName: 'delivery_update',
			channels: { channel: [{ channel: 'WHATSAPP', recipient: '={{ $json.to }}' }, { channel: 'RCS', recipient: '={{ $json.to }}' }] },
			personalizedAttributesInput: 'json',
			personalizedAttributesJson: '{"firstname": "Ann"}',
		};
		const { items, error } = await runMoEngage(baseUrl(), parameters, [{ id: 'u-1', to: '+15550001' }]);
		expect(error).toBeUndefined();
		expect(items[0].json).toMatchObject({ status: 'sent', channels: ['WHATSAPP', 'RCS'] });
		const [request] = standIn.requestsTo('sendAlert');
		expect(request.status).toBe(200);
		expect((request.body as { payloads: unknown }).payloads).toEqual({
			WHATSAPP: { recipient: '+15550001', personalized_attributes: { firstname: 'Ann' } },
			RCS: { recipient: '+15550001', personalized_attributes: { firstname: 'Ann' } },
		});
	});

});
