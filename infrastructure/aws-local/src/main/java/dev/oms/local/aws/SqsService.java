package dev.oms.local.aws;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import dev.oms.platform.template.SamTemplate;
import java.net.URI;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.ActorSystem;
import org.elasticmq.rest.sqs.SQSRestServer;
import org.elasticmq.rest.sqs.SQSRestServerBuilder;
import scala.concurrent.Await;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;
import software.amazon.awssdk.services.sqs.model.SendMessageRequest;

/**
 * SQS on ElasticMQ, in this JVM, speaking the SQS JSON protocol (what SDK v2 clients use) on 127.0.0.1.
 * {@link #createQueues(SamTemplate)} creates the template's {@code AWS::SQS::Queue} resources with their
 * attributes (visibility timeout, retention, delay, FIFO, content-based deduplication, and the redrive policy to a
 * dead-letter queue, which ElasticMQ enforces), and the lookups answer by logical id.
 *
 * <p>Queues and messages live in memory: they are gone when the runtime stops. (ElasticMQ's own persistence is
 * wired by its standalone server, not by the embeddable REST server used here.) The actor system runs on daemon
 * threads, so a forgotten {@link #close()} does not keep the JVM alive.
 */
public final class SqsService implements AutoCloseable {
    private final ActorSystem actors;
    private final SQSRestServer server;
    private final int port;
    private final SqsClient client;
    private final Map<String, Queue> queues = new ConcurrentHashMap<>();

    /** One queue of the template: its logical id, name, URL (what {@code !Ref} gives) and ARN. */
    public record Queue(String logicalId, String name, String url, String arn, boolean fifo) { }

    private SqsService(ActorSystem actors, SQSRestServer server, int port) {
        this.actors = actors;
        this.server = server;
        this.port = port;
        this.client = SqsClient.builder().endpointOverride(URI.create(endpoint())).region(LocalAws.region())
                .credentialsProvider(LocalAws.credentials()).httpClientBuilder(UrlConnectionHttpClient.builder()).build();
    }

    /** Starts ElasticMQ on a free port. */
    public static SqsService start() { return start(0); }

    /** Starts ElasticMQ on the given port (0 for a free one). */
    public static SqsService start(int port) {
        int p = port == 0 ? LocalAws.freePort() : port;
        Config config = ConfigFactory.parseString("""
                pekko.daemonic = on
                pekko.loglevel = WARNING
                pekko.stdout-loglevel = WARNING
                pekko.log-dead-letters = off
                pekko.log-dead-letters-during-shutdown = off
                pekko.coordinated-shutdown.run-by-jvm-shutdown-hook = off
                pekko.coordinated-shutdown.terminate-actor-system = on
                """).withFallback(ConfigFactory.load(SqsService.class.getClassLoader()));
        ActorSystem actors = ActorSystem.create("elasticmq", config, SqsService.class.getClassLoader());
        SQSRestServer server = SQSRestServerBuilder.withActorSystem(actors).withInterface("127.0.0.1").withPort(p)
                .withAWSRegion(LocalAws.REGION).withAWSAccountId(LocalAws.ACCOUNT_ID).start();
        server.waitUntilStarted();
        return new SqsService(actors, server, p);
    }

    /** What SDK clients use as their SQS endpoint ({@code aws.endpointUrlSqs}). */
    public String endpoint() { return "http://127.0.0.1:" + port; }

    public int port() { return port; }

    /** A client of this server, owned by the service (do not close it). */
    public SqsClient client() { return client; }

    /** Creates every {@code AWS::SQS::Queue} of the template (dead-letter queues first). */
    public void createQueues(SamTemplate template) {
        Map<String, Map<String, Object>> declared = template.resourcesOfType("AWS::SQS::Queue");
        for (String id : declared.keySet()) create(template, declared, id, new java.util.HashSet<>());
    }

