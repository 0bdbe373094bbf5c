package dev.oms.platform.aws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.oms.platform.json.Json;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.Set;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain;

/**
 * One call of an AWS JSON 1.1 API (SSM's {@code GetParameter}, Secrets Manager's {@code GetSecretValue}): a POST of a
 * JSON body naming its operation in {@code X-Amz-Target}, or of a REST-JSON API (Lambda's {@code Invoke}, SES v2's
 * {@code SendEmail}): a POST of a JSON body to the operation's path; each SigV4-signed by the SDK's signer with the function's
 * credentials, through the JDK's HTTP client, for functions that make one or two such reads and must stay small (the
 * SSM and Secrets Manager client modules are 5 MiB of a deployment jar; the signer, credentials and region chain are
 * in every jar already). Endpoint, region and credentials are found as {@link AwsClients} finds them
 * ({@code aws.endpointUrl<Service>} / {@code AWS_ENDPOINT_URL_<SERVICE>}, then {@code aws.endpointUrl} /
 * {@code AWS_ENDPOINT_URL}, else {@code https://<prefix>.<region>.amazonaws.com}), so LocalStack works as with the SDK.
 */
public final class AwsJsonRequests {
    /**
     * An AWS service: its signing name, endpoint prefix, endpoint-override names, and for an AWS JSON service its
     * target prefix and JSON version ({@code 1.0} or {@code 1.1}).
     */
    public record Service(String signingName, String endpointPrefix, String envSuffix, String propertySuffix, String targetPrefix, String jsonVersion) { }

    public static final Service SSM = new Service("ssm", "ssm", "SSM", "Ssm", "AmazonSSM", "1.1");
    public static final Service SECRETS_MANAGER = new Service("secretsmanager", "secretsmanager", "SECRETS_MANAGER", "SecretsManager", "secretsmanager", "1.1");
    /** SQS (AWS JSON 1.0): {@code SendMessage}, {@code SendMessageBatch}. */
    public static final Service SQS = new Service("sqs", "sqs", "SQS", "Sqs", "AmazonSQS", "1.0");
    /** Step Functions (AWS JSON 1.0): {@code SendTaskSuccess}, {@code SendTaskFailure}. */
    public static final Service STEP_FUNCTIONS = new Service("states", "states", "SFN", "Sfn", "AWSStepFunctions", "1.0");
    /** S3 (REST-XML): presigned links, small PUTs and HEADs ({@link SignedS3}). */
    public static final Service S3 = new Service("s3", "s3", "S3", "S3", null, null);
    /** SNS (AWS Query): {@code Publish} ({@link SnsPublish}). */
    public static final Service SNS = new Service("sns", "sns", "SNS", "Sns", null, null);
    /** Lambda (REST-JSON): {@code Invoke}. */
    public static final Service LAMBDA = new Service("lambda", "lambda", "LAMBDA", "Lambda", null, null);
    /** SES v2 (REST-JSON): {@code SendEmail}; its endpoint is {@code email.<region>}, its signing name {@code ses}. */
    public static final Service SES = new Service("ses", "email", "SESV2", "SesV2", null, null);

    /** The service answered an error ({@code type} is its {@code __type} without the namespace, e.g. {@code ParameterNotFound}). */
    public static final class AwsError extends RuntimeException {
        private final int status;
        private final String type;

        public AwsError(int status, String type, String message) {
            super(type + " (" + status + ")" + (message == null ? "" : ": " + message));
            this.status = status;
            this.type = type;
        }

        public int status() { return status; }

        public String type() { return type; }
    }

    private static final Set<String> RESTRICTED = Set.of("host", "content-length", "connection", "expect", "upgrade");
    private static final AwsV4HttpSigner SIGNER = AwsV4HttpSigner.create();
    private static final AwsClients.Lazy<AwsCredentialsProvider> CREDENTIALS = new AwsClients.Lazy<>(() -> {
        AwsCredentialsProvider p = AwsClients.credentials();
        return p != null ? p : DefaultCredentialsProvider.builder().build();
    });
    /** Long enough for a synchronous Lambda invocation that calls a vendor (the relay's own timeout is shorter). */
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final AwsClients.Lazy<HttpClient> CLIENT = new AwsClients.Lazy<>(() ->
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build());

    private AwsJsonRequests() { }

    /** Calls {@code operation} with {@code body} and answers the response's JSON; an error answer is an {@link AwsError}. */
    public static JsonNode call(Service service, String operation, ObjectNode body) {
        Response response = send(service, "POST", "/", java.util.Map.of("content-type", "application/x-amz-json-" + service.jsonVersion(),
                "x-amz-target", service.targetPrefix() + "." + operation), Json.write(body).getBytes(StandardCharsets.UTF_8));
        JsonNode json = response.json();
        if (response.status() / 100 != 2) {
            String type = json.path("__type").asText("UnknownError");
            throw new AwsError(response.status(), type.substring(type.lastIndexOf('#') + 1), json.path("message").asText(json.path("Message").asText(null)));
        }
        return json;
    }

