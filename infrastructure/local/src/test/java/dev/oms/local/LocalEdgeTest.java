package dev.oms.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.Headers;
import org.junit.jupiter.api.Test;

/** Which service a request is for: its signature's scope, a presigned URL's, its target, else S3. */
class LocalEdgeTest {
    static Headers headers(String... pairs) {
        Headers h = new Headers();
        for (int i = 0; i < pairs.length; i += 2) h.add(pairs[i], pairs[i + 1]);
        return h;
    }

    @Test
    void theSignaturesScopeNamesTheService() {
        assertThat(LocalEdge.service(headers("Authorization", "AWS4-HMAC-SHA256 Credential=local/20261205/us-east-1/sqs/aws4_request, "
                + "SignedHeaders=host;x-amz-date, Signature=abc"), null)).isEqualTo("sqs");
        assertThat(LocalEdge.service(headers("Authorization", "AWS4-HMAC-SHA256 Credential=AKID/20261205/eu-west-2/states/aws4_request,SignedHeaders=host"),
                null)).isEqualTo("states");
    }

    @Test
    void aPresignedUrlsCredentialNamesIt() {
        assertThat(LocalEdge.service(headers(), "X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=local%2F20261205%2Fus-east-1%2Fs3%2Faws4_request"))
                .isEqualTo("s3");
        assertThat(LocalEdge.service(headers(), "X-Amz-Credential=local%2F20261205%2Fus-east-1%2Fsns%2Faws4_request&X-Amz-Date=20261205T000000Z"))
                .isEqualTo("sns");
    }

    @Test
    void anUnsignedRequestGoesByItsTargetElseToS3() {
        assertThat(LocalEdge.service(headers("X-Amz-Target", "DynamoDB_20120810.ListTables"), null)).isEqualTo("dynamodb");
        assertThat(LocalEdge.service(headers("X-Amz-Target", "AWSEvents.ListEventBuses"), null)).isEqualTo("events");
        assertThat(LocalEdge.service(headers(), null)).isEqualTo("s3");
    }
}
