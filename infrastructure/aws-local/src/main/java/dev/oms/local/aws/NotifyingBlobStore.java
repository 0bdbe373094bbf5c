package dev.oms.local.aws;

import java.io.InputStream;
import java.util.function.Consumer;
import org.gaul.s3proxy.blobstore.BlobStore;
import org.gaul.s3proxy.blobstore.ForwardingBlobStore;
import org.gaul.s3proxy.blobstore.domain.MultipartUpload;
import software.amazon.awssdk.services.s3.model.CompleteMultipartUploadRequest;
import software.amazon.awssdk.services.s3.model.CompleteMultipartUploadResponse;
import software.amazon.awssdk.services.s3.model.CopyObjectRequest;
import software.amazon.awssdk.services.s3.model.CopyObjectResponse;
import software.amazon.awssdk.services.s3.model.DeleteObjectRequest;
import software.amazon.awssdk.services.s3.model.DeleteObjectResponse;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.PutObjectResponse;

/**
 * s3proxy's storage with S3 event notifications: after an object was stored (PUT and browser POST, copy, completed
 * multipart upload) or deleted, it reports an {@link ObjectEvent} (only once the write succeeded).
 */
final class NotifyingBlobStore extends ForwardingBlobStore {
    /** What happened to one object. {@code eventName} is S3's, without the {@code s3:} prefix. */
    record ObjectEvent(String eventName, String bucket, String key, long size, String eTag, String versionId) { }

    private final Consumer<ObjectEvent> listener;

    NotifyingBlobStore(BlobStore delegate, Consumer<ObjectEvent> listener) {
        super(delegate);
        this.listener = listener;
    }

    @Override
    public PutObjectResponse putBlob(PutObjectRequest request, InputStream content) {
        PutObjectResponse response = super.putBlob(request, content);
        created("ObjectCreated:Put", request.bucket(), request.key(), response.versionId());
        return response;
    }

    @Override
    public CopyObjectResponse copyBlob(CopyObjectRequest request) {
        CopyObjectResponse response = super.copyBlob(request);
        created("ObjectCreated:Copy", request.destinationBucket(), request.destinationKey(), response.versionId());
        return response;
    }

    @Override
    public CompleteMultipartUploadResponse completeMultipartUpload(MultipartUpload upload, CompleteMultipartUploadRequest request) {
        CompleteMultipartUploadResponse response = super.completeMultipartUpload(upload, request);
        created("ObjectCreated:CompleteMultipartUpload", upload.containerName(), upload.blobName(), response.versionId());
        return response;
    }

    @Override
    public DeleteObjectResponse removeBlob(DeleteObjectRequest request) {
        DeleteObjectResponse response = super.removeBlob(request);
        listener.accept(new ObjectEvent("ObjectRemoved:Delete", request.bucket(), request.key(), 0, null, request.versionId()));
        return response;
    }

    private void created(String eventName, String bucket, String key, String versionId) {
        HeadObjectResponse head = delegate().blobMetadataIfPresent(bucket, key);
        long size = head == null || head.contentLength() == null ? 0 : head.contentLength();
        String eTag = head == null || head.eTag() == null ? null : head.eTag().replace("\"", "");
        listener.accept(new ObjectEvent(eventName, bucket, key, size, eTag, versionId));
    }
}
