package dev.oms.platform.storage;

import java.time.Duration;

/**
 * The job files as the API functions use them: where they are, links to download or upload them, and small objects
 * written whole (an NDJSON feed a request carried). S3 through signed requests alone ({@link SignedObjectLinks}: no S3
 * client in the API jars); the job runner's full {@link ObjectStore} is one too.
 */
public interface ObjectLinks {
    /** The bucket this store writes to. */
    String bucket();

    /** {@code s3://bucket/key} of a key in this store. */
    default String uri(String key) { return new S3Uri(bucket(), key).toString(); }

    /** A URL that lets its holder download the object until it expires. */
    String presignGet(String key, Duration ttl);

    /** A URL that lets its holder upload the object (HTTP PUT) until it expires. */
    String presignPut(String key, String contentType, Duration ttl);

    /** Writes a small object whole. */
    void put(String key, String contentType, byte[] content);
}
