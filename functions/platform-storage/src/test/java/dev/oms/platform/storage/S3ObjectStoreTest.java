package dev.oms.platform.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.AbortMultipartUploadRequest;
import software.amazon.awssdk.services.s3.model.AbortMultipartUploadResponse;
import software.amazon.awssdk.services.s3.model.CompleteMultipartUploadRequest;
import software.amazon.awssdk.services.s3.model.CompleteMultipartUploadResponse;
import software.amazon.awssdk.services.s3.model.CreateMultipartUploadRequest;
import software.amazon.awssdk.services.s3.model.CreateMultipartUploadResponse;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.PutObjectResponse;
import software.amazon.awssdk.services.s3.model.UploadPartRequest;
import software.amazon.awssdk.services.s3.model.UploadPartResponse;

/** The streaming upload against a recording S3 client: one PutObject when small, bounded parts when large. */
class S3ObjectStoreTest {
    final List<String> calls = new ArrayList<>();
    boolean failParts;

    @SuppressWarnings("unchecked")
    S3Client s3() {
        return (S3Client) Proxy.newProxyInstance(S3Client.class.getClassLoader(), new Class<?>[] {S3Client.class}, (proxy, m, args) -> {
            switch (m.getName()) {
                case "putObject" -> {
                    PutObjectRequest.Builder b = PutObjectRequest.builder();
                    ((Consumer<PutObjectRequest.Builder>) args[0]).accept(b);
                    calls.add("put " + b.build().key() + " " + ((RequestBody) args[1]).optionalContentLength().orElse(-1L));
                    return PutObjectResponse.builder().build();
                }
                case "createMultipartUpload" -> {
                    CreateMultipartUploadRequest.Builder b = CreateMultipartUploadRequest.builder();
                    ((Consumer<CreateMultipartUploadRequest.Builder>) args[0]).accept(b);
                    calls.add("create " + b.build().contentType());
                    return CreateMultipartUploadResponse.builder().uploadId("u1").build();
                }
                case "uploadPart" -> {
                    UploadPartRequest.Builder b = UploadPartRequest.builder();
                    ((Consumer<UploadPartRequest.Builder>) args[0]).accept(b);
                    if (failParts && b.build().partNumber() == 2) throw new IllegalStateException("network");
                    calls.add("part " + b.build().partNumber() + " " + ((RequestBody) args[1]).optionalContentLength().orElse(-1L));
                    return UploadPartResponse.builder().eTag("e" + b.build().partNumber()).build();
                }
                case "completeMultipartUpload" -> {
                    CompleteMultipartUploadRequest.Builder b = CompleteMultipartUploadRequest.builder();
                    ((Consumer<CompleteMultipartUploadRequest.Builder>) args[0]).accept(b);
                    calls.add("complete " + b.build().multipartUpload().parts().size());
                    return CompleteMultipartUploadResponse.builder().build();
                }
                case "abortMultipartUpload" -> {
                    calls.add("abort");
                    return AbortMultipartUploadResponse.builder().build();
                }
                default -> throw new UnsupportedOperationException(m.getName());
            }
        });
    }

    S3ObjectStore store() {
        S3Client client = s3();
        return new S3ObjectStore("jobs", () -> client);
    }

    @Test
    void aSmallObjectIsOnePut() {
        store().write("exports/t/a.csv", "text/csv", out -> out.write(new byte[1000]));
        assertThat(calls).containsExactly("put exports/t/a.csv 1000");
    }

    @Test
    void aLargeObjectGoesUpInPartsOfBoundedSize() {
        int part = MultipartUploadStream.PART_SIZE;
        store().write("exports/t/big.ndjson", "application/x-ndjson", out -> {
            byte[] chunk = new byte[300_000];
            for (long written = 0; written < 2L * part + 5; written += chunk.length) out.write(chunk);
        });
        long total = (2L * part + 5 + 299_999) / 300_000 * 300_000;
        assertThat(calls).containsExactly("create application/x-ndjson", "part 1 " + part, "part 2 " + part,
                "part 3 " + (total - 2L * part), "complete 3");
    }

    @Test
    void aFailureAbortsTheUploadAndNoObjectAppears() {
        failParts = true;
        assertThatThrownBy(() -> store().write("exports/t/x.csv", "text/csv", out -> out.write(new byte[2 * MultipartUploadStream.PART_SIZE])))
                .isInstanceOf(UncheckedIOException.class);
        assertThat(calls).containsExactly("create text/csv", "part 1 " + MultipartUploadStream.PART_SIZE, "abort");

        calls.clear();
        failParts = false;
        assertThatThrownBy(() -> store().write("exports/t/y.csv", "text/csv", out -> {
            out.write(new byte[MultipartUploadStream.PART_SIZE + 1]);
            throw new IOException("the export failed");
        })).hasRootCauseMessage("the export failed");
        assertThat(calls).containsExactly("create text/csv", "part 1 " + MultipartUploadStream.PART_SIZE, "abort");
    }
}
