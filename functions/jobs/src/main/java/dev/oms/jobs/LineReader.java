package dev.oms.jobs;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;

/**
 * Lines of UTF-8 text, read through a buffer, with a cap on a line's length: a longer line is reported as such (and
 * skipped) instead of filling the heap.
 */
final class LineReader implements AutoCloseable {
    static final int MAX_LINE_CHARS = 1024 * 1024;
    static final String TOO_LONG = "\u0000too long";

    private final BufferedReader reader;

    LineReader(InputStream in) { this.reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8), 64 * 1024); }

    /** The next line without its terminator, {@link #TOO_LONG} for an over-long one, or null at the end. */
    String next() throws IOException {
        StringBuilder sb = new StringBuilder();
        boolean tooLong = false;
        int c;
        while ((c = reader.read()) != -1) {
            if (c == '\n') break;
            if (sb.length() < MAX_LINE_CHARS) sb.append((char) c); else tooLong = true;
        }
        if (c == -1 && sb.length() == 0 && !tooLong) return null;
        if (tooLong) return TOO_LONG;
        int n = sb.length();
        if (n > 0 && sb.charAt(n - 1) == '\r') sb.setLength(n - 1);
        return sb.toString();
    }

    @Override
    public void close() throws IOException { reader.close(); }
}
