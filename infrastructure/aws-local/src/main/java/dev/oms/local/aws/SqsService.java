package dev.oms.local.aws;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import dev.oms.platform.template.SamTemplate;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.ActorRef;
import org.apache.pekko.actor.ActorSystem;
import org.apache.pekko.actor.Props;
import org.apache.pekko.pattern.Patterns;
import org.elasticmq.StrictSQSLimits$;
import org.elasticmq.actor.QueueManagerActor;
import org.elasticmq.actor.queue.QueueEvent;
import org.elasticmq.persistence.sql.SqlQueuePersistenceActor;
import org.elasticmq.persistence.sql.SqlQueuePersistenceConfig;
import org.elasticmq.rest.sqs.SQSRestServer;
import org.elasticmq.rest.sqs.SQSRestServerBuilder;
import org.elasticmq.util.NowProvider;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import scala.Option;
import scala.concurrent.Await;
import scalikejdbc.ConnectionPool;
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
 * <p>{@link #start()} keeps queues and messages in memory. {@link #startDurable(int, Path)} keeps them in an embedded
 * H2 database (ElasticMQ's own SQL message storage, {@code elasticmq-persistence-sql}, wired here as its standalone
 * server wires it): every send, receive, visibility change and delete is written before SQS answers, so an
 * acknowledged message survives a {@code kill -9}. At the next start the queues and their messages come back; messages
 * that were in flight (received, not deleted: their consumers died with the process) are made visible again at once
 * rather than after their visibility timeout. One durable service per JVM at a time (ElasticMQ's SQL storage uses
 * scalikejdbc's global connection pool). The actor system runs on daemon threads, so a forgotten {@link #close()}
 * does not keep the JVM alive.
 */
public final class SqsService implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SqsService.class);
    private final ActorSystem actors;
    private final SQSRestServer server;
    private final int port;
    private final SqsClient client;
    private final Map<String, Queue> queues = new ConcurrentHashMap<>();
    private final Path storage;

    /** One queue of the template: its logical id, name, URL (what {@code !Ref} gives) and ARN. */
    public record Queue(String logicalId, String name, String url, String arn, boolean fifo) { }

    private SqsService(ActorSystem actors, SQSRestServer server, int port, Path storage) {
        this.actors = actors;
        this.server = server;
        this.port = port;
        this.storage = storage;
        this.client = SqsClient.builder().endpointOverride(URI.create(endpoint())).region(LocalAws.region())
                .credentialsProvider(LocalAws.credentials()).httpClientBuilder(UrlConnectionHttpClient.builder()).build();
    }

    /** Starts ElasticMQ on a free port. */
    public static SqsService start() { return start(0); }

    /** Starts ElasticMQ on the given port (0 for a free one), in memory. */
    public static SqsService start(int port) { return start(port, null); }

    /**
     * Starts ElasticMQ on the given port (0 for a free one) with its queues and messages in an H2 database under
     * {@code dir} ({@code dir/sqs.mv.db}), restoring what an earlier run left there.
     */
    public static SqsService startDurable(int port, Path dir) { return start(port, dir); }

    private static SqsService start(int port, Path dir) {
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
        var builder = SQSRestServerBuilder.withActorSystem(actors).withInterface("127.0.0.1").withPort(p)
                .withAWSRegion(LocalAws.REGION).withAWSAccountId(LocalAws.ACCOUNT_ID);
        if (dir != null) {
            ActorRef store = durableStore(actors, dir);
            ActorRef manager = actors.actorOf(Props.create(QueueManagerActor.class, new NowProvider(), StrictSQSLimits$.MODULE$, Option.apply(store)));
            try {
                // as ElasticMQ's standalone server does: the store creates the persisted queues and puts their messages back
                Object restored = Patterns.ask(store, new QueueEvent.Restore(manager), java.time.Duration.ofSeconds(60))
                        .toCompletableFuture().get(60, TimeUnit.SECONDS);
                if (restored instanceof scala.util.Left<?, ?> errors) throw new IllegalStateException("SQS queues could not be restored: " + errors.value());
            } catch (Exception e) {
                try {
                    Await.ready(actors.terminate(), scala.concurrent.duration.Duration.create(10, TimeUnit.SECONDS));
                } catch (Exception ignored) {
                    // stopping anyway
                }
                ConnectionPool.closeAll();
                throw new IllegalStateException("SQS could not restore its queues from " + dir, e);
            }
            builder = builder.withQueueManagerActor(manager).withQueueEventListener(store);
        }
        SQSRestServer server = builder.start();
        server.waitUntilStarted();
        return new SqsService(actors, server, p, dir);
    }

    /**
     * ElasticMQ's SQL message storage on an embedded H2 file. {@code WRITE_DELAY=0}: a commit reaches the file before
     * SQS answers. Messages left in flight by the previous run are made visible first.
     */
    private static ActorRef durableStore(ActorSystem actors, Path dir) {
        try {
            Files.createDirectories(dir);
        } catch (java.io.IOException e) {
            throw new IllegalStateException("Cannot create " + dir, e);
        }
        String url = "jdbc:h2:file:" + dir.toAbsolutePath().resolve("sqs") + ";WRITE_DELAY=0";
        int released = releaseInFlight(url, System.currentTimeMillis());
        if (released > 0) LOG.info("SQS: {} messages in flight when the last run stopped are visible again", released);
        // ElasticMQ's DB object initialises scalikejdbc's global pool only once per JVM: (re)point it here every time
        scalikejdbc.ConnectionPoolSettings settings = ConnectionPool.singleton$default$4();
        ConnectionPool.singleton(url, "sa", "", settings, ConnectionPool.singleton$default$5(url, "sa", "", settings));
        SqlQueuePersistenceConfig cfg = new SqlQueuePersistenceConfig(true, "org.h2.Driver", url, "sa", "", false);
        return actors.actorOf(Props.create(SqlQueuePersistenceActor.class, cfg, scala.collection.immutable.List$.MODULE$.empty()), "sqs-storage");
    }

    /** Sets the next delivery of every received, undeleted message to now; returns how many there were. */
    static int releaseInFlight(String url, long now) {
        try (Connection c = DriverManager.getConnection(url, "sa", "")) {
            List<String> tables = new ArrayList<>();
            try (ResultSet rs = c.getMetaData().getTables(null, null, "MESSAGE_%", new String[] {"TABLE", "BASE TABLE"})) {
                while (rs.next()) tables.add(rs.getString("TABLE_NAME"));
            }
            int n = 0;
            for (String t : tables) {
                try (PreparedStatement ps = c.prepareStatement("UPDATE \"" + t.replace("\"", "") + "\" SET NEXT_DELIVERY = ? WHERE RECEIVE_COUNT > 0 AND NEXT_DELIVERY > ?")) {
                    ps.setLong(1, now);
                    ps.setLong(2, now);
                    n += ps.executeUpdate();
                }
            }
            return n;
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot open the SQS store " + url, e);
        }
    }

    /** Where queues and messages are kept; null in memory. */
    public Path storage() { return storage; }

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
        String url;
        try {
            url = client.createQueue(b -> b.queueName(name).attributesWithStrings(attributes)).queueUrl();
        } catch (software.amazon.awssdk.services.sqs.model.QueueNameExistsException changed) {
            // restored from the store with other attributes: the template wins
            url = client.getQueueUrl(b -> b.queueName(name)).queueUrl();
            String u = url;
            Map<String, String> settable = new LinkedHashMap<>(attributes);
            settable.remove("FifoQueue");
            settable.remove("ContentBasedDeduplication");
            if (!settable.isEmpty()) client.setQueueAttributes(b -> b.queueUrl(u).attributesWithStrings(settable));
        }
        String finalUrl = url;
        String arn = client.getQueueAttributes(b -> b.queueUrl(finalUrl).attributeNames(QueueAttributeName.QUEUE_ARN))
                .attributes().get(QueueAttributeName.QUEUE_ARN);
        Queue q = new Queue(id, name, finalUrl, arn, fifo);
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
            if (storage != null) ConnectionPool.closeAll();
        }
    }
}
