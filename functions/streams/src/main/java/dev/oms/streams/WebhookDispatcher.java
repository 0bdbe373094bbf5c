package dev.oms.streams;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import dev.oms.app.WebhookDeliveries;
import dev.oms.app.WebhookDeliveries.Outcome;
import dev.oms.platform.Platform;
import dev.oms.platform.aws.AwsClients;
import dev.oms.platform.config.Env;
import dev.oms.platform.observability.Observability;
import dev.oms.platform.messaging.SqsWebhookQueue;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * Sends queued webhook deliveries, one attempt per message. A delivery to retry is reported as a batch item failure
 * after its message was made invisible for the back-off (ChangeMessageVisibility), so SQS hands it out again then;
 * SQS counts the hand-outs (the attempt number), and after the last one its redrive policy parks the message in the
 * dead-letter queue. Delivered, skipped and disabled deliveries are done with.
 */
public final class WebhookDispatcher implements RequestHandler<SQSEvent, SQSBatchResponse> {
    /**
     * SQS refuses a visibility that would keep a message hidden more than 12 hours after it was received; the back-off
     * is at most 12 hours from now, so it is shortened by the little that has passed since.
     */
    static final long MAX_VISIBILITY_SECONDS = 43_200 - 300;

    private final WebhookDeliveries deliveries;
    private final SqsClient sqs;
    private final String queueUrl;

    public WebhookDispatcher() {
        this(Platform.get().webhookDeliveries, AwsClients.sqs(), Env.get("WEBHOOK_DELIVERY_QUEUE_URL", ""));
    }

    public WebhookDispatcher(WebhookDeliveries deliveries, SqsClient sqs, String queueUrl) {
        this.deliveries = deliveries;
        this.sqs = sqs;
        this.queueUrl = queueUrl;
    }

    @Override
    public SQSBatchResponse handleRequest(SQSEvent event, Context context) {
        List<SQSBatchResponse.BatchItemFailure> failures = new ArrayList<>();
        for (SQSEvent.SQSMessage m : event.getRecords()) {
            try {
                dev.oms.app.port.WebhookQueue.DeliveryRef ref = SqsWebhookQueue.parse(m.getBody());
                Outcome outcome = deliveries.deliver(ref, attempt(m));
                if (outcome.result() == WebhookDeliveries.Result.RETRY || outcome.result() == WebhookDeliveries.Result.FAILED) {
                    // the WebhookFailuresAlarm watches the subscription with most failed attempts
                    Observability.count("WebhookDispatcher", "WebhookAttemptsFailed", "webhook_id", ref.webhookId(), 1);
                }
                switch (outcome.result()) {
                    case RETRY -> {
                        hide(m, outcome.retryAfter());
                        failures.add(failure(m));
                    }
                    case FAILED -> {
                        hide(m, Duration.ZERO);
                        failures.add(failure(m));
                    }
                    case DELIVERED, DISABLED, SKIPPED -> { }
                }
            } catch (Exception e) {
                Observability.error("webhook delivery failed for message " + m.getMessageId(), e);
                failures.add(failure(m));
            }
        }
        return SQSBatchResponse.builder().withBatchItemFailures(failures).build();
    }

    /** How many times SQS has handed this message out, this time included. */
    static int attempt(SQSEvent.SQSMessage m) {
        Map<String, String> attributes = m.getAttributes();
        String count = attributes == null ? null : attributes.get("ApproximateReceiveCount");
        try {
            return count == null ? 1 : Math.max(1, Integer.parseInt(count));
        } catch (NumberFormatException e) {
            return 1;
        }
    }

    /**
     * Keeps the message hidden for the wait (zero: hand it out again at once, which for a message on its last attempt
     * means the dead-letter queue). If SQS does not answer, the queue's own visibility timeout applies instead.
     */
    private void hide(SQSEvent.SQSMessage m, Duration wait) {
        try {
            int seconds = (int) Math.min(wait.getSeconds(), MAX_VISIBILITY_SECONDS);
            sqs.changeMessageVisibility(r -> r.queueUrl(queueUrl).receiptHandle(m.getReceiptHandle()).visibilityTimeout(seconds));
        } catch (RuntimeException e) {
            Observability.error("could not delay webhook message " + m.getMessageId(), e);
        }
    }

    private static SQSBatchResponse.BatchItemFailure failure(SQSEvent.SQSMessage m) {
        return SQSBatchResponse.BatchItemFailure.builder().withItemIdentifier(m.getMessageId()).build();
    }
}
