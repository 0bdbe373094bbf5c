package dev.oms.platform.search;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.oms.app.search.SearchUnavailableException;
import dev.oms.platform.json.Json;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;

/**
 * JSON over HTTP to OpenSearch with the JDK's client: SigV4-signed with the function's IAM credentials for Amazon
 * OpenSearch Service (service {@code es} for a domain, {@code aoss} for a serverless collection), unsigned for the
 * local node. Connection failures and 5xx answers become {@link SearchUnavailableException}; other statuses are the
 * caller's to read.
 */
public final class OpenSearchHttp {
    /** Headers the JDK client sets itself and refuses to be given. */
    private static final Set<String> RESTRICTED = Set.of("host", "content-length", "connection", "expect", "upgrade");

    public record Response(int status, JsonNode body) {
        public boolean ok() { return status >= 200 && status < 300; }
    }

    private final SearchSettings settings;
    private final HttpClient client;
    private final AwsV4HttpSigner signer;
    private final AwsCredentialsProvider credentials;

    public OpenSearchHttp(SearchSettings settings) {
        this.settings = settings;
        this.client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        this.signer = settings.signed() ? AwsV4HttpSigner.create() : null;
        this.credentials = settings.signed() ? DefaultCredentialsProvider.builder().build() : null;
    }

    public SearchSettings settings() { return settings; }

    public Response send(String method, String pathAndQuery, JsonNode body) {
        return send(method, pathAndQuery, body == null ? new byte[0] : Json.write(body).getBytes(StandardCharsets.UTF_8), "application/json");
    }

    /** A bulk request: one JSON document per line ({@code application/x-ndjson}). */
    public Response sendLines(String pathAndQuery, String ndjson) {
        return send("POST", pathAndQuery, ndjson.getBytes(StandardCharsets.UTF_8), "application/x-ndjson");
    }

    private Response send(String method, String pathAndQuery, byte[] bytes, String contentType) {
        URI uri = URI.create(settings.endpoint() + pathAndQuery);
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(20))
                .method(method, bytes.length == 0 ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(bytes));
        if (bytes.length > 0) request.header("content-type", contentType);
        if (signer != null) sign(method, uri, bytes, contentType).forEach((name, values) -> {
            if (!RESTRICTED.contains(name.toLowerCase(java.util.Locale.ROOT))) values.forEach(v -> request.header(name, v));
        });
        HttpResponse<String> response;
        try {
            response = client.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new SearchUnavailableException("The search engine did not answer: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SearchUnavailableException("Interrupted while waiting for the search engine", e);
        }
        if (response.statusCode() >= 500 || response.statusCode() == 429) {
            throw new SearchUnavailableException("The search engine answered " + response.statusCode() + ": " + abbreviate(response.body()), null);
        }
        try {
            String text = response.body();
            return new Response(response.statusCode(), text == null || text.isBlank() ? Json.object() : Json.parse(text));
        } catch (JsonProcessingException e) {
            throw new SearchUnavailableException("The search engine answered " + response.statusCode() + " with no JSON", e);
        }
    }

    /** The SigV4 headers (Authorization, X-Amz-Date, the security token, the payload hash aoss requires). */
    private Map<String, List<String>> sign(String method, URI uri, byte[] body, String contentType) {
        SdkHttpRequest.Builder unsigned = SdkHttpRequest.builder().method(SdkHttpMethod.fromValue(method)).uri(uri)
                .putHeader("x-amz-content-sha256", sha256(body));
        if (body.length > 0) unsigned.putHeader("content-type", contentType);
        SignedRequest signed = signer.sign(r -> r.identity(credentials.resolveCredentials()).request(unsigned.build())
                .payload(ContentStreamProvider.fromByteArray(body))
                .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, settings.signingService())
                .putProperty(AwsV4HttpSigner.REGION_NAME, settings.region()));
        return signed.request().headers();
    }

    private static String sha256(byte[] body) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String abbreviate(String s) { return s == null ? "" : s.length() > 300 ? s.substring(0, 300) + "..." : s; }
}
