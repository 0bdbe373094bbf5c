package dev.oms.platform.search;

import dev.oms.platform.config.Env;
import java.net.URI;
import java.util.Locale;

/**
 * Where the search engine is and how to sign for it, from the environment:
 * {@code OMS_SEARCH_ENDPOINT} (the domain's or collection's https URL, or the local node's; empty: search is not
 * configured), {@code OMS_SEARCH_SIGNING} ({@code es} for a domain, {@code aoss} for a serverless collection,
 * {@code none} for the local node), {@code OMS_SEARCH_INDEX} (default {@code orders}) and {@code AWS_REGION}.
 */
public record SearchSettings(URI endpoint, String signingService, String region, String index) {
    public static final String DEFAULT_INDEX = "orders";

    public SearchSettings {
        if (!signingService.equals("es") && !signingService.equals("aoss") && !signingService.equals("none")) {
            throw new IllegalArgumentException("OMS_SEARCH_SIGNING must be es, aoss or none, not " + signingService);
        }
    }

    /** The settings, or null when {@code OMS_SEARCH_ENDPOINT} is empty (search off). */
    public static SearchSettings fromEnvironment() {
        String endpoint = Env.get("OMS_SEARCH_ENDPOINT", null);
        if (endpoint == null) return null;
        String trimmed = endpoint.endsWith("/") ? endpoint.substring(0, endpoint.length() - 1) : endpoint;
        if (!trimmed.startsWith("http://") && !trimmed.startsWith("https://")) trimmed = "https://" + trimmed;
        return new SearchSettings(URI.create(trimmed), Env.get("OMS_SEARCH_SIGNING", "es").toLowerCase(Locale.ROOT),
                Env.get("AWS_REGION", Env.get("aws.region", "us-east-1")), Env.get("OMS_SEARCH_INDEX", DEFAULT_INDEX));
    }

    public boolean signed() { return !signingService.equals("none"); }
}
