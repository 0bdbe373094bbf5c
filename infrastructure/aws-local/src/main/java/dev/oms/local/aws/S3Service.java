package dev.oms.local.aws;

import com.amazonaws.services.lambda.runtime.events.S3Event;
import com.amazonaws.services.lambda.runtime.events.models.s3.S3EventNotification;
import dev.oms.platform.template.SamTemplate;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.blobstore.BlobStore;
import org.gaul.s3proxy.nio2blob.FilesystemNio2BlobStore;
import org.gaul.s3proxy.nio2blob.TransientNio2BlobStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.model.BucketAlreadyOwnedByYouException;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/**
 * S3 on s3proxy, in this JVM: objects on the filesystem under a data directory (one folder per bucket), or in
 * memory. It checks AWS signatures (V2 and V4, headers and presigned URLs) against {@link LocalAws#ACCESS_KEY} /
 * {@link LocalAws#SECRET_KEY}. {@link #createBuckets(SamTemplate)} creates the template's {@code AWS::S3::Bucket}
 * resources ({@code BucketName}, or the logical id in lower case).
 *
 * <p><b>Event notifications.</b> s3proxy emits none, so the storage under it is wrapped ({@link NotifyingBlobStore},
 * a decorator of s3proxy's own {@code BlobStore} API): after an object is written (PUT, POST, copy, completed
 * multipart upload) or deleted, the service matches the bucket's notification routes and delivers an
 * {@link S3Event} to functions through the {@link LambdaInvoker}, or S3's notification JSON to queues, asynchronously
 * and in order on one daemon thread, with two retries like an asynchronous Lambda invocation. Routes come from the
 * functions' {@code Type: S3} events ({@code Bucket: !Ref B}, {@code Events}, {@code Filter.S3Key.Rules} prefix /
 * suffix) and from a bucket's {@code NotificationConfiguration} ({@code LambdaConfigurations},
 * {@code QueueConfigurations}). This was chosen over an HTTP proxy in front of s3proxy because that proxy would have
 * to relay every request byte for byte (SigV4 signs the Host header, which {@code java.net.http} will not set) and
 * re-parse S3's REST API to know what was written; the decorator sees exactly the writes that succeeded, and SDK
 * clients talk to s3proxy directly.
 *
 * <p>Clients must use path-style addressing ({@code forcePathStyle(true)}): the endpoint is {@code 127.0.0.1}.
 */
