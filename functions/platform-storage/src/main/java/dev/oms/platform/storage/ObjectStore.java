package dev.oms.platform.storage;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.List;

/**
 * Files of the jobs: import sources, reports and exports. S3 on AWS ({@link S3ObjectStore}); a directory in tests,
 * the benchmark and wherever no S3 is at hand ({@link DirectoryObjectStore}). Keys name objects in the store's own
 * bucket; {@code s3://bucket/key} URIs name objects anywhere.
 */
public interface ObjectStore extends ObjectLinks {
    /** A stream over an object, read as it arrives (never loaded whole). */
    InputStream open(S3Uri uri);

    default InputStream open(String key) { return open(new S3Uri(bucket(), key)); }

    /**
     * Writes a new object as a stream, in parts of bounded size (constant memory whatever the size). It appears, whole,
     * when {@code content} returns, and not at all when it throws.
     */
    void write(String key, String contentType, Content content);

    /** Stores a local file as an object (in parts when large). */
    void upload(String key, Path file, String contentType);

    /** Keys under a prefix, in key order. */
    List<String> list(String prefix);

    void delete(String key);

    @Override
    default void put(String key, String contentType, byte[] content) { write(key, contentType, out -> out.write(content)); }

    /** What to write into a new object. */
    @FunctionalInterface
    interface Content {
        void writeTo(OutputStream out) throws IOException;
    }

    /** There is no such object. */
    final class NotFound extends RuntimeException {
        public NotFound(S3Uri uri) { super("No object " + uri); }
    }
}
