package dev.oms.platform.aws;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * SNS {@code Publish} as one signed AWS Query call (a form-encoded POST, an XML answer), without the SNS client
 * (1 MiB of a jar): to a topic with string message attributes (the notifications topic), or to a phone number (SMS).
 * The endpoint is found as for every AWS call ({@code AWS_ENDPOINT_URL_SNS}, {@code AWS_ENDPOINT_URL}).
 */
public final class SnsPublish {
    private SnsPublish() { }

    /**
     * Publishes {@code message} to {@code topicArn} or, when it is null, to {@code phoneNumber}; answers SNS's
     * {@code MessageId}. An error answer is an {@link AwsJsonRequests.AwsError} with SNS's error code.
     */
    public static String publish(String topicArn, String phoneNumber, String subject, String message, Map<String, String> attributes) {
        StringBuilder form = new StringBuilder("Action=Publish&Version=2010-03-31");
        if (topicArn != null) add(form, "TopicArn", topicArn);
        if (topicArn == null && phoneNumber != null) add(form, "PhoneNumber", phoneNumber);
        if (subject != null) add(form, "Subject", subject);
        add(form, "Message", message);
        int n = 0;
        for (var a : attributes.entrySet()) {
            n++;
            add(form, "MessageAttributes.entry." + n + ".Name", a.getKey());
            add(form, "MessageAttributes.entry." + n + ".Value.DataType", "String");
            add(form, "MessageAttributes.entry." + n + ".Value.StringValue", a.getValue() == null ? "" : a.getValue());
        }
        var r = AwsJsonRequests.send(AwsJsonRequests.SNS, "POST", "/", Map.of("content-type", "application/x-www-form-urlencoded; charset=utf-8"),
                form.toString().getBytes(StandardCharsets.UTF_8));
        String body = r.body() == null ? "" : r.body();
        if (r.status() / 100 != 2) {
            throw new AwsJsonRequests.AwsError(r.status(), element(body, "Code", "UnknownError"), element(body, "Message", null));
        }
        return element(body, "MessageId", null);
    }

    private static void add(StringBuilder form, String name, String value) {
        form.append('&').append(URLEncoder.encode(name, StandardCharsets.UTF_8)).append('=').append(URLEncoder.encode(value, StandardCharsets.UTF_8));
    }

    /** The text of the first {@code <name>} element (SNS's answers are small and flat where it matters). */
    static String element(String xml, String name, String otherwise) {
        int a = xml.indexOf("<" + name + ">"), b = xml.indexOf("</" + name + ">");
        if (a < 0 || b < a) return otherwise;
        return xml.substring(a + name.length() + 2, b).replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"")
                .replace("&apos;", "'").replace("&amp;", "&");
    }
}
