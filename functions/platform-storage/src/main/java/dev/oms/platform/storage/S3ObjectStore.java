package dev.oms.platform.storage;

import dev.oms.platform.aws.AwsClients;
import dev.oms.platform.aws.SignedS3;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;

/**
 * The jobs bucket on S3 as the job runner uses it: streamed reads, writes in parts and listings through the container's
 * shared S3 client (built on first use); links presigned like the API functions' ({@link SignedS3}).
 */
public final class S3ObjectStore implements ObjectStore {
    private final String bucket;
    private final Supplier<S3Client> s3;

    public S3ObjectStore(String bucket, Supplier<S3Client> s3) {
        this.bucket = bucket;
        this.s3 = s3;
    }

    public static S3ObjectStore of(String bucket) { return new S3ObjectStore(bucket, AwsClients::s3); }

    @Override
    public String bucket() { return bucket; }

    @Override
    public InputStream open(S3Uri uri) {
        try {
            return s3.get().getObject(r -> r.bucket(uri.bucket()).key(uri.key()));
        } catch (NoSuchKeyException e) {
            throw new NotFound(uri);
        }
    }

    @Override
    public void write(String key, String contentType, Content content) {
        MultipartUploadStream out = new MultipartUploadStream(s3.get(), bucket, key, contentType);
        try {
            content.writeTo(out);
            out.close();
        } catch (IOException | RuntimeException e) {
            out.abort();
            throw e instanceof IOException io ? new UncheckedIOException(io) : (RuntimeException) e;
        }
    }

    @Override
    public void upload(String key, Path file, String contentType) {
        write(key, contentType, out -> {
            try (InputStream in = Files.newInputStream(file)) {
                in.transferTo(out);
            }
        });
    }

    @Override
    public List<String> list(String prefix) {
        List<String> keys = new ArrayList<>();
        s3.get().listObjectsV2Paginator(r -> r.bucket(bucket).prefix(prefix)).contents().forEach(o -> keys.add(o.key()));
        return keys;
    }

    @Override
    public void delete(String key) { s3.get().deleteObject(r -> r.bucket(bucket).key(key)); }

    @Override
    public String presignGet(String key, Duration ttl) { return SignedS3.presignGet(bucket, key, null, ttl); }

    @Override
    public String presignPut(String key, String contentType, Duration ttl) { return SignedS3.presignPut(bucket, key, contentType, null, ttl); }
}
