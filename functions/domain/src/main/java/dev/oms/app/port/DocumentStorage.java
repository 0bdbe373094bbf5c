package dev.oms.app.port;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.OptionalLong;

/** Where order documents live (S3): files written, presigned links to read them and to upload them, their sizes. */
public interface DocumentStorage {
    void put(String key, String contentType, byte[] content);

    /** The size of the object, or empty while there is none. */
    OptionalLong size(String key);

    /** A link to download the object as {@code fileName} until it expires. */
    String downloadUrl(String key, String fileName, Duration ttl);

    /**
     * A link to upload exactly this object: the content type and length are signed into it, so a file of another type
     * or size is refused by the storage itself.
     */
    Upload uploadUrl(String key, String contentType, long contentLength, Duration ttl);

    /** The upload request to make: PUT to {@code url} with these headers, before {@code expiresAt}. */
    record Upload(String url, String method, Map<String, String> headers, Instant expiresAt) { }
}
