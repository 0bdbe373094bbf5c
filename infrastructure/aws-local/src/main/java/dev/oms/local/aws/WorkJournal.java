package dev.oms.local.aws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Work accepted but not finished yet, kept in an append-only file so that it survives a crash of the process: one
 * JSON line {@code {"add": id, "work": {...}}} when work is accepted, one {@code {"done": id}} when it is finished
 * (delivered, or given up on). Opening the file replays it: what was added and never done is {@link #pending()}, and
 * the file is rewritten with just that. A line cut short by a crash is ignored. Every line is written with one
 * {@code write} before the caller goes on, so a {@code kill -9} loses nothing (a power cut may: there is no fsync).
 * Without a file the journal only counts in memory.
 */
final class WorkJournal implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(WorkJournal.class);
    private static final int COMPACT_AFTER_LINES = 20_000;

    private final Path file;
    private final Map<String, ObjectNode> pending = new LinkedHashMap<>();
    private FileChannel channel;
    private int lines;

    private WorkJournal(Path file) { this.file = file; }

    /** A journal in memory only. */
    static WorkJournal inMemory() { return new WorkJournal(null); }

    /** Opens (or creates) the journal file and replays it. */
    static WorkJournal open(Path file) {
        WorkJournal j = new WorkJournal(file);
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            if (Files.exists(file)) {
                for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                    JsonNode n = Jsons.tryParse(line);
                    if (n == null || !n.isObject()) continue; // cut short by a crash
                    if (n.hasNonNull("add") && n.get("work") instanceof ObjectNode work) j.pending.put(n.get("add").asText(), work);
                    else if (n.hasNonNull("done")) j.pending.remove(n.get("done").asText());
                }
            }
            j.rewrite();
        } catch (IOException e) {
            throw new IllegalStateException("Cannot open the journal " + file, e);
        }
        return j;
    }

    /** Work added and not done, oldest first. */
    synchronized List<Map.Entry<String, ObjectNode>> pending() { return new ArrayList<>(pending.entrySet()); }

    synchronized int size() { return pending.size(); }

    synchronized void add(String id, ObjectNode work) {
        pending.put(id, work);
        ObjectNode line = Jsons.MAPPER.createObjectNode();
        line.put("add", id);
        line.set("work", work);
        append(line);
    }

    synchronized void done(String id) {
        if (pending.remove(id) == null) return;
        ObjectNode line = Jsons.MAPPER.createObjectNode();
        line.put("done", id);
        append(line);
        if (lines > COMPACT_AFTER_LINES && pending.size() < lines / 4) {
            try {
                rewrite();
            } catch (IOException e) {
                LOG.warn("Cannot compact the journal {}", file, e);
            }
        }
    }

    private void append(ObjectNode line) {
        if (file == null || channel == null) return; // in memory, or closed while shutting down
        byte[] bytes = (Jsons.write(line) + "\n").getBytes(StandardCharsets.UTF_8);
        try {
            ByteBuffer b = ByteBuffer.wrap(bytes);
            while (b.hasRemaining()) channel.write(b);
            lines++;
        } catch (IOException e) {
            throw new IllegalStateException("Cannot write the journal " + file, e);
        }
    }

    /** Writes the pending work alone to a new file and continues appending to it. */
    private void rewrite() throws IOException {
        if (file == null) return;
        if (channel != null) channel.close();
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        StringBuilder sb = new StringBuilder();
        for (var e : pending.entrySet()) {
            ObjectNode line = Jsons.MAPPER.createObjectNode();
            line.put("add", e.getKey());
            line.set("work", e.getValue());
            sb.append(Jsons.write(line)).append('\n');
        }
        Files.writeString(tmp, sb.toString(), StandardCharsets.UTF_8);
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        channel = FileChannel.open(file, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
        lines = pending.size();
    }

    @Override
    public synchronized void close() {
        if (channel == null) return;
        try {
            channel.close();
        } catch (IOException ignored) {
            // closing anyway
        }
        channel = null;
    }
}