    @SuppressWarnings("unchecked")
    private Queue create(SamTemplate template, Map<String, Map<String, Object>> declared, String id, Set<String> visiting) {
        Queue existing = queues.get(id);
        if (existing != null) return existing;
        if (!visiting.add(id)) throw new IllegalStateException("Queue " + id + " is in a redrive cycle");
        Map<String, Object> props = declared.get(id);
        if (props == null) throw new IllegalStateException("No AWS::SQS::Queue " + id + " in the template");
        boolean fifo = TemplateRefs.bool(props.get("FifoQueue"));
        String name = TemplateRefs.queueName(template, id);
        Map<String, String> attributes = new LinkedHashMap<>();
        copy(props, attributes, "VisibilityTimeout", "MessageRetentionPeriod", "DelaySeconds", "MaximumMessageSize",
                "ReceiveMessageWaitTimeSeconds", "ContentBasedDeduplication");
        if (fifo) attributes.put("FifoQueue", "true");
        Object redrive = props.get("RedrivePolicy");
        if (redrive instanceof Map<?, ?> r) {
            Object target = r.get("deadLetterTargetArn");
            String dlqId = TemplateRefs.logicalId(target);
            String dlqArn = dlqId != null ? create(template, declared, dlqId, visiting).arn() : String.valueOf(target);
            Map<String, Object> policy = new LinkedHashMap<>();
            policy.put("deadLetterTargetArn", dlqArn);
            policy.put("maxReceiveCount", TemplateRefs.integer(r.get("maxReceiveCount"), 10));
            attributes.put("RedrivePolicy", Jsons.write(policy));
        }
        String url = client.createQueue(b -> b.queueName(name).attributesWithStrings(attributes)).queueUrl();
        String arn = client.getQueueAttributes(b -> b.queueUrl(url).attributeNames(QueueAttributeName.QUEUE_ARN))
                .attributes().get(QueueAttributeName.QUEUE_ARN);
        Queue q = new Queue(id, name, url, arn, fifo);
        queues.put(id, q);
        return q;
    }

    private static void copy(Map<String, Object> props, Map<String, String> attributes, String... names) {
        for (String n : names) {
            Object v = props.get(n);
            if (v != null) attributes.put(n, String.valueOf(v));
        }
    }

    /** The template's queues by logical id. */
    public Map<String, Queue> queues() { return Collections.unmodifiableMap(new LinkedHashMap<>(queues)); }

    public Queue queue(String logicalId) {
        Queue q = queues.get(logicalId);
        if (q == null) throw new IllegalArgumentException("No queue " + logicalId + " (queues: " + queues.keySet() + ")");
        return q;
    }

    public String queueUrl(String logicalId) { return queue(logicalId).url(); }

    public String queueArn(String logicalId) { return queue(logicalId).arn(); }

    /** The template queue with this ARN. */
    public Optional<String> logicalIdForArn(String arn) {
        return queues.values().stream().filter(q -> q.arn().equals(arn)).map(Queue::logicalId).findFirst();
    }

    /** The URL of any queue on this server, from its ARN (template queues and queues created through the API). */
    public String urlForArn(String arn) {
        return logicalIdForArn(arn).map(this::queueUrl)
                .orElseGet(() -> client.getQueueUrl(b -> b.queueName(LocalAws.arnResource(arn))).queueUrl());
    }

    /** What {@code !Ref Queue} resolves to (the URL), by logical id, for the functions' environment. */
    public Map<String, String> refs() {
        Map<String, String> out = new LinkedHashMap<>();
        queues.forEach((id, q) -> out.put(id, q.url()));
        return out;
    }

    /** Sends a message to a template queue; FIFO queues need a group id (a missing one becomes "default"). */
    public String send(String logicalId, String body, String messageGroupId) {
        return send(logicalId, body, messageGroupId, null);
    }

    /** As {@link #send(String, String, String)}, with the FIFO deduplication id (a random one when null). */
    public String send(String logicalId, String body, String messageGroupId, String deduplicationId) {
        return sendToUrl(queueUrl(logicalId), body, messageGroupId, deduplicationId, Map.of());
    }

    String sendToUrl(String url, String body, String messageGroupId, String deduplicationId,
                     Map<String, software.amazon.awssdk.services.sqs.model.MessageAttributeValue> attributes) {
        SendMessageRequest.Builder req = SendMessageRequest.builder().queueUrl(url).messageBody(body);
        if (!attributes.isEmpty()) req.messageAttributes(attributes);
        if (url.endsWith(".fifo")) {
            req.messageGroupId(messageGroupId == null ? "default" : messageGroupId);
            req.messageDeduplicationId(deduplicationId == null ? java.util.UUID.randomUUID().toString() : deduplicationId);
        }
        return client.sendMessage(req.build()).messageId();
    }

    @Override
    public void close() throws Exception {
        client.close();
        try {
            server.stopAndWait();
        } finally {
            Await.ready(actors.terminate(), scala.concurrent.duration.Duration.create(10, TimeUnit.SECONDS));
        }
    }
}
