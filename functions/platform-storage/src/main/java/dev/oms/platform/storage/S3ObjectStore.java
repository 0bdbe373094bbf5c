package dev.oms.platform.storage;

import dev.oms.platform.aws.AwsClients;
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
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/** The jobs bucket on S3, through the container's shared clients (built on first use). */
public final class S3ObjectStore implements ObjectStore {
    private final String bucket;
    private final Supplier<S3Client> s3;
    private final Supplier<S3Presigner> presigner;

    public S3ObjectStore(String bucket, Supplier<S3Client> s3, Supplier<S3Presigner> presigner) {
        this.bucket = bucket;
        this.s3 = s3;
        this.presigner = presigner;
    }

    public static S3ObjectStore of(String bucket) { return new S3ObjectStore(bucket, AwsClients::s3, AwsClients::s3Presigner); }

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
    public String presignGet(String key, Duration ttl) {
        return presigner.get().presignGetObject(r -> r.signatureDuration(ttl).getObjectRequest(g -> g.bucket(bucket).key(key))).url().toString();
    }

    @Override
    public String presignPut(String key, String contentType, Duration ttl) {
        return presigner.get().presignPutObject(r -> r.signatureDuration(ttl)
                .putObjectRequest(p -> p.bucket(bucket).key(key).contentType(contentType))).url().toString();
    }
}
