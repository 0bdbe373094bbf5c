package dev.oms.streams;

import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.ChangeMessageVisibilityRequest;
import software.amazon.awssdk.services.sqs.model.ChangeMessageVisibilityResponse;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequest;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchResponse;

/** SqsClient is an interface: this one implements the two calls the webhook functions make, and remembers them. */
final class FakeSqs implements SqsClient {
    final List<SendMessageBatchRequestEntry> sent = new ArrayList<>();
    final List<ChangeMessageVisibilityRequest> visibility = new ArrayList<>();

    @Override
    public SendMessageBatchResponse sendMessageBatch(SendMessageBatchRequest request) {
        sent.addAll(request.entries());
        return SendMessageBatchResponse.builder().build();
    }

    @Override
    public ChangeMessageVisibilityResponse changeMessageVisibility(ChangeMessageVisibilityRequest request) {
        visibility.add(request);
        return ChangeMessageVisibilityResponse.builder().build();
    }

    @Override public String serviceName() { return "sqs"; }
    @Override public void close() { }

    /** What the sent messages look like to the function behind the queue, handed out for the {@code receiveCount}th time. */
    SQSEvent asEvent(int receiveCount) {
        List<SQSEvent.SQSMessage> records = new ArrayList<>();
        for (SendMessageBatchRequestEntry e : sent) records.add(message("m-" + records.size(), e.messageBody(), receiveCount));
        SQSEvent event = new SQSEvent();
        event.setRecords(records);
        return event;
    }

    static SQSEvent.SQSMessage message(String id, String body, int receiveCount) {
        SQSEvent.SQSMessage m = new SQSEvent.SQSMessage();
        m.setMessageId(id);
        m.setReceiptHandle("receipt-" + id);
        m.setBody(body);
        m.setAttributes(Map.of("ApproximateReceiveCount", Integer.toString(receiveCount)));
        return m;
    }

    static SQSEvent event(SQSEvent.SQSMessage... messages) {
        SQSEvent event = new SQSEvent();
        event.setRecords(List.of(messages));
        return event;
    }
}
