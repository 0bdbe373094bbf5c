package dev.oms.contract;

/** One way a value breaks the contract: the field's path ({@code items[2].quantity}, a query parameter), a code, a message. */
public record Violation(String field, String code, String message) { }