public final class S3Service implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(S3Service.class);
    private static final int KEPT_DELIVERIES = 200;

    /**
     * Where objects live ({@code dataDir} null: in memory), the port (0: a free one), and where notifications not yet
     * delivered are journaled ({@code notificationJournal} null: in memory; see {@link WorkJournal}).
     */
    public record Options(Path dataDir, int port, Path notificationJournal) {
        public Options(Path dataDir, int port) { this(dataDir, port, null); }

        public static Options inMemory() { return new Options(null, 0); }

        public static Options filesystem(Path dataDir) { return new Options(dataDir, 0); }

        public Options withNotificationJournal(Path file) { return new Options(dataDir, port, file); }
    }

    /** Where a notification of one bucket goes. {@code events} like {@code s3:ObjectCreated:*}. */
    public record Route(String bucket, List<String> events, String prefix, String suffix, Target target, String targetId,
                        String configurationId) {
        public enum Target { FUNCTION, QUEUE }

        boolean matches(NotifyingBlobStore.ObjectEvent e) {
            if (!bucket.equals(e.bucket())) return false;
            if (prefix != null && !e.key().startsWith(prefix)) return false;
            if (suffix != null && !e.key().endsWith(suffix)) return false;
            return events.stream().map(s -> s.startsWith("s3:") ? s.substring(3) : s).anyMatch(p -> p.endsWith("*")
                    ? e.eventName().startsWith(p.substring(0, p.length() - 1)) : e.eventName().equals(p));
        }
    }

    /** One delivered (or failed) notification, for the local console. */
    public record Delivery(Instant time, String eventName, String bucket, String key, Route.Target target, String targetId,
                           boolean delivered, int attempts, String error) { }

    private final S3Proxy proxy;
    private final int port;
    private final S3Client client;
    private final S3Presigner presigner;
    private final Map<String, String> buckets = new LinkedHashMap<>();
    private final List<Route> routes = new CopyOnWriteArrayList<>();
    private final Deque<Delivery> deliveries = new ArrayDeque<>();
    private final ExecutorService notifier = Executors.newSingleThreadExecutor(LocalHttpServer.daemonThreads("s3-notifications"));
    private final AtomicLong sequencer = new AtomicLong(System.currentTimeMillis() * 1000);
    private volatile LambdaInvoker invoker;
    private volatile SqsService sqs;
    private final WorkJournal journal;

    private S3Service(Options options) throws Exception {
        journal = options.notificationJournal() == null ? WorkJournal.inMemory() : WorkJournal.open(options.notificationJournal());
        BlobStore store;
        if (options.dataDir() == null) {
            store = new TransientNio2BlobStore();
        } else {
            Path dir = options.dataDir().toAbsolutePath();
            Files.createDirectories(dir);
            store = new FilesystemNio2BlobStore(dir.toString());
        }
        port = options.port() == 0 ? LocalAws.freePort() : options.port();
        proxy = S3Proxy.builder().blobStore(new NotifyingBlobStore(store, this::onObjectEvent))
                .endpoint(URI.create("http://127.0.0.1:" + port))
                .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, LocalAws.ACCESS_KEY, LocalAws.SECRET_KEY)
                .ignoreUnknownHeaders(true).stopTimeout(200).build();
        daemonJettyThreads(proxy);
        proxy.start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!"STARTED".equals(proxy.getState()) && System.nanoTime() < deadline) Thread.sleep(10);
        if (!"STARTED".equals(proxy.getState())) throw new IllegalStateException("s3proxy did not start: " + proxy.getState());
        client = S3Client.builder().endpointOverride(URI.create(endpoint())).forcePathStyle(true).region(LocalAws.region())
                .credentialsProvider(LocalAws.credentials()).httpClientBuilder(UrlConnectionHttpClient.builder()).build();
        presigner = S3Presigner.builder().endpointOverride(URI.create(endpoint())).region(LocalAws.region())
                .credentialsProvider(LocalAws.credentials())
                .serviceConfiguration(S3Configuration.builder().pathStyleAccessEnabled(true).build()).build();
    }

    public static S3Service start(Options options) throws Exception { return new S3Service(options); }

    /**
     * s3proxy's (shaded) Jetty runs on non-daemon threads and offers no setting for it; flip its thread pool and
     * scheduler to daemon before start, so a runtime that forgets {@link #close()} can still exit. Best effort.
     */
    private static void daemonJettyThreads(S3Proxy proxy) {
        try {
            java.lang.reflect.Field serverField = S3Proxy.class.getDeclaredField("server");
            serverField.setAccessible(true);
            var server = (org.gaul.shaded.org.eclipse.jetty.server.Server) serverField.get(proxy);
            if (server.getThreadPool() instanceof org.gaul.shaded.org.eclipse.jetty.util.thread.QueuedThreadPool pool) pool.setDaemon(true);
            if (server.getScheduler() instanceof org.gaul.shaded.org.eclipse.jetty.util.thread.ScheduledExecutorScheduler scheduler) {
                java.lang.reflect.Field daemon = scheduler.getClass().getDeclaredField("daemon");
                daemon.setAccessible(true);
                daemon.setBoolean(scheduler, true);
            }
        } catch (ReflectiveOperationException | RuntimeException e) {
            LOG.debug("s3proxy threads stay non-daemon: {}", e.toString());
        }
    }

    /** What SDK clients use as their S3 endpoint ({@code aws.endpointUrlS3}), with path-style access. */
    public String endpoint() { return "http://127.0.0.1:" + port; }

    public int port() { return port; }

    /** A path-style client of this server, owned by the service (do not close it). */
    public S3Client client() { return client; }

    /** A presigner for this server, owned by the service. */
    public S3Presigner presigner() { return presigner; }

    /** Creates every {@code AWS::S3::Bucket} of the template (an existing one is kept, with its objects). */
    public void createBuckets(SamTemplate template) {
        template.resourcesOfType("AWS::S3::Bucket").forEach((id, props) -> {
            String name = TemplateRefs.name(template, props.get("BucketName"));
            if (name == null) name = id.toLowerCase(Locale.ROOT);
            String bucket = name;
            try {
                client.createBucket(b -> b.bucket(bucket));
            } catch (BucketAlreadyOwnedByYouException exists) {
                // kept from an earlier start (filesystem storage)
            } catch (software.amazon.awssdk.services.s3.model.S3Exception e) {
                if (!"BucketAlreadyOwnedByYou".equals(e.awsErrorDetails().errorCode()) && !"BucketAlreadyExists".equals(e.awsErrorDetails().errorCode())) throw e;
            }
            synchronized (buckets) {
                buckets.put(id, bucket);
            }
        });
    }

    public String bucketName(String logicalId) {
        synchronized (buckets) {
            String name = buckets.get(logicalId);
            if (name == null) throw new IllegalArgumentException("No bucket " + logicalId + " (buckets: " + buckets.keySet() + ")");
            return name;
        }
    }

    /** What {@code !Ref Bucket} resolves to (the bucket name), by logical id. */
    public Map<String, String> refs() {
        synchronized (buckets) {
            return Map.copyOf(buckets);
        }
    }

    /**
     * Routes the template's notifications: functions' {@code Type: S3} events and buckets'
     * {@code NotificationConfiguration} (Lambda and queue configurations; queues need {@code sqs}, which may be null
     * otherwise). Call after {@link #createBuckets(SamTemplate)}.
     */
    @SuppressWarnings("unchecked")
    public void enableNotifications(SamTemplate template, LambdaInvoker invoker, SqsService sqs) {
        this.invoker = invoker;
        this.sqs = sqs;
        for (TemplateRefs.FunctionEvent e : TemplateRefs.functionEvents(template, "S3")) {
            Map<String, Object> p = e.properties();
            String bucketId = TemplateRefs.logicalId(p.get("Bucket"));
            if (bucketId == null) throw new IllegalArgumentException(e.id() + ": Bucket must be !Ref of a bucket in the template");
            routes.add(route(bucketName(bucketId), p.get("Events"), p.get("Filter"), Route.Target.FUNCTION, e.functionId(), e.id()));
        }
        template.resourcesOfType("AWS::S3::Bucket").forEach((id, props) -> {
            Map<String, Object> config = (Map<String, Object>) props.get("NotificationConfiguration");
            if (config == null) return;
            for (Object o : (List<Object>) config.getOrDefault("LambdaConfigurations", List.of())) {
                Map<String, Object> c = (Map<String, Object>) o;
                routes.add(route(bucketName(id), c.get("Event"), c.get("Filter"), Route.Target.FUNCTION,
                        targetId(c.get("Function")), id + ".Lambda"));
            }
            for (Object o : (List<Object>) config.getOrDefault("QueueConfigurations", List.of())) {
                Map<String, Object> c = (Map<String, Object>) o;
                if (sqs == null) throw new IllegalStateException("Bucket " + id + " notifies a queue: pass the SqsService");
                routes.add(route(bucketName(id), c.get("Event"), c.get("Filter"), Route.Target.QUEUE,
                        targetId(c.get("Queue")), id + ".Queue"));
            }
        });
        resumePending();
    }

    /**
     * Delivers the notifications a previous run accepted (the object was stored and S3 had answered) and did not
     * deliver: at least once, as on AWS.
     */
    private void resumePending() {
        int resumed = 0;
        for (var p : journal.pending()) {
            var w = p.getValue();
            Route r = routes.stream().filter(x -> x.bucket().equals(w.path("bucket").asText()) && x.targetId().equals(w.path("target").asText())
                    && x.target().name().equals(w.path("kind").asText())).findFirst().orElse(null);
            if (r == null) {
                journal.done(p.getKey());
                continue;
            }
            NotifyingBlobStore.ObjectEvent e = new NotifyingBlobStore.ObjectEvent(w.path("event").asText(), w.path("bucket").asText(),
                    w.path("key").asText(), w.path("size").asLong(), w.path("etag").asText(null), w.path("version").asText(null));
            Instant time = Instant.parse(w.path("time").asText());
            String seq = w.path("sequencer").asText();
            notifier.execute(() -> deliver(p.getKey(), r, e, time, seq));
            resumed++;
        }
        if (resumed > 0) LOG.info("S3: {} notifications left pending by the last run resumed", resumed);
    }

    /** Adds one notification route (what the template would declare). */
    public void addRoute(Route route) { routes.add(route); }

    public List<Route> routes() { return List.copyOf(routes); }

    /** The latest notifications, newest first. */
    public List<Delivery> recentDeliveries() {
        synchronized (deliveries) {
            return new ArrayList<>(deliveries);
        }
    }

    private static String targetId(Object ref) {
        String id = TemplateRefs.logicalId(ref);
        return id != null ? id : LocalAws.arnResource(String.valueOf(ref));
    }

    @SuppressWarnings("unchecked")
    private static Route route(String bucket, Object events, Object filter, Route.Target target, String targetId, String configId) {
        String prefix = null, suffix = null;
        if (filter instanceof Map<?, ?> f) {
            Object key = ((Map<String, Object>) f).get("S3Key");
            if (key instanceof Map<?, ?> k) {
                for (Object r : (List<Object>) ((Map<String, Object>) k).getOrDefault("Rules", List.of())) {
                    Map<String, Object> rule = (Map<String, Object>) r;
                    String name = String.valueOf(rule.get("Name")).toLowerCase(Locale.ROOT);
                    if (name.equals("prefix")) prefix = String.valueOf(rule.get("Value"));
                    else if (name.equals("suffix")) suffix = String.valueOf(rule.get("Value"));
                }
            }
        }
        return new Route(bucket, TemplateRefs.strings(events), prefix, suffix, target, targetId, configId);
    }

    private void onObjectEvent(NotifyingBlobStore.ObjectEvent e) {
        for (Route r : routes) {
            if (!r.matches(e)) continue;
            Instant time = Instant.now().truncatedTo(ChronoUnit.MILLIS);
            String seq = Long.toHexString(sequencer.incrementAndGet()).toUpperCase(Locale.ROOT);
            // journaled before s3proxy answers the request that stored the object
            String id = seq + "|" + r.targetId();
            var w = Jsons.MAPPER.createObjectNode();
            w.put("bucket", e.bucket()).put("key", e.key()).put("event", e.eventName()).put("size", e.size())
                    .put("etag", e.eTag()).put("version", e.versionId()).put("target", r.targetId()).put("kind", r.target().name())
                    .put("time", time.toString()).put("sequencer", seq);
            journal.add(id, w);
            notifier.execute(() -> deliver(id, r, e, time, seq));
        }
    }

    private void deliver(String journalId, Route r, NotifyingBlobStore.ObjectEvent e, Instant time, String sequencer) {
        String error = null;
        int attempt = 0;
        for (long backoff : new long[] {0, 200, 1000}) {
            attempt++;
            try {
                if (backoff > 0) Thread.sleep(backoff);
                if (r.target() == Route.Target.FUNCTION) {
                    LambdaInvoker lambda = invoker;
                    if (lambda == null) throw new IllegalStateException("no LambdaInvoker");
                    lambda.invoke(r.targetId(), s3Event(r, e, time, sequencer));
                } else {
                    sqs.send(r.targetId(), Jsons.write(notificationJson(r, e, time, sequencer)), null);
                }
                error = null;
                break;
            } catch (InterruptedException ie) {
                Thread.currentThread().interrupt();
                return; // stopping: the journal keeps it for the next run
            } catch (Exception ex) {
                error = ex.toString();
            }
        }
        journal.done(journalId);
        if (error != null) LOG.warn("S3 notification {} {}/{} to {} failed after {} attempts: {}", e.eventName(), e.bucket(), e.key(), r.targetId(), attempt, error);
        synchronized (deliveries) {
            deliveries.addFirst(new Delivery(time, e.eventName(), e.bucket(), e.key(), r.target(), r.targetId(), error == null, attempt, error));
            while (deliveries.size() > KEPT_DELIVERIES) deliveries.removeLast();
        }
    }

    /** The key as S3 puts it in notifications: URL-encoded (space as {@code +}), slashes kept. */
    static String encodeKey(String key) {
        return URLEncoder.encode(key, StandardCharsets.UTF_8).replace("%2F", "/");
    }

    private static S3Event s3Event(Route r, NotifyingBlobStore.ObjectEvent e, Instant time, String sequencer) {
        S3EventNotification.UserIdentityEntity owner = new S3EventNotification.UserIdentityEntity(LocalAws.ACCOUNT_ID);
        S3EventNotification.S3BucketEntity bucket = new S3EventNotification.S3BucketEntity(e.bucket(), owner, LocalAws.bucketArn(e.bucket()));
        S3EventNotification.S3ObjectEntity object = new S3EventNotification.S3ObjectEntity(encodeKey(e.key()), e.size(), e.eTag(), e.versionId(), sequencer);
        S3EventNotification.S3Entity s3 = new S3EventNotification.S3Entity(r.configurationId(), bucket, object, "1.0");
        S3EventNotification.S3EventNotificationRecord record = new S3EventNotification.S3EventNotificationRecord(
                LocalAws.REGION, e.eventName(), "aws:s3", time.toString(), "2.1",
                new S3EventNotification.RequestParametersEntity("127.0.0.1"),
                new S3EventNotification.ResponseElementsEntity(UUID.randomUUID().toString(), requestId()),
                s3, new S3EventNotification.UserIdentityEntity("AWS:" + LocalAws.ACCESS_KEY));
        return new S3Event(List.of(record));
    }

    /** S3's notification message (what a queue receives), field names as on AWS. */
    static Map<String, Object> notificationJson(Route r, NotifyingBlobStore.ObjectEvent e, Instant time, String sequencer) {
        Map<String, Object> object = new LinkedHashMap<>();
        object.put("key", encodeKey(e.key()));
        object.put("size", e.size());
        if (e.eTag() != null) object.put("eTag", e.eTag());
        if (e.versionId() != null) object.put("versionId", e.versionId());
        object.put("sequencer", sequencer);
        Map<String, Object> bucket = new LinkedHashMap<>();
        bucket.put("name", e.bucket());
        bucket.put("ownerIdentity", Map.of("principalId", LocalAws.ACCOUNT_ID));
        bucket.put("arn", LocalAws.bucketArn(e.bucket()));
        Map<String, Object> s3 = new LinkedHashMap<>();
        s3.put("s3SchemaVersion", "1.0");
        s3.put("configurationId", r.configurationId());
        s3.put("bucket", bucket);
        s3.put("object", object);
        Map<String, Object> record = new LinkedHashMap<>();
        record.put("eventVersion", "2.1");
        record.put("eventSource", "aws:s3");
        record.put("awsRegion", LocalAws.REGION);
        record.put("eventTime", time.toString());
        record.put("eventName", e.eventName());
        record.put("userIdentity", Map.of("principalId", "AWS:" + LocalAws.ACCESS_KEY));
        record.put("requestParameters", Map.of("sourceIPAddress", "127.0.0.1"));
        record.put("responseElements", Map.of("x-amz-request-id", requestId(), "x-amz-id-2", UUID.randomUUID().toString()));
        record.put("s3", s3);
        return Map.of("Records", List.of(record));
    }

    private static String requestId() {
        return UUID.randomUUID().toString().replace("-", "").substring(0, 16).toUpperCase(Locale.ROOT);
    }

    /** Waits until the notifications queued so far were delivered (tests, orderly shutdown). */
    public void awaitNotifications(Duration timeout) throws InterruptedException {
        var done = new java.util.concurrent.CountDownLatch(1);
        notifier.execute(done::countDown);
        done.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() throws Exception {
        notifier.shutdown();
        notifier.awaitTermination(5, TimeUnit.SECONDS);
        journal.close();
        presigner.close();
        client.close();
        try {
            proxy.stop();
        } catch (java.util.concurrent.TimeoutException idleConnectionsCut) {
            // Jetty stopped; the graceful wait for kept-alive client connections timed out
        }
    }
}
