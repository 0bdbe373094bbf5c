package dev.oms.platform.aws;

import dev.oms.platform.config.Env;
import java.net.URI;
import java.time.Duration;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.http.SdkHttpFullRequest;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4FamilyHttpSigner;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain;
import software.amazon.awssdk.utils.http.SdkHttpUtils;

/**
 * Presigned S3 download links (SigV4 in the query string, {@code UNSIGNED-PAYLOAD}) made with the SDK's SigV4 signer
 * alone, for functions that only hand out links and must stay small: the S3 client module is 3.5 MB of a deployment
 * jar, the signer is already there (every client signs with it). Endpoint, path style, region and credentials are
 * found as {@link AwsClients} finds them ({@code aws.endpointUrlS3} / {@code AWS_ENDPOINT_URL_S3}, then
 * {@code aws.endpointUrl} / {@code AWS_ENDPOINT_URL}; {@code OMS_S3_PATH_STYLE}), so a link works against AWS and the
 * local runtime alike. The link answers the object as an attachment with the given file name, like
 * {@code S3DocumentStorage.downloadUrl}.
 */
public final class S3DownloadLinks {
    private static final AwsV4HttpSigner SIGNER = AwsV4HttpSigner.create();
    private static final AwsClients.Lazy<AwsCredentialsProvider> CREDENTIALS = new AwsClients.Lazy<>(() -> {
        AwsCredentialsProvider p = AwsClients.credentials();
        return p != null ? p : DefaultCredentialsProvider.builder().build();
    });

    private S3DownloadLinks() { }

    public static String url(String bucket, String key, String fileName, Duration ttl) {
        Region region = AwsClients.region() != null ? AwsClients.region() : new DefaultAwsRegionProviderChain().getRegion();
        String override = firstSet(System.getProperty("aws.endpointUrlS3"), System.getenv("AWS_ENDPOINT_URL_S3"),
                System.getProperty("aws.endpointUrl"), System.getenv("AWS_ENDPOINT_URL"));
        boolean pathStyle = "true".equals(Env.get("OMS_S3_PATH_STYLE", "false"));
        URI base = URI.create(override != null ? override : "https://s3." + region.id() + ".amazonaws.com");
        String host = pathStyle ? base.getHost() : bucket + "." + base.getHost();
        String path = (pathStyle ? "/" + bucket : "") + "/" + SdkHttpUtils.urlEncodeIgnoreSlashes(key);
        String disposition = "attachment; filename=\"" + fileName.replaceAll("[^A-Za-z0-9._-]", "_") + "\"";
        SdkHttpFullRequest request = SdkHttpFullRequest.builder().method(SdkHttpMethod.GET).protocol(base.getScheme()).host(host)
                .port(base.getPort() == -1 ? null : base.getPort()).encodedPath(path)
                .putRawQueryParameter("response-content-disposition", disposition).build();
        AwsCredentialsIdentity identity = CREDENTIALS.get().resolveIdentity().join();
        var signed = SIGNER.sign(r -> r.identity(identity).request(request)
                .putProperty(AwsV4FamilyHttpSigner.SERVICE_SIGNING_NAME, "s3")
                .putProperty(AwsV4HttpSigner.REGION_NAME, region.id())
                .putProperty(AwsV4FamilyHttpSigner.AUTH_LOCATION, AwsV4FamilyHttpSigner.AuthLocation.QUERY_STRING)
                .putProperty(AwsV4FamilyHttpSigner.EXPIRATION_DURATION, ttl)
                .putProperty(AwsV4FamilyHttpSigner.PAYLOAD_SIGNING_ENABLED, false)
                .putProperty(AwsV4FamilyHttpSigner.DOUBLE_URL_ENCODE, false)
                .putProperty(AwsV4FamilyHttpSigner.NORMALIZE_PATH, false));
        return signed.request().getUri().toString();
    }

    private static String firstSet(String... values) {
        for (String v : values) if (v != null && !v.isBlank()) return v.trim();
        return null;
    }
}
