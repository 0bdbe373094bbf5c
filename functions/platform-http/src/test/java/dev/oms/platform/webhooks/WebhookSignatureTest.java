package dev.oms.platform.webhooks;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

class WebhookSignatureTest {
    // the example of the Standard Webhooks specification and its reference libraries
    static final String SPEC_SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    static final String SPEC_ID = "msg_p5jXN8AQM9LWM0D4loKWxJek";
    static final long SPEC_TIMESTAMP = 1614265330L;
    static final String SPEC_BODY = "{\"test\": 2432232314}";
    static final String SPEC_SIGNATURE = "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=";

    @Test
    void signsTheSpecificationsExampleExactly() {
        assertThat(WebhookSignature.sign(SPEC_SECRET, SPEC_ID, SPEC_TIMESTAMP, SPEC_BODY)).isEqualTo(SPEC_SIGNATURE);
        assertThat(WebhookSignature.sign(SPEC_SECRET.substring(6), SPEC_ID, SPEC_TIMESTAMP, SPEC_BODY))
                .as("the prefix is optional").isEqualTo(SPEC_SIGNATURE);
        assertThat(WebhookSignature.verify(SPEC_SECRET, SPEC_ID, SPEC_TIMESTAMP, SPEC_BODY, SPEC_SIGNATURE)).isTrue();
    }

    @Test
    void aGeneratedSecretRoundTripsAgainstAnIndependentHmac() throws Exception {
        String secret = WebhookSignature.newSecret();
        String body = "{\"type\":\"order.created\",\"data\":{\"note\":\"caf\u00e9\"}}";
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(Base64.getDecoder().decode(secret.substring("whsec_".length())), "HmacSHA256"));
        String expected = "v1," + Base64.getEncoder().encodeToString(mac.doFinal(("dlv_1.1700000000." + body).getBytes(StandardCharsets.UTF_8)));
        assertThat(WebhookSignature.sign(secret, "dlv_1", 1700000000L, body)).isEqualTo(expected);
    }

    @Test
    void newSecretsAreWhsecAndThirtyTwoRandomBytes() {
        String secret = WebhookSignature.newSecret();
        assertThat(secret).startsWith("whsec_");
        assertThat(Base64.getDecoder().decode(secret.substring(6))).hasSize(32);
        assertThat(WebhookSignature.newSecret()).isNotEqualTo(secret);
        assertThat(WebhookSignature.secretProblem(secret)).isNull();
    }

    @Test
    void aSecretOfOnesOwnIsBase64OfTwentyFourCharactersOrMore() {
        assertThat(WebhookSignature.secretProblem(SPEC_SECRET)).isNull();
        assertThat(WebhookSignature.secretProblem("MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw")).isNull();
        assertThat(WebhookSignature.secretProblem("whsec_c2hvcnQ=")).isEqualTo("secret.too_short");
        assertThat(WebhookSignature.secretProblem("this is not base64 at all, really!")).isEqualTo("secret.not_base64");
    }

    @Test
    void aHeaderCarriesOneSignaturePerSecretAndEitherVerifies() {
        String next = WebhookSignature.newSecret();
        String header = WebhookSignature.header(List.of(next, SPEC_SECRET), SPEC_ID, SPEC_TIMESTAMP, SPEC_BODY);
        assertThat(header.split(" ")).hasSize(2).endsWith(SPEC_SIGNATURE);
        assertThat(WebhookSignature.verify(next, SPEC_ID, SPEC_TIMESTAMP, SPEC_BODY, header)).isTrue();
        assertThat(WebhookSignature.verify(SPEC_SECRET, SPEC_ID, SPEC_TIMESTAMP, SPEC_BODY, header)).isTrue();
        assertThat(WebhookSignature.verify(SPEC_SECRET, SPEC_ID, SPEC_TIMESTAMP, SPEC_BODY, "v1,bm9wZQ== " + SPEC_SIGNATURE)).isTrue();
    }

    @Test
    void anyChangeBreaksTheSignature() {
        assertThat(WebhookSignature.verify(SPEC_SECRET, SPEC_ID, SPEC_TIMESTAMP, SPEC_BODY + " ", SPEC_SIGNATURE)).isFalse();
        assertThat(WebhookSignature.verify(SPEC_SECRET, "msg_other", SPEC_TIMESTAMP, SPEC_BODY, SPEC_SIGNATURE)).isFalse();
        assertThat(WebhookSignature.verify(SPEC_SECRET, SPEC_ID, SPEC_TIMESTAMP + 1, SPEC_BODY, SPEC_SIGNATURE)).isFalse();
        assertThat(WebhookSignature.verify(WebhookSignature.newSecret(), SPEC_ID, SPEC_TIMESTAMP, SPEC_BODY, SPEC_SIGNATURE)).isFalse();
        assertThat(WebhookSignature.verify(SPEC_SECRET, SPEC_ID, SPEC_TIMESTAMP, SPEC_BODY, SPEC_SIGNATURE.replace("v1,", "v2,"))).isFalse();
        assertThat(WebhookSignature.verify(SPEC_SECRET, SPEC_ID, SPEC_TIMESTAMP, SPEC_BODY, null)).isFalse();
    }
}
