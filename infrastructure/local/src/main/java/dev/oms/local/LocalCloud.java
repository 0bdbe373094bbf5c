package dev.oms.local;

import dev.oms.local.aws.DynamoDbStreamPoller;
import dev.oms.local.aws.EventBridgeService;
import dev.oms.local.aws.LambdaInvoker;
import dev.oms.local.aws.LocalTargetDispatcher;
import dev.oms.local.aws.NotificationOutbox;
import dev.oms.local.aws.S3Service;
import dev.oms.local.aws.SchedulerService;
import dev.oms.local.aws.SnsService;
import dev.oms.local.aws.SqsEventSourcePoller;
import dev.oms.local.aws.SqsService;
import dev.oms.platform.template.SamTemplate;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * The AWS services besides DynamoDB, played in this JVM from the template: SQS (ElasticMQ), S3 (s3proxy) with
 * notifications, SNS, EventBridge with the template's rules, and the Lambda event sources (SQS, DynamoDB Streams).
 * Each speaks the AWS protocol, so the functions' SDK clients only need the endpoint settings this class provides.
 */
final class LocalCloud implements AutoCloseable {
    final SqsService sqs;
    final S3Service s3;
    final SnsService sns;
    final dev.oms.local.aws.SesV2Service ses; // connector registry: the ses adapter's emails, captured
    final dev.oms.local.aws.LambdaService lambda; // Invoke: the payments relay (PaymentsFunction) and the AWS CLI
    final EventBridgeService events;
    final LocalTargetDispatcher dispatcher;
    private final List<AutoCloseable> pollers = new ArrayList<>();
    volatile SchedulerService scheduler;

    private LocalCloud(SqsService sqs, S3Service s3, SnsService sns, EventBridgeService events, LocalTargetDispatcher dispatcher,
                       dev.oms.local.aws.SesV2Service ses, dev.oms.local.aws.LambdaService lambda) {
        this.ses = ses;
        this.lambda = lambda;
        this.sqs = sqs;
        this.s3 = s3;
        this.sns = sns;
        this.events = events;
        this.dispatcher = dispatcher;
    }

    /**
     * ElasticMQ takes seconds to boot: start it before anything else and join it here. With a data directory its
     * queues and messages are kept in {@code sqs/} (an H2 database) and survive a crash.
     */
    static CompletableFuture<SqsService> startSqs(Path dataDir, boolean inMemory) {
        return CompletableFuture.supplyAsync(() -> inMemory ? SqsService.start() : SqsService.startDurable(0, dataDir.resolve("sqs")));
    }

    static LocalCloud start(SamTemplate template, CompletableFuture<SqsService> sqsStarting, Path dataDir, boolean inMemory,
                            LambdaInvoker lambda, LocalTargetDispatcher.ExecutionStarter executions) throws Exception {
        SqsService sqs = sqsStarting.get();
        sqs.createQueues(template);
        S3Service s3 = S3Service.start(inMemory ? S3Service.Options.inMemory()
                : S3Service.Options.filesystem(dataDir.resolve("s3")).withNotificationJournal(dataDir.resolve("s3-notifications.jsonl")));
        s3.createBuckets(template);
        NotificationOutbox outbox = new NotificationOutbox(500);
        SnsService sns = SnsService.start(template, sqs, lambda, outbox);
        EventBridgeService.Options eventOptions = inMemory ? EventBridgeService.Options.defaults()
                : EventBridgeService.Options.defaults().withJournal(dataDir.resolve("eventbridge").resolve("deliveries.jsonl"));
        LocalTargetDispatcher dispatcher = new LocalTargetDispatcher(sqs, lambda, sns, executions);
        EventBridgeService events = EventBridgeService.start(template, dispatcher, eventOptions);
        var functions = new java.util.LinkedHashSet<String>();
        template.functions().forEach(f -> functions.add(f.logicalId()));
        return new LocalCloud(sqs, s3, sns, events, dispatcher, dev.oms.local.aws.SesV2Service.start(outbox),
                dev.oms.local.aws.LambdaService.start(functions, lambda));
    }

    /** What {@code !Ref} gives for queues (URL), buckets (name), topics (ARN) and buses (name). */
    Map<String, String> references() {
        Map<String, String> refs = new LinkedHashMap<>();
        refs.putAll(sqs.refs());
        refs.putAll(s3.refs());
        refs.putAll(sns.refs());
        refs.putAll(events.refs());
        return refs;
    }

    /** The SDK's standard endpoint settings, as JVM system properties, for every function in this JVM. */
    void pointSdkClientsHere() {
        System.setProperty("aws.endpointUrlSqs", sqs.endpoint());
        System.setProperty("aws.endpointUrlS3", s3.endpoint());
        System.setProperty("aws.endpointUrlSns", sns.endpoint());
        System.setProperty("aws.endpointUrlSesV2", ses.endpoint()); // the ses connector's SendEmail (docs/connectors.md)
        System.setProperty("aws.endpointUrlLambda", lambda.endpoint());
        System.setProperty("aws.endpointUrlEventBridge", events.endpoint());
        System.setProperty("OMS_S3_PATH_STYLE", "true");
    }

    /** Starts delivering to functions: S3 notifications, SQS event sources and the table streams. */
    void startEventSources(SamTemplate template, LambdaInvoker lambda, String dynamoEndpoint, Map<String, String> tableNames,
                           Path dataDir, boolean inMemory) {
        s3.enableNotifications(template, lambda, sqs);
        events.resumePending();
        pollers.add(SqsEventSourcePoller.start(template, sqs, lambda));
        DynamoDbStreamPoller.Options options = inMemory ? DynamoDbStreamPoller.Options.defaults()
                : DynamoDbStreamPoller.Options.defaults().withCheckpointDir(dataDir.resolve("streams"));
        pollers.add(DynamoDbStreamPoller.start(template, dynamoEndpoint, tableNames, lambda, options));
        scheduler = SchedulerService.start(template, dispatcher, inMemory ? null : dataDir.resolve("scheduler").resolve("schedules.json"));
        pollers.add(scheduler);
    }

    NotificationOutbox notifications() { return sns.outbox(); }

    @Override
    public void close() throws Exception {
        for (AutoCloseable p : pollers) p.close();
        ses.close();
        lambda.close();
        events.close();
        sns.close();
        s3.close();
        sqs.close();
    }
}
