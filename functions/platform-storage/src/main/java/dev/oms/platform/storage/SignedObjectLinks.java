package dev.oms.platform.storage;

import dev.oms.platform.aws.SignedS3;
import java.time.Duration;

/** {@link ObjectLinks} on an S3 bucket with signed requests alone ({@link SignedS3}). */
public final class SignedObjectLinks implements ObjectLinks {
    private final String bucket;

    public SignedObjectLinks(String bucket) { this.bucket = bucket; }

    @Override
    public String bucket() { return bucket; }

    @Override
    public String presignGet(String key, Duration ttl) { return SignedS3.presignGet(bucket, key, null, ttl); }

    @Override
    public String presignPut(String key, String contentType, Duration ttl) { return SignedS3.presignPut(bucket, key, contentType, null, ttl); }

    @Override
    public void put(String key, String contentType, byte[] content) { SignedS3.put(bucket, key, contentType, content); }
}
