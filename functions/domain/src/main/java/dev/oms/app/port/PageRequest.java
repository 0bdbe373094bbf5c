package dev.oms.app.port;

/** Where to continue ({@code position}: an adapter-defined string, null for the first page) and how many to return. */
public record PageRequest(String position, int limit) { }
