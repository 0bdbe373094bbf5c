package dev.oms.local.aws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * Where one stream mapping got to: per shard, the sequence number of the last record handled (processed, filtered
 * out or skipped), and which shards were read to their end. Kept in memory and, when a file is given, written to it
 * (atomically) after every change, so a restarted poller resumes after the last handled record. A checkpoint of
 * another stream (the table was recreated) is ignored.
 */
final class StreamCheckpoints {
    private final Path file;
    private String streamArn;
    private final Map<String, String> sequenceNumbers = new LinkedHashMap<>();
    private final Set<String> finished = new LinkedHashSet<>();

    StreamCheckpoints(Path file) {
        this.file = file;
        if (file != null && Files.exists(file)) {
            try {
                JsonNode n = Jsons.MAPPER.readTree(file.toFile());
                streamArn = n.path("stream_arn").asText(null);
                n.path("shards").fields().forEachRemaining(e -> sequenceNumbers.put(e.getKey(), e.getValue().asText()));
                n.path("finished_shards").forEach(s -> finished.add(s.asText()));
            } catch (IOException e) {
                throw new IllegalStateException("Cannot read the stream checkpoint " + file, e);
            }
        }
    }

    /** Starts over when the stream is not the one checkpointed. */
    synchronized void useStream(String arn) {
        if (arn.equals(streamArn)) return;
        streamArn = arn;
        sequenceNumbers.clear();
        finished.clear();
        save();
    }

    synchronized String sequenceNumber(String shardId) { return sequenceNumbers.get(shardId); }

    synchronized boolean isFinished(String shardId) { return finished.contains(shardId); }

    synchronized void advance(String shardId, String sequenceNumber) {
        sequenceNumbers.put(shardId, sequenceNumber);
        save();
    }

    synchronized void finish(String shardId) {
        if (finished.add(shardId)) save();
    }

    synchronized Map<String, String> snapshot() { return Map.copyOf(sequenceNumbers); }

    private void save() {
        if (file == null) return;
        ObjectNode o = Jsons.MAPPER.createObjectNode();
        o.put("stream_arn", streamArn);
        ObjectNode shards = o.putObject("shards");
        sequenceNumbers.forEach(shards::put);
        finished.forEach(o.putArray("finished_shards")::add);
        try {
            Files.createDirectories(file.getParent());
            Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
            Files.writeString(tmp, Jsons.write(o));
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new IllegalStateException("Cannot write the stream checkpoint " + file, e);
        }
    }
}
