package dev.oms.domain.settings;

/** A question and its answer the shop shows its customers on every order (setting {@code customer_faq}). */
public record FaqEntry(String question, String answer) {
    public static final int MAX_ENTRIES = 30, MAX_QUESTION = 200, MAX_ANSWER = 2000;
}
