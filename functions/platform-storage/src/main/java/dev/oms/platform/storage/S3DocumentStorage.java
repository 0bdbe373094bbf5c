package dev.oms.platform.storage;

import dev.oms.app.port.DocumentStorage;
import dev.oms.platform.aws.AwsClients;
import dev.oms.platform.config.Env;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.OptionalLong;
import java.util.function.Supplier;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/** Order documents in the documents bucket ({@code DOCUMENTS_BUCKET}): private, reached only through presigned links. */
public final class S3DocumentStorage implements DocumentStorage {
    private final String bucket;
    private final Supplier<S3Client> s3;
    private final Supplier<S3Presigner> presigner;

    public S3DocumentStorage(String bucket, Supplier<S3Client> s3, Supplier<S3Presigner> presigner) {
        this.bucket = bucket;
        this.s3 = s3;
        this.presigner = presigner;
    }

    public static S3DocumentStorage fromEnvironment() {
        return new S3DocumentStorage(Env.get("DOCUMENTS_BUCKET", "oms-documents"), AwsClients::s3, AwsClients::s3Presigner);
    }

    public String bucket() { return bucket; }

    /**
     * Writes the object. A PUT is idempotent, so one that failed on a stale pooled connection (the URL connection client
     * raises {@link java.io.UncheckedIOException} while opening the request body, outside the SDK's retries) is sent once more.
     */
    @Override
    public void put(String key, String contentType, byte[] content) {
        try {
            s3.get().putObject(r -> r.bucket(bucket).key(key).contentType(contentType), RequestBody.fromBytes(content));
        } catch (java.io.UncheckedIOException staleConnection) {
            s3.get().putObject(r -> r.bucket(bucket).key(key).contentType(contentType), RequestBody.fromBytes(content));
        }
    }

    @Override
    public OptionalLong size(String key) {
        try {
            return OptionalLong.of(s3.get().headObject(r -> r.bucket(bucket).key(key)).contentLength());
        } catch (NoSuchKeyException e) {
            return OptionalLong.empty();
        } catch (S3Exception e) {
            if (e.statusCode() == 404) return OptionalLong.empty();
            throw e;
        }
    }

    @Override
    public String downloadUrl(String key, String fileName, Duration ttl) {
        String disposition = "attachment; filename=\"" + fileName.replaceAll("[^A-Za-z0-9._-]", "_") + "\"";
        return presigner.get().presignGetObject(r -> r.signatureDuration(ttl)
                .getObjectRequest(g -> g.bucket(bucket).key(key).responseContentDisposition(disposition))).url().toString();
    }

    @Override
    public Upload uploadUrl(String key, String contentType, long contentLength, Duration ttl) {
        var signed = presigner.get().presignPutObject(r -> r.signatureDuration(ttl)
                .putObjectRequest(p -> p.bucket(bucket).key(key).contentType(contentType).contentLength(contentLength)));
        return new Upload(signed.url().toString(), "PUT", Map.of("Content-Type", contentType, "Content-Length", Long.toString(contentLength)),
                Instant.now().plus(ttl));
    }
}