    /**
     * One call of an AWS REST-JSON API (Lambda's {@code Invoke}, SES v2's {@code SendEmail}): a JSON body sent to
     * {@code path} (already percent-encoded), answered as it came; an error status is an {@link AwsError} whose type
     * is the {@code x-amzn-ErrorType} header (or the body's {@code __type} / {@code Type}).
     */
    public static Response rest(Service service, String path, java.util.Map<String, String> headers, byte[] body) {
        java.util.Map<String, String> all = new java.util.LinkedHashMap<>(headers);
        all.putIfAbsent("content-type", "application/json");
        Response response = send(service, "POST", path, all, body);
        if (response.status() / 100 != 2) {
            String type = response.header("x-amzn-ErrorType");
            JsonNode json = response.json();
            if (type == null) type = json.path("__type").asText(json.path("Type").asText("UnknownError"));
            type = type.split(":")[0];
            throw new AwsError(response.status(), type.substring(type.lastIndexOf('#') + 1), json.path("message").asText(json.path("Message").asText(null)));
        }
        return response;
    }

    /** An answer: its status, headers (names in lower case) and body. */
    public record Response(int status, java.util.Map<String, java.util.List<String>> headers, String body) {
        public String header(String name) {
            var values = headers.get(name.toLowerCase(Locale.ROOT));
            return values == null || values.isEmpty() ? null : values.get(0);
        }

        /** The body as JSON (an empty object when there is none); an answer that is not JSON is an {@link AwsError}. */
        public JsonNode json() {
            try {
                return body == null || body.isBlank() ? Json.object() : Json.parse(body);
            } catch (Exception e) {
                throw new AwsError(status, "MalformedResponse", null);
            }
        }
    }

    static Response send(Service service, String method, String path, java.util.Map<String, String> headers, byte[] bytes) {
        Region region = region();
        URI base = endpoint(service, region);
        return signedSend(service.signingName(), region, method, URI.create(base.toString().replaceAll("/+$", "") + path), headers, bytes);
    }

    static Region region() { return AwsClients.region() != null ? AwsClients.region() : new DefaultAwsRegionProviderChain().getRegion(); }

    /** One SigV4-signed request (headers and payload signed) through the JDK's HTTP client, answered as it came. */
    static Response signedSend(String signingName, Region region, String method, URI uri, java.util.Map<String, String> headers, byte[] bytes) {
        SdkHttpRequest.Builder unsigned = SdkHttpRequest.builder().method(SdkHttpMethod.fromValue(method)).uri(uri);
        headers.forEach(unsigned::putHeader);
        var identity = identity();
        var signed = SIGNER.sign(r -> r.identity(identity).request(unsigned.build()).payload(ContentStreamProvider.fromByteArray(bytes))
                .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, signingName)
                .putProperty(AwsV4HttpSigner.REGION_NAME, region.id()));
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(TIMEOUT)
                .method(method, bytes.length == 0 && !method.equals("PUT") && !method.equals("POST")
                        ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(bytes));
        signed.request().headers().forEach((name, values) -> {
            if (!RESTRICTED.contains(name.toLowerCase(Locale.ROOT))) values.forEach(v -> request.header(name, v));
        });
        try {
            HttpResponse<String> response = CLIENT.get().send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            java.util.Map<String, java.util.List<String>> lower = new java.util.HashMap<>();
            response.headers().map().forEach((k, v) -> lower.put(k.toLowerCase(Locale.ROOT), v));
            return new Response(response.statusCode(), lower, response.body());
        } catch (IOException e) {
            throw new AwsError(0, "ConnectionFailed", e.getClass().getSimpleName());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AwsError(0, "Interrupted", null);
        }
    }

    /** The function's credentials, as the SDK clients find them. */
    static software.amazon.awssdk.identity.spi.AwsCredentialsIdentity identity() { return CREDENTIALS.get().resolveIdentity().join(); }

    static URI endpoint(Service s, Region region) {
        String override = firstSet(System.getProperty("aws.endpointUrl" + s.propertySuffix()), System.getenv("AWS_ENDPOINT_URL_" + s.envSuffix()),
                System.getProperty("aws.endpointUrl"), System.getenv("AWS_ENDPOINT_URL"));
        return URI.create(override != null ? override : "https://" + s.endpointPrefix() + "." + region.id() + ".amazonaws.com/");
    }

    private static String firstSet(String... values) {
        for (String v : values) if (v != null && !v.isBlank()) return v.trim();
        return null;
    }
}
