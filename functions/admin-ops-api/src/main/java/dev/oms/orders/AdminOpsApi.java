package dev.oms.orders;

import dev.oms.app.WebhookSubscriptions;
import dev.oms.app.admin.BulkStatusPreview;
import dev.oms.app.admin.EventReplays;
import dev.oms.app.admin.FraudReview;
import dev.oms.app.admin.OperationalAlerts;
import dev.oms.app.admin.QueueClaims;
import dev.oms.app.admin.QueueOverview;
import dev.oms.app.cases.OrderCasesService;
import dev.oms.app.cases.OrderNotesService;
import dev.oms.app.cases.OrderTasksService;
import dev.oms.app.connector.registry.ConnectorAdministration;
import dev.oms.platform.aws.AwsClients;
import dev.oms.platform.config.Env;
import dev.oms.platform.dynamo.DynamoOrderEventPayloads;
import dev.oms.platform.dynamo.DynamoQueueLeases;
import dev.oms.platform.dynamo.DynamoWebhookStore;
import dev.oms.platform.dynamo.DynamoRepairQueue;
import dev.oms.platform.dynamo.DynamoTaskIndex;
import dev.oms.platform.dynamo.IdempotencyStore;
import dev.oms.platform.http.Cursors;
import dev.oms.platform.jobs.Jobs;
import dev.oms.platform.messaging.SqsWebhookQueue;
import dev.oms.platform.storage.S3DocumentStorage;
import dev.oms.platform.webhooks.HttpWebhookSender;
import dev.oms.platform.webhooks.WebhookSignature;
import dev.oms.platform.webhooks.WebhookUrlGuard;
import dev.oms.platform.wiring.CoreServices;
import dev.oms.platform.wiring.Once;
import java.time.Clock;

/**
 * The composition root of the admin API's operations and support part (issue 13): the existing tasks and hold use cases
 * (fraud review), the notes use case (attachments in the documents bucket), the connector registry, the jobs engine
 * and the webhook subscriptions of {@code /v1/orders/webhooks}
 * (the same store and delivery queue), on the container's {@link CoreServices}.
 */
final class AdminOpsApi {
    private static final Once<AdminOpsApi> INSTANCE = Once.of(() -> new AdminOpsApi(Jobs.get()));

    final Clock clock;
    final IdempotencyStore idempotency;
    final Cursors cursors;
    final OrderTasksService tasks;
    final ConnectorAdministration connectorAdmin;
    final Jobs jobs;
    final FraudReview fraud;
    final QueueClaims claims;
    final OperationalAlerts alerts;
    final WebhookUrlGuard webhookUrls;
    final WebhookSubscriptions webhooks;
    final EventReplays replays;
    final QueueOverview queues;
    final BulkStatusPreview bulkPreview;
    final OrderNotesService notes;
    final OrderCasesService cases;

    private AdminOpsApi(Jobs jobs) {
        CoreServices core = jobs.core;
        this.jobs = jobs;
        clock = core.clock;
        idempotency = core.idempotency;
        cursors = Cursors.fromEnvironment();
        tasks = new OrderTasksService(core.transactions(), new DynamoTaskIndex(core.table), core.ids, core.clock);
        connectorAdmin = core.connectorAdmin;
        fraud = new FraudReview(core.orders, tasks);
        alerts = new OperationalAlerts(new DynamoRepairQueue(core.table), tasks, connectorAdmin, core.audit, new DynamoWebhookStore(core.table), core.clock);
        claims = new QueueClaims(tasks, new DynamoQueueLeases(core.table), core.clock);
        queues = new QueueOverview(tasks, core.clock);
        bulkPreview = new BulkStatusPreview(core.orders);
        S3DocumentStorage documents = S3DocumentStorage.fromEnvironment();
        notes = new OrderNotesService(core.transactions(), documents, core.ids, core.clock);
        cases = new OrderCasesService(core.transactions(), documents, core.ids, core.clock);
        webhookUrls = WebhookUrlGuard.fromEnvironment();
        DynamoWebhookStore webhookStore = new DynamoWebhookStore(core.table);
        SqsWebhookQueue webhookQueue = new SqsWebhookQueue(AwsClients::sqs,
                Env.get("WEBHOOK_DELIVERY_QUEUE_URL", "https://sqs.us-east-1.amazonaws.com/000000000000/oms-webhook-deliveries"));
        webhooks = new WebhookSubscriptions(webhookStore, webhookQueue, new HttpWebhookSender(webhookUrls, core.clock),
                WebhookSignature::newSecret, core.ids, core.clock);
        replays = new EventReplays(core.transactions(), new DynamoOrderEventPayloads(core.table), webhookStore, webhookQueue, core.ids, core.clock);
    }

    static AdminOpsApi get() { return INSTANCE.get(); }
}
