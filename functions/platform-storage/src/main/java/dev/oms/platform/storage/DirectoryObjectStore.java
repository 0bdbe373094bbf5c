package dev.oms.platform.storage;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

/**
 * Objects as files under {@code root/bucket/key}. Writes go to a temporary file that is moved into place when the
 * content is complete, so, as on S3, an object appears whole or not at all. Presigned URLs are {@code file:} URLs.
 */
public final class DirectoryObjectStore implements ObjectStore {
    private final Path root;
    private final String bucket;

    public DirectoryObjectStore(Path root, String bucket) {
        this.root = root.toAbsolutePath();
        this.bucket = bucket;
    }

    @Override
    public String bucket() { return bucket; }

    /** Where an object of this store lives on disk. */
    public Path path(String key) { return file(new S3Uri(bucket, key)); }

    private Path file(S3Uri uri) {
        Path p = root.resolve(uri.bucket()).resolve(uri.key()).normalize();
        if (!p.startsWith(root)) throw new IllegalArgumentException("key outside the store: " + uri);
        return p;
    }

    @Override
    public InputStream open(S3Uri uri) {
        try {
            return Files.newInputStream(file(uri));
        } catch (NoSuchFileException e) {
            throw new NotFound(uri);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void write(String key, String contentType, Content content) {
        Path target = path(key);
        Path temp = null;
        try {
            Files.createDirectories(target.getParent());
            temp = Files.createTempFile(target.getParent(), ".upload-", ".part");
            try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(temp))) {
                content.writeTo(out);
            }
            Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            deleteQuietly(temp);
        }
    }

    @Override
    public void upload(String key, Path file, String contentType) {
        write(key, contentType, out -> Files.copy(file, out));
    }

    private static void deleteQuietly(Path p) {
        try {
            if (p != null) Files.deleteIfExists(p);
        } catch (IOException ignored) {
            // a stray temporary file is skipped by list()
        }
    }

    @Override
    public List<String> list(String prefix) {
        Path base = root.resolve(bucket);
        if (!Files.isDirectory(base)) return List.of();
        try (Stream<Path> files = Files.walk(base)) {
            return files.filter(Files::isRegularFile).map(p -> base.relativize(p).toString().replace('\\', '/'))
                    .filter(k -> k.startsWith(prefix) && !k.substring(k.lastIndexOf('/') + 1).startsWith(".upload-"))
                    .sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void delete(String key) {
        try {
            Files.deleteIfExists(path(key));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public String presignGet(String key, Duration ttl) { return path(key).toUri().toString(); }

    @Override
    public String presignPut(String key, String contentType, Duration ttl) { return path(key).toUri().toString(); }
}
