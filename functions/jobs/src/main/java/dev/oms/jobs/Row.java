package dev.oms.jobs;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** One row of an input file: its line number, the order-shaped body it reads as, or why it could not be read. */
public record Row(long line, ObjectNode body, String error) {
    public static Row of(long line, ObjectNode body) { return new Row(line, body, null); }

    public static Row unreadable(long line, String error) { return new Row(line, null, error); }
}
