package dev.oms.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.oms.platform.json.Json;
import dev.oms.platform.storage.DirectoryObjectStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportTest {
    @TempDir
    Path root;

    @Test
    void partsAreJoinedInOrderUnderOneHeaderAndARepeatedChunkReplacesItsPart() throws IOException {
        DirectoryObjectStore store = new DirectoryObjectStore(root, "jobs");
        Report report = new Report(store, "t1", "job_1", "csv", List.of("line", "code", "problem"));
        report.writePart(11, List.of(Json.object().put("line", 12).put("code", "b")));
        report.writePart(1, List.of(Json.object().put("line", 2).put("code", "stale")));
        report.writePart(1, List.of(Json.object().put("line", 2).put("code", "a, quoted \"x\""),
                (com.fasterxml.jackson.databind.node.ObjectNode) Json.object().put("line", 3).set("problem", Json.object().put("status", 400))));
        report.writePart(21, List.of());
        String key = report.assemble();
        assertThat(key).isEqualTo("reports/t1/job_1.csv");
        assertThat(Files.readAllLines(store.path(key))).containsExactly("line,code,problem", "2,\"a, quoted \"\"x\"\"\",",
                "3,,\"{\"\"status\"\":400}\"", "12,b,");
        assertThat(store.list("work/")).as("parts are removed").isEmpty();
        assertThat(new Report(store, "t1", "job_2", "ndjson", List.of()).assemble()).as("nothing to report").isNull();
    }
}
