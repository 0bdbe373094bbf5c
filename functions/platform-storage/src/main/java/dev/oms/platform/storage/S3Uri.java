package dev.oms.platform.storage;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** {@code s3://bucket/key}. */
public record S3Uri(String bucket, String key) {
    private static final Pattern URI = Pattern.compile("s3://([a-z0-9][a-z0-9.-]{1,61}[a-z0-9])/(.+)");

    /** The URI, or null when the text is not an {@code s3://bucket/key} URI. */
    public static S3Uri parse(String text) {
        if (text == null) return null;
        Matcher m = URI.matcher(text);
        if (!m.matches() || m.group(2).contains("..") || m.group(2).length() > 1024) return null;
        return new S3Uri(m.group(1), m.group(2));
    }

    @Override
    public String toString() { return "s3://" + bucket + "/" + key; }
}
