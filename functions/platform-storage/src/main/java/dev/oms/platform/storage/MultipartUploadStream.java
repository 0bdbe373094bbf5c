package dev.oms.platform.storage;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompletedPart;

/**
 * Streams an object to S3 in parts of {@link #PART_SIZE} bytes, so memory stays at one part whatever the size. An
 * object smaller than one part is a single PutObject. {@link #close()} completes the object; {@link #abort()} (or a
 * failed part) drops it.
 */
final class MultipartUploadStream extends OutputStream {
    static final int PART_SIZE = 8 * 1024 * 1024;

    private final S3Client s3;
    private final String bucket;
    private final String key;
    private final String contentType;
    private final byte[] buffer = new byte[PART_SIZE];
    private final List<CompletedPart> parts = new ArrayList<>();
    private int size;
    private String uploadId;
    private boolean closed;

    MultipartUploadStream(S3Client s3, String bucket, String key, String contentType) {
        this.s3 = s3;
        this.bucket = bucket;
        this.key = key;
        this.contentType = contentType;
    }

    @Override
    public void write(int b) throws IOException { write(new byte[] {(byte) b}, 0, 1); }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        while (len > 0) {
            int n = Math.min(len, PART_SIZE - size);
            System.arraycopy(b, off, buffer, size, n);
            size += n;
            off += n;
            len -= n;
            if (size == PART_SIZE) sendPart();
        }
    }

    private void sendPart() throws IOException {
        try {
            if (uploadId == null) {
                uploadId = s3.createMultipartUpload(r -> r.bucket(bucket).key(key).contentType(contentType)).uploadId();
            }
            int number = parts.size() + 1;
            String etag = s3.uploadPart(r -> r.bucket(bucket).key(key).uploadId(uploadId).partNumber(number),
                    RequestBody.fromInputStream(new ByteArrayInputStream(buffer, 0, size), size)).eTag();
            parts.add(CompletedPart.builder().partNumber(number).eTag(etag).build());
            size = 0;
        } catch (RuntimeException e) {
            abort();
            throw new IOException("upload of " + key + " failed", e);
        }
    }

    @Override
    public void close() throws IOException {
        if (closed) return;
        closed = true;
        if (uploadId == null) {
            try {
                s3.putObject(r -> r.bucket(bucket).key(key).contentType(contentType),
                        RequestBody.fromInputStream(new ByteArrayInputStream(buffer, 0, size), size));
            } catch (RuntimeException e) {
                throw new IOException("upload of " + key + " failed", e);
            }
            return;
        }
        if (size > 0) sendPart();
        try {
            s3.completeMultipartUpload(r -> r.bucket(bucket).key(key).uploadId(uploadId).multipartUpload(m -> m.parts(parts)));
        } catch (RuntimeException e) {
            abort();
            throw new IOException("upload of " + key + " failed", e);
        }
    }

    /** Drops the upload (once; later calls do nothing). */
    void abort() {
        closed = true;
        String id = uploadId;
        uploadId = null;
        try {
            if (id != null) s3.abortMultipartUpload(r -> r.bucket(bucket).key(key).uploadId(id));
        } catch (RuntimeException ignored) {
            // the bucket's lifecycle rule removes incomplete uploads
        }
    }
}
