package dev.oms.local.aws;

import static dev.oms.local.aws.TestSupport.eventually;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amazonaws.services.lambda.runtime.events.SNSEvent;
import com.fasterxml.jackson.databind.JsonNode;
import dev.oms.platform.template.SamTemplate;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sns.model.InvalidParameterException;
import software.amazon.awssdk.services.sns.model.MessageAttributeValue;
import software.amazon.awssdk.services.sns.model.NotFoundException;
import software.amazon.awssdk.services.sqs.model.Message;

class SnsServiceTest {
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static SqsService sqs;
    private static SnsService sns;
    private static SnsClient client;
    private static final TestSupport.FakeLambda lambda = new TestSupport.FakeLambda();
    private static final NotificationOutbox outbox = new NotificationOutbox(50);
    private static String topicArn;

    @BeforeAll
    static void start() {
        SamTemplate template = TestSupport.template("sns-template.yaml");
        sqs = SqsService.start();
        sqs.createQueues(template);
        sns = SnsService.start(template, sqs, lambda, outbox);
        client = SnsClient.builder().endpointOverride(URI.create(sns.endpoint())).region(LocalAws.region())
                .credentialsProvider(LocalAws.credentials()).httpClientBuilder(UrlConnectionHttpClient.builder()).build();
        topicArn = sns.topicArn("NotificationsTopic");
    }

    @AfterAll
    static void stop() throws Exception {
        client.close();
        sns.close();
        sqs.close();
    }

    @BeforeEach
    void clean() {
        outbox.clear();
        lambda.calls.clear();
        for (String q : List.of("AlertsQueue", "RawQueue")) sqs.client().purgeQueue(b -> b.queueUrl(sqs.queueUrl(q)));
    }

    @Test
    void publish_through_the_sdk_fans_out_to_queues_a_function_email_and_sms_with_attributes() throws Exception {
        assertThat(topicArn).isEqualTo("arn:aws:sns:us-east-1:000000000000:oms-notifications");
        String id = client.publish(b -> b.topicArn(topicArn).subject("Order shipped").message("Your order ord_1 is on its way")
                .messageAttributes(Map.of(
                        "priority", MessageAttributeValue.builder().dataType("String").stringValue("high").build(),
                        "amount", MessageAttributeValue.builder().dataType("Number").stringValue("250").build()))).messageId();
        assertThat(id).isNotBlank();
        assertThat(sns.awaitDeliveries(WAIT)).isTrue();

        Message alert = receiveOne("AlertsQueue");
        JsonNode envelope = Jsons.parse(alert.body());
        assertThat(envelope.path("Type").asText()).isEqualTo("Notification");
        assertThat(envelope.path("MessageId").asText()).isEqualTo(id);
        assertThat(envelope.path("TopicArn").asText()).isEqualTo(topicArn);
        assertThat(envelope.path("Subject").asText()).isEqualTo("Order shipped");
        assertThat(envelope.path("Message").asText()).isEqualTo("Your order ord_1 is on its way");
        assertThat(envelope.path("MessageAttributes").path("priority").path("Type").asText()).isEqualTo("String");
        assertThat(envelope.path("MessageAttributes").path("priority").path("Value").asText()).isEqualTo("high");
        assertThat(envelope.path("MessageAttributes").path("amount").path("Type").asText()).isEqualTo("Number");

        Message raw = receiveOne("RawQueue");
        assertThat(raw.body()).isEqualTo("Your order ord_1 is on its way");
        assertThat(raw.messageAttributes().get("priority").stringValue()).isEqualTo("high");

        List<NotificationOutbox.Notification> captured = outbox.list(10);
        assertThat(captured).extracting(NotificationOutbox.Notification::channel).containsExactlyInAnyOrder("email", "sms");
        NotificationOutbox.Notification email = captured.stream().filter(n -> n.channel().equals("email")).findFirst().orElseThrow();
        assertThat(email.destination()).isEqualTo("ops@example.com");
        assertThat(email.subject()).isEqualTo("Order shipped");
        assertThat(email.message()).isEqualTo("Your order ord_1 is on its way");
        assertThat(email.attributes()).containsEntry("priority", "high").containsEntry("amount", "250");
        assertThat(email.messageId()).isEqualTo(id);
        assertThat(captured.stream().filter(n -> n.channel().equals("sms")).findFirst().orElseThrow().destination()).isEqualTo("+15550100");

        List<SNSEvent> invocations = lambda.events("NotifyFunction", SNSEvent.class);
        assertThat(invocations).hasSize(1);
        SNSEvent.SNSRecord record = invocations.get(0).getRecords().get(0);
        assertThat(record.getEventSource()).isEqualTo("aws:sns");
        assertThat(record.getEventSubscriptionArn()).startsWith(topicArn + ":");
        assertThat(record.getSNS().getMessageId()).isEqualTo(id);
        assertThat(record.getSNS().getMessage()).isEqualTo("Your order ord_1 is on its way");
        assertThat(record.getSNS().getSubject()).isEqualTo("Order shipped");
        assertThat(record.getSNS().getMessageAttributes().get("amount").getValue()).isEqualTo("250");
        assertThat(record.getSNS().getMessageAttributes().get("amount").getType()).isEqualTo("Number");
    }

