package dev.oms.local.aws;

import static dev.oms.local.aws.TestSupport.eventually;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amazonaws.services.lambda.runtime.events.S3Event;
import com.amazonaws.services.lambda.runtime.events.models.s3.S3EventNotification;
import com.fasterxml.jackson.databind.JsonNode;
import dev.oms.platform.template.SamTemplate;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.presigner.model.PresignedGetObjectRequest;
import software.amazon.awssdk.services.s3.presigner.model.PresignedPutObjectRequest;
import software.amazon.awssdk.services.sqs.model.Message;

class S3ServiceTest {
    private static final Duration WAIT = Duration.ofSeconds(15);
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static S3Service s3;
    private static SqsService sqs;
    private static final TestSupport.FakeLambda lambda = new TestSupport.FakeLambda();

    @BeforeAll
    static void start() throws Exception {
        SamTemplate template = TestSupport.template("s3-template.yaml");
        sqs = SqsService.start();
        sqs.createQueues(template);
        s3 = S3Service.start(S3Service.Options.inMemory());
        s3.createBuckets(template);
        s3.enableNotifications(template, lambda, sqs);
    }

    @AfterAll
    static void stop() throws Exception {
        s3.close();
        sqs.close();
    }

    @Test
    void creates_the_template_buckets_and_stores_objects_through_the_sdk() {
        assertThat(s3.bucketName("ImportsBucket")).isEqualTo("importsbucket");
        assertThat(s3.bucketName("ReportsBucket")).isEqualTo("oms-local-reports");
        assertThat(s3.client().listBuckets().buckets()).extracting(b -> b.name()).contains("importsbucket", "oms-local-reports");
        s3.client().putObject(b -> b.bucket("importsbucket").key("notes/hello.txt"), RequestBody.fromString("hello"));
        assertThat(s3.client().getObjectAsBytes(b -> b.bucket("importsbucket").key("notes/hello.txt")).asUtf8String()).isEqualTo("hello");
        assertThatThrownBy(() -> s3.client().getObjectAsBytes(b -> b.bucket("importsbucket").key("notes/missing.txt")))
                .isInstanceOf(NoSuchKeyException.class);
    }

    @Test
    void rejects_requests_signed_with_other_credentials() {
        try (S3Client stranger = S3Client.builder().endpointOverride(URI.create(s3.endpoint())).forcePathStyle(true)
                .region(LocalAws.region()).httpClientBuilder(UrlConnectionHttpClient.builder())
                .credentialsProvider(() -> software.amazon.awssdk.auth.credentials.AwsBasicCredentials.create("local", "wrong")).build()) {
            assertThatThrownBy(() -> stranger.listBuckets()).isInstanceOf(S3Exception.class)
                    .satisfies(e -> assertThat(((S3Exception) e).statusCode()).isEqualTo(403));
        }
    }

