package dev.oms.local.aws;

import java.io.IOException;
import java.net.ServerSocket;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;

/** The account, region and credentials every local service uses, and the ARNs they build. */
public final class LocalAws {
    public static final String REGION = "us-east-1";
    public static final String ACCOUNT_ID = "000000000000";
    /** The access key and secret the local services accept (the local runtime sets the same ones for functions). */
    public static final String ACCESS_KEY = "local";
    public static final String SECRET_KEY = "local";

    private LocalAws() { }

    public static Region region() { return Region.of(REGION); }

    public static AwsCredentialsProvider credentials() {
        return StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY, SECRET_KEY));
    }

    public static String functionArn(String functionLogicalId) {
        return "arn:aws:lambda:" + REGION + ":" + ACCOUNT_ID + ":function:" + functionLogicalId;
    }

    public static String stateMachineArn(String stateMachineLogicalId) {
        return "arn:aws:states:" + REGION + ":" + ACCOUNT_ID + ":stateMachine:" + stateMachineLogicalId;
    }

    public static String topicArn(String topicName) { return "arn:aws:sns:" + REGION + ":" + ACCOUNT_ID + ":" + topicName; }

    public static String queueArn(String queueName) { return "arn:aws:sqs:" + REGION + ":" + ACCOUNT_ID + ":" + queueName; }

    public static String eventBusArn(String busName) { return "arn:aws:events:" + REGION + ":" + ACCOUNT_ID + ":event-bus/" + busName; }

    public static String bucketArn(String bucket) { return "arn:aws:s3:::" + bucket; }

    /** The last segment of an ARN ({@code ...:function:Name} gives {@code Name}, {@code ...:event-bus/oms} gives {@code oms}). */
    public static String arnResource(String arn) {
        int colon = arn.lastIndexOf(':');
        String tail = arn.substring(colon + 1);
        int slash = tail.lastIndexOf('/');
        return slash < 0 ? tail : tail.substring(slash + 1);
    }

    static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException("No free port", e);
        }
    }
}