    @Test
    void filter_policies_keep_messages_from_subscriptions_they_do_not_match() throws Exception {
        client.publish(b -> b.topicArn(topicArn).message("low priority").messageAttributes(Map.of(
                "priority", MessageAttributeValue.builder().dataType("String").stringValue("low").build(),
                "amount", MessageAttributeValue.builder().dataType("Number").stringValue("50").build())));
        assertThat(sns.awaitDeliveries(WAIT)).isTrue();
        assertThat(receiveOne("AlertsQueue").body()).contains("low priority");
        assertThat(sqs.client().receiveMessage(b -> b.queueUrl(sqs.queueUrl("RawQueue")).waitTimeSeconds(1)).messages()).isEmpty();
        assertThat(outbox.list(10)).extracting(NotificationOutbox.Notification::channel).containsExactly("email");
    }

    @Test
    void message_structure_json_sends_each_protocol_its_own_text() throws Exception {
        client.publish(b -> b.topicArn(topicArn).messageStructure("json").message("{\"default\":\"plain\",\"email\":\"Dear customer\"}"));
        assertThat(sns.awaitDeliveries(WAIT)).isTrue();
        assertThat(outbox.list(10)).singleElement().satisfies(n -> assertThat(n.message()).isEqualTo("Dear customer"));
        assertThat(Jsons.parse(receiveOne("AlertsQueue").body()).path("Message").asText()).isEqualTo("plain");
    }

    @Test
    void errors_are_aws_query_errors_the_sdk_understands() {
        assertThatThrownBy(() -> client.publish(b -> b.topicArn(LocalAws.topicArn("nope")).message("x"))).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> client.publish(b -> b.topicArn(topicArn).message(""))).isInstanceOf(InvalidParameterException.class);
    }

    @Test
    void topics_and_subscriptions_can_be_created_and_listed_and_the_outbox_is_served_over_http() throws Exception {
        String arn = client.createTopic(b -> b.name("adhoc")).topicArn();
        assertThat(arn).isEqualTo(LocalAws.topicArn("adhoc"));
        String subArn = client.subscribe(b -> b.topicArn(arn).protocol("email-json").endpoint("dev@example.com")).subscriptionArn();
        assertThat(subArn).startsWith(arn + ":");
        assertThat(client.listTopics().topics()).extracting(t -> t.topicArn()).contains(arn, topicArn);
        assertThat(client.listSubscriptions().subscriptions()).extracting(s -> s.endpoint()).contains("dev@example.com", "ops@example.com");
        assertThat(client.listSubscriptionsByTopic(b -> b.topicArn(arn)).subscriptions()).singleElement()
                .satisfies(s -> assertThat(s.protocol()).isEqualTo("email-json"));
        client.publish(b -> b.topicArn(arn).subject("Hi").message("hello <&> world"));
        client.publish(b -> b.phoneNumber("+15550199").message("Your code is 1234"));
        assertThat(sns.awaitDeliveries(WAIT)).isTrue();
        eventually(WAIT, "two captured notifications", () -> outbox.list(10).size() == 2);

        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(sns.endpoint() + "/local/notifications")).build(),
                HttpResponse.BodyHandlers.ofString());
        JsonNode data = Jsons.parse(r.body()).path("data");
        assertThat(data).hasSize(2);
        assertThat(data.get(0).path("channel").asText()).isEqualTo("sms");
        assertThat(data.get(0).path("destination").asText()).isEqualTo("+15550199");
        assertThat(data.get(1).path("channel").asText()).isEqualTo("email-json");
        assertThat(Jsons.parse(data.get(1).path("message").asText()).path("Message").asText()).isEqualTo("hello <&> world");

        client.unsubscribe(b -> b.subscriptionArn(subArn));
        assertThat(client.listSubscriptionsByTopic(b -> b.topicArn(arn)).subscriptions()).isEmpty();
    }

    private static Message receiveOne(String queueId) {
        List<Message> got = new ArrayList<>();
        eventually(WAIT, "a message in " + queueId, () -> {
            got.addAll(sqs.client().receiveMessage(b -> b.queueUrl(sqs.queueUrl(queueId)).waitTimeSeconds(1).maxNumberOfMessages(10)
                    .messageAttributeNames("All")).messages());
            return !got.isEmpty();
        });
        assertThat(got).hasSize(1);
        return got.get(0);
    }
}
