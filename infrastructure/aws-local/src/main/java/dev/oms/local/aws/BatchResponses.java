package dev.oms.local.aws;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;

/**
 * Reads a function's partial batch response ({@code SQSBatchResponse}, {@code StreamsEventResponse}, a Map or
 * JSON with {@code batchItemFailures: [{itemIdentifier}]}), with Lambda's rules: no response or an empty list means
 * every item succeeded; an item without identifier, or one not in the batch, fails the whole batch.
 */
final class BatchResponses {
    private BatchResponses() { }

    /** The failed item ids, or empty when the response fails the whole batch. */
    static Optional<Set<String>> failedItems(Object response, Set<String> batchIds) {
        if (response == null) return Optional.of(Set.of());
        JsonNode node = response instanceof String s ? Jsons.tryParse(s) : Jsons.MAPPER.valueToTree(response);
        if (node == null || !node.isObject()) return Optional.of(Set.of());
        JsonNode failures = node.has("batchItemFailures") ? node.get("batchItemFailures") : node.path("BatchItemFailures");
        if (failures.isMissingNode() || failures.isNull()) return Optional.of(Set.of());
        if (!failures.isArray()) return Optional.empty();
        Set<String> ids = new LinkedHashSet<>();
        for (JsonNode f : failures) {
            JsonNode id = f.has("itemIdentifier") ? f.get("itemIdentifier") : f.path("ItemIdentifier");
            if (!id.isTextual() || id.asText().isEmpty() || !batchIds.contains(id.asText())) return Optional.empty();
            ids.add(id.asText());
        }
        return Optional.of(ids);
    }
}
