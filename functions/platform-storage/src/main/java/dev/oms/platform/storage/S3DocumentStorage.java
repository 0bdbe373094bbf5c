package dev.oms.platform.storage;

import dev.oms.app.port.DocumentStorage;
import dev.oms.platform.aws.SignedS3;
import dev.oms.platform.config.Env;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.OptionalLong;

/**
 * Order documents in the documents bucket ({@code DOCUMENTS_BUCKET}): private, reached only through presigned links.
 * Documents are small (a label, an invoice, an attachment up to the upload limit), so they are written, measured and
 * linked with signed requests alone ({@link SignedS3}): no S3 client in the functions that render or attach them.
 */
public final class S3DocumentStorage implements DocumentStorage {
    private final String bucket;

    public S3DocumentStorage(String bucket) { this.bucket = bucket; }

    public static S3DocumentStorage fromEnvironment() { return new S3DocumentStorage(Env.get("DOCUMENTS_BUCKET", "oms-documents")); }

    public String bucket() { return bucket; }

    @Override
    public void put(String key, String contentType, byte[] content) { SignedS3.put(bucket, key, contentType, content); }

    @Override
    public OptionalLong size(String key) { return SignedS3.size(bucket, key); }

    @Override
    public String downloadUrl(String key, String fileName, Duration ttl) { return SignedS3.presignGet(bucket, key, fileName, ttl); }

    @Override
    public Upload uploadUrl(String key, String contentType, long contentLength, Duration ttl) {
        return new Upload(SignedS3.presignPut(bucket, key, contentType, contentLength, ttl), "PUT",
                Map.of("Content-Type", contentType, "Content-Length", Long.toString(contentLength)), Instant.now().plus(ttl));
    }
}
