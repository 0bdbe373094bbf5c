package dev.oms.app.search;

/** The search engine is not configured for this deployment, or did not answer. */
public final class SearchUnavailableException extends RuntimeException {
    public SearchUnavailableException(String message, Throwable cause) { super(message, cause); }
}
