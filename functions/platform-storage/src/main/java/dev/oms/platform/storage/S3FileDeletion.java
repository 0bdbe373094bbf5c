package dev.oms.platform.storage;

import dev.oms.app.privacy.FileDeletion;
import dev.oms.platform.aws.AwsClients;
import dev.oms.platform.config.Env;
import java.util.function.Supplier;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Deletes order files from the documents bucket ({@code DOCUMENTS_BUCKET}): only the GDPR erasure workflow does, so
 * only its function is granted {@code s3:DeleteObject}. S3 answers a delete of a missing key with success.
 */
public final class S3FileDeletion implements FileDeletion {
    private final String bucket;
    private final Supplier<S3Client> s3;

    public S3FileDeletion(String bucket, Supplier<S3Client> s3) {
        this.bucket = bucket;
        this.s3 = s3;
    }

    public static S3FileDeletion fromEnvironment() { return new S3FileDeletion(Env.get("DOCUMENTS_BUCKET", "oms-documents"), AwsClients::s3); }

    @Override
    public void delete(String storageKey) { s3.get().deleteObject(r -> r.bucket(bucket).key(storageKey)); }
}
