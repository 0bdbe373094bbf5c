package dev.oms.platform.aws;

import dev.oms.platform.config.Env;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalLong;
import software.amazon.awssdk.http.SdkHttpFullRequest;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4FamilyHttpSigner;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.utils.http.SdkHttpUtils;

/**
 * The S3 calls of functions that answer API requests, made with the SDK's SigV4 signer alone: presigned download and
 * upload links (SigV4 in the query string, {@code UNSIGNED-PAYLOAD}), and {@code PutObject} and {@code HeadObject} of
 * small objects (documents, job feeds) as signed requests through the JDK's HTTP client. The S3
 * client module is 3.8 MiB of a deployment jar, the signer is already there (every client signs with it); the job
 * runner, which streams large files in parts, keeps the S3 client ({@code S3ObjectStore}). Endpoint, path style,
 * region and credentials are found as {@link AwsClients} finds them ({@code aws.endpointUrlS3} /
 * {@code AWS_ENDPOINT_URL_S3}, then {@code aws.endpointUrl} / {@code AWS_ENDPOINT_URL}; {@code OMS_S3_PATH_STYLE}), so
 * the same code works against AWS, LocalStack and the local runtime.
 */
public final class SignedS3 {
    private static final AwsV4HttpSigner SIGNER = AwsV4HttpSigner.create();

    /** S3 answered an error (its status and S3's error code, e.g. {@code AccessDenied}). */
    public static final class S3Error extends RuntimeException {
        private final int status;

        S3Error(int status, String message) {
            super(message);
            this.status = status;
        }

        public int status() { return status; }
    }

    private SignedS3() { }

    /** A link that downloads the object as an attachment named {@code fileName} (null: as S3 serves it) until {@code ttl}. */
    public static String presignGet(String bucket, String key, String fileName, Duration ttl) {
        Map<String, String> query = new LinkedHashMap<>();
        if (fileName != null) query.put("response-content-disposition", "attachment; filename=\"" + fileName.replaceAll("[^A-Za-z0-9._-]", "_") + "\"");
        return presign(SdkHttpMethod.GET, bucket, key, query, Map.of(), ttl);
    }

    /**
     * A link that uploads the object with an HTTP PUT until {@code ttl}; the uploader must send {@code Content-Type}
     * (and {@code Content-Length}, when given) exactly as signed here.
     */
    public static String presignPut(String bucket, String key, String contentType, Long contentLength, Duration ttl) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", contentType);
        if (contentLength != null) headers.put("Content-Length", Long.toString(contentLength));
        return presign(SdkHttpMethod.PUT, bucket, key, Map.of(), headers, ttl);
    }

    /** Writes the object; a PUT is idempotent, so one that found no answer (a stale connection) is sent once more. */
    public static void put(String bucket, String key, String contentType, byte[] content) {
        Map<String, String> headers = Map.of("Content-Type", contentType, "x-amz-content-sha256", sha256(content));
        AwsJsonRequests.Response r;
        try {
            r = send("PUT", bucket, key, headers, content);
        } catch (AwsJsonRequests.AwsError noAnswer) {
            r = send("PUT", bucket, key, headers, content);
        }
        if (r.status() / 100 != 2) throw error("PutObject", r);
    }

    /** The object's size, or empty when there is none. */
    public static OptionalLong size(String bucket, String key) {
        var r = send("HEAD", bucket, key, Map.of("x-amz-content-sha256", sha256(new byte[0])), new byte[0]);
        if (r.status() == 404) return OptionalLong.empty();
        if (r.status() / 100 != 2) throw error("HeadObject", r);
        String length = r.header("content-length");
        return OptionalLong.of(length == null ? 0 : Long.parseLong(length));
    }

    private static AwsJsonRequests.Response send(String method, String bucket, String key, Map<String, String> headers, byte[] body) {
        Target t = target(bucket, key);
        URI uri = URI.create(t.base.getScheme() + "://" + t.host + (t.base.getPort() == -1 ? "" : ":" + t.base.getPort()) + t.path);
        return AwsJsonRequests.signedSend("s3", t.region, method, uri, headers, body);
    }

    private static S3Error error(String operation, AwsJsonRequests.Response r) {
        String body = r.body() == null ? "" : r.body();
        int a = body.indexOf("<Code>"), b = body.indexOf("</Code>");
        String code = a >= 0 && b > a ? body.substring(a + 6, b) : "HTTP " + r.status();
        return new S3Error(r.status(), "S3 " + operation + " failed: " + code);
    }

    private record Target(Region region, URI base, String host, String path) { }

    private static Target target(String bucket, String key) {
        Region region = AwsJsonRequests.region();
        boolean pathStyle = "true".equals(Env.get("OMS_S3_PATH_STYLE", "false"));
        URI base = AwsJsonRequests.endpoint(AwsJsonRequests.S3, region);
        String host = pathStyle ? base.getHost() : bucket + "." + base.getHost();
        String path = (pathStyle ? "/" + bucket : "") + "/" + SdkHttpUtils.urlEncodeIgnoreSlashes(key);
        return new Target(region, base, host, path);
    }

    private static String presign(SdkHttpMethod method, String bucket, String key, Map<String, String> query, Map<String, String> headers, Duration ttl) {
        Target t = target(bucket, key);
        SdkHttpFullRequest.Builder request = SdkHttpFullRequest.builder().method(method).protocol(t.base.getScheme()).host(t.host)
                .port(t.base.getPort() == -1 ? null : t.base.getPort()).encodedPath(t.path);
        query.forEach(request::putRawQueryParameter);
        headers.forEach(request::putHeader);
        AwsCredentialsIdentity identity = AwsJsonRequests.identity();
        var signed = SIGNER.sign(r -> r.identity(identity).request(request.build())
                .putProperty(AwsV4FamilyHttpSigner.SERVICE_SIGNING_NAME, "s3")
                .putProperty(AwsV4HttpSigner.REGION_NAME, t.region.id())
                .putProperty(AwsV4FamilyHttpSigner.AUTH_LOCATION, AwsV4FamilyHttpSigner.AuthLocation.QUERY_STRING)
                .putProperty(AwsV4FamilyHttpSigner.EXPIRATION_DURATION, ttl)
                .putProperty(AwsV4FamilyHttpSigner.PAYLOAD_SIGNING_ENABLED, false)
                .putProperty(AwsV4FamilyHttpSigner.DOUBLE_URL_ENCODE, false)
                .putProperty(AwsV4FamilyHttpSigner.NORMALIZE_PATH, false));
        return signed.request().getUri().toString();
    }

    private static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
