package dev.oms.platform.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.oms.app.port.WebhookQueue.DeliveryRef;
import dev.oms.domain.DomainException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.BatchResultErrorEntry;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequest;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchResponse;

class SqsWebhookQueueTest {
    /** SqsClient is an interface: only SendMessageBatch is needed. */
    static final class FakeSqs implements SqsClient {
        final List<SendMessageBatchRequest> batches = new ArrayList<>();
        boolean refuseOne;

        @Override
        public SendMessageBatchResponse sendMessageBatch(SendMessageBatchRequest request) {
            batches.add(request);
            if (refuseOne) {
                return SendMessageBatchResponse.builder().failed(BatchResultErrorEntry.builder().id("0").code("Throttled")
                        .message("slow down").senderFault(false).build()).build();
            }
            return SendMessageBatchResponse.builder().build();
        }

        @Override public String serviceName() { return "sqs"; }
        @Override public void close() { }
    }

    static List<DeliveryRef> refs(int n) {
        return IntStream.range(0, n).mapToObj(i -> new DeliveryRef("t1", "wh_1", "dlv_" + i)).toList();
    }

    @Test
    void sendsTenMessagesPerBatchEachNamingOneDelivery() {
        FakeSqs sqs = new FakeSqs();
        new SqsWebhookQueue(() -> sqs, "https://sqs/queue").enqueue(refs(23));
        assertThat(sqs.batches).extracting(b -> b.entries().size()).containsExactly(10, 10, 3);
        assertThat(sqs.batches).allSatisfy(b -> assertThat(b.queueUrl()).isEqualTo("https://sqs/queue"));
        String body = sqs.batches.get(2).entries().get(2).messageBody();
        assertThat(SqsWebhookQueue.parse(body)).isEqualTo(new DeliveryRef("t1", "wh_1", "dlv_22"));
    }

    @Test
    void aRefusedMessageFailsTheCall() {
        FakeSqs sqs = new FakeSqs();
        sqs.refuseOne = true;
        assertThatThrownBy(() -> new SqsWebhookQueue(() -> sqs, "q").enqueue(refs(2)))
                .isInstanceOf(DomainException.class).hasMessageContaining("slow down");
    }

    @Test
    void aMessageThatNamesNoDeliveryIsRefused() {
        assertThatThrownBy(() -> SqsWebhookQueue.parse("{\"tenant_id\":\"t1\"}")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SqsWebhookQueue.parse("not json")).isInstanceOf(IllegalArgumentException.class);
    }
}
