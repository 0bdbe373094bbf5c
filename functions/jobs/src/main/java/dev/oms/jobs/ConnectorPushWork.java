package dev.oms.jobs;

import dev.oms.app.CommandContext;
import dev.oms.app.FulfillOrderSteps;
import dev.oms.app.connector.FulfillmentProvider;
import dev.oms.app.port.ResponseJournal;
import dev.oms.app.warehouse.WarehouseFulfilments;
import dev.oms.domain.DomainException;
import dev.oms.domain.job.JobCounts;
import dev.oms.domain.order.FulfillmentStatus;
import dev.oms.domain.warehouse.ops.ConnectorPush;
import dev.oms.domain.warehouse.ops.FulfilmentConnector;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A push of one fulfilment to a fulfilment connector ({@code POST /v1/fulfillment/connectors/{id}/push-fulfillment},
 * kind {@code connector_push}). The provider is called with the key {@code push:<connector>:<fulfilment>} (the
 * signed-HTTP partner's {@code Idempotency-Key}; the SFTP file is named by the fulfilment), and the push is recorded
 * once with its {@code fulfillment_connector.pushed} event: a run after a crash, or a second push, makes no second
 * order at the provider. A provider that does not answer fails the delivery, which SQS retries (three deliveries).
 */
final class ConnectorPushWork implements JobWork {
    private final ConnectorJobs jobs;

    ConnectorPushWork(ConnectorJobs jobs) { this.jobs = jobs; }

    @Override
    public void run(JobRun run) {
        if (!run.proceed(false)) return;
        CommandContext ctx = run.context(null, ResponseJournal.NONE);
        String fulfillmentId = run.parameter("fulfillment_id");
        ConnectorPush push;
        try {
            FulfilmentConnector c = jobs.connectors.usable(ctx, run.parameter("connector_id"));
            push = jobs.connectors.push(ctx, c.id(), fulfillmentId).orElse(null);
            if (push == null) {
                var found = WarehouseFulfilments.find(jobs.platform.core.transactions(), ctx, fulfillmentId);
                if (found.fulfillment().status() == FulfillmentStatus.CANCELLED || found.fulfillment().status().isShipped()) {
                    throw DomainException.conflict("fulfillment_connector.not_pushable", "The fulfilment " + fulfillmentId + " is "
                            + found.fulfillment().status().wire(), "Nothing to hand over.");
                }
                FulfillmentProvider.Dispatch dispatch = FulfillOrderSteps.dispatch(found.order(), found.fulfillment());
                String key = "push:" + c.id() + ":" + fulfillmentId;
                FulfillmentProvider.Dispatched d = jobs.call(ctx.tenantId(), c, "dispatch", p -> p.dispatch(ctx.tenantId(), dispatch, key));
                push = jobs.connectors.recordPush(ctx, c, fulfillmentId, found.order().id(), d.providerReference(), run.id());
            }
        } catch (dev.oms.app.connector.ConnectorException outage) {
            throw outage; // SQS delivers the job again
        } catch (DomainException e) {
            throw ConnectorJobs.refused(e);
        }
        run.checkpoint(new JobCounts(1L, 1, 1, 0, 0), "1", Map.of("pushed", 1L));
        Map<String, String> results = new LinkedHashMap<>();
        results.put("fulfillment_id", fulfillmentId);
        results.put("status", run.id().equals(push.jobId()) ? "pushed" : "already_pushed");
        results.put("provider_reference", push.providerReference());
        results.put("pushed_at", dev.oms.platform.json.Times.format(push.pushedAt()));
        run.complete(results);
    }
}
