package dev.oms.jobs;

/** The job's input as a whole cannot be used (unreadable file, bad header): the job fails with this code. */
final class BadInput extends RuntimeException {
    private final String code;

    BadInput(String code, String message) {
        super(message);
        this.code = code;
    }

    String code() { return code; }
}
