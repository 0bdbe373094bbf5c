package dev.oms.orders;

import dev.oms.app.WebhookSubscriptions;
import dev.oms.app.port.IdGenerator;
import dev.oms.platform.aws.AwsClients;
import dev.oms.platform.config.Env;
import dev.oms.platform.dynamo.DynamoWebhookStore;
import dev.oms.platform.dynamo.IdempotencyStore;
import dev.oms.platform.http.Cursors;
import dev.oms.platform.messaging.SqsWebhookQueue;
import dev.oms.platform.webhooks.HttpWebhookSender;
import dev.oms.platform.webhooks.WebhookSignature;
import dev.oms.platform.webhooks.WebhookUrlGuard;
import dev.oms.platform.wiring.CoreServices;
import dev.oms.platform.wiring.Once;
import java.time.Clock;

/** The composition root of the webhooks API function: subscriptions and their delivery log; DynamoDB and SQS. */
final class WebhooksApi {
    private static final Once<WebhooksApi> INSTANCE = Once.of(() -> new WebhooksApi(CoreServices.get()));

    final Clock clock;
    final IdGenerator ids;
    final IdempotencyStore idempotency;
    final Cursors cursors;
    final WebhookUrlGuard webhookUrls;
    final WebhookSubscriptions webhooks;

    private WebhooksApi(CoreServices core) {
        clock = core.clock;
        ids = core.ids;
        idempotency = core.idempotency;
        cursors = Cursors.fromEnvironment();
        webhookUrls = WebhookUrlGuard.fromEnvironment();
        SqsWebhookQueue queue = new SqsWebhookQueue(AwsClients::sqs,
                Env.get("WEBHOOK_DELIVERY_QUEUE_URL", "https://sqs.us-east-1.amazonaws.com/000000000000/oms-webhook-deliveries"));
        webhooks = new WebhookSubscriptions(new DynamoWebhookStore(core.table), queue, new HttpWebhookSender(webhookUrls, clock),
                WebhookSignature::newSecret, ids, clock);
    }

    static WebhooksApi get() { return INSTANCE.get(); }
}