    @Test
    void presigned_put_and_get_work_from_a_plain_http_client() throws Exception {
        PresignedPutObjectRequest put = s3.presigner().presignPutObject(b -> b.signatureDuration(Duration.ofMinutes(5))
                .putObjectRequest(o -> o.bucket("importsbucket").key("exports/report.csv").contentType("text/csv")));
        HttpRequest.Builder upload = HttpRequest.newBuilder(put.url().toURI()).PUT(HttpRequest.BodyPublishers.ofString("id,total\n1,42\n"));
        put.signedHeaders().forEach((k, v) -> { if (!k.equalsIgnoreCase("host")) v.forEach(value -> upload.header(k, value)); });
        assertThat(HTTP.send(upload.build(), HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);

        PresignedGetObjectRequest get = s3.presigner().presignGetObject(b -> b.signatureDuration(Duration.ofMinutes(5))
                .getObjectRequest(o -> o.bucket("importsbucket").key("exports/report.csv")));
        HttpResponse<String> download = HTTP.send(HttpRequest.newBuilder(get.url().toURI()).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(download.statusCode()).isEqualTo(200);
        assertThat(download.body()).isEqualTo("id,total\n1,42\n");

        String tampered = get.url().toString().replace("exports/report.csv", "exports/other.csv");
        assertThat(HTTP.send(HttpRequest.newBuilder(URI.create(tampered)).GET().build(), HttpResponse.BodyHandlers.ofString()).statusCode())
                .isEqualTo(403);
    }

    @Test
    void notifies_the_function_of_objects_created_under_the_prefix_only() throws Exception {
        s3.client().putObject(b -> b.bucket("importsbucket").key("imports/2024 orders.csv"), RequestBody.fromString("a,b\n1,2\n"));
        s3.client().putObject(b -> b.bucket("importsbucket").key("elsewhere/orders.csv"), RequestBody.fromString("x"));
        // an upload through a presigned URL is a write like any other
        PresignedPutObjectRequest put = s3.presigner().presignPutObject(b -> b.signatureDuration(Duration.ofMinutes(5))
                .putObjectRequest(o -> o.bucket("importsbucket").key("imports/presigned.csv")));
        HttpRequest.Builder upload = HttpRequest.newBuilder(put.url().toURI()).PUT(HttpRequest.BodyPublishers.ofString("p"));
        put.signedHeaders().forEach((k, v) -> { if (!k.equalsIgnoreCase("host")) v.forEach(value -> upload.header(k, value)); });
        assertThat(HTTP.send(upload.build(), HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);
        // a multipart upload notifies once, when it completes
        String uploadId = s3.client().createMultipartUpload(b -> b.bucket("importsbucket").key("imports/big.csv")).uploadId();
        String eTag = s3.client().uploadPart(b -> b.bucket("importsbucket").key("imports/big.csv").uploadId(uploadId).partNumber(1),
                RequestBody.fromString("part-one")).eTag();
        s3.client().completeMultipartUpload(b -> b.bucket("importsbucket").key("imports/big.csv").uploadId(uploadId)
                .multipartUpload(m -> m.parts(CompletedPart.builder().partNumber(1).eTag(eTag).build())));
        s3.awaitNotifications(WAIT);

        eventually(WAIT, "three notifications", () -> records().size() >= 3);
        s3.awaitNotifications(WAIT);
        List<S3EventNotification.S3EventNotificationRecord> records = records();
        assertThat(records).extracting(r -> r.getS3().getObject().getUrlDecodedKey())
                .containsExactlyInAnyOrder("imports/2024 orders.csv", "imports/presigned.csv", "imports/big.csv");
        S3EventNotification.S3EventNotificationRecord first = records.stream()
                .filter(r -> r.getS3().getObject().getUrlDecodedKey().equals("imports/2024 orders.csv")).findFirst().orElseThrow();
        assertThat(first.getEventName()).isEqualTo("ObjectCreated:Put");
        assertThat(first.getEventSource()).isEqualTo("aws:s3");
        assertThat(first.getS3().getBucket().getName()).isEqualTo("importsbucket");
        assertThat(first.getS3().getBucket().getArn()).isEqualTo("arn:aws:s3:::importsbucket");
        assertThat(first.getS3().getObject().getKey()).isEqualTo("imports/2024+orders.csv");
        assertThat(first.getS3().getObject().getSizeAsLong()).isEqualTo(8L);
        assertThat(first.getS3().getObject().geteTag()).hasSize(32)
                .isEqualTo(s3.client().headObject(b -> b.bucket("importsbucket").key("imports/2024 orders.csv")).eTag().replace("\"", ""));
        assertThat(first.getS3().getConfigurationId()).isEqualTo("ImportFunction.Upload");
        assertThat(records).filteredOn(r -> r.getS3().getObject().getUrlDecodedKey().equals("imports/big.csv"))
                .extracting(S3EventNotification.S3EventNotificationRecord::getEventName).containsExactly("ObjectCreated:CompleteMultipartUpload");
        assertThat(s3.recentDeliveries()).allMatch(S3Service.Delivery::delivered);
    }

    @Test
    void notifies_a_queue_with_the_s3_notification_json() {
        s3.client().putObject(b -> b.bucket("oms-local-reports").key("daily/report.csv"), RequestBody.fromString("r"));
        s3.client().putObject(b -> b.bucket("oms-local-reports").key("daily/report.pdf"), RequestBody.fromString("pdf"));
        List<Message> got = new java.util.ArrayList<>();
        eventually(WAIT, "a queue notification", () -> {
            got.addAll(sqs.client().receiveMessage(b -> b.queueUrl(sqs.queueUrl("ReportsQueue")).waitTimeSeconds(1).maxNumberOfMessages(10)).messages());
            return !got.isEmpty();
        });
        got.addAll(sqs.client().receiveMessage(b -> b.queueUrl(sqs.queueUrl("ReportsQueue")).waitTimeSeconds(1).maxNumberOfMessages(10)).messages());
        assertThat(got).hasSize(1);
        JsonNode record = Jsons.parse(got.get(0).body()).path("Records").path(0);
        assertThat(record.path("eventName").asText()).isEqualTo("ObjectCreated:Put");
        assertThat(record.path("s3").path("bucket").path("name").asText()).isEqualTo("oms-local-reports");
        assertThat(record.path("s3").path("object").path("key").asText()).isEqualTo("daily/report.csv");
        assertThat(record.path("s3").path("object").path("size").asLong()).isEqualTo(1L);
    }

    @Test
    void keeps_objects_on_the_filesystem_across_restarts(@TempDir Path dir) throws Exception {
        SamTemplate template = TestSupport.template("s3-template.yaml");
        try (S3Service first = S3Service.start(S3Service.Options.filesystem(dir))) {
            first.createBuckets(template);
            first.client().putObject(b -> b.bucket("importsbucket").key("kept/one.txt"), RequestBody.fromString("still here"));
        }
        int port;
        try (S3Service second = S3Service.start(S3Service.Options.filesystem(dir))) {
            second.createBuckets(template);
            assertThat(second.client().getObjectAsBytes(b -> b.bucket("importsbucket").key("kept/one.txt")).asUtf8String()).isEqualTo("still here");
            port = second.port();
        }
        assertThatThrownBy(() -> new java.net.Socket("127.0.0.1", port).close()).isInstanceOf(java.net.ConnectException.class);
    }

    private static List<S3EventNotification.S3EventNotificationRecord> records() {
        return lambda.events("ImportFunction", S3Event.class).stream().flatMap(e -> e.getRecords().stream()).toList();
    }
}
