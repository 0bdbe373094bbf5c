package dev.oms.platform.observability;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class LogTest {
    @Test
    void placeholdersTakeTheArgumentsInOrderAndExtraOnesAreLeftOut() {
        assertThat(Log.format("job {} of {}: {}", "j1", "t1", "done")).isEqualTo("job j1 of t1: done");
        assertThat(Log.format("no placeholders", "x")).isEqualTo("no placeholders");
        assertThat(Log.format("{} and {}", "one")).isEqualTo("one and {}");
        assertThat(Log.format("failed: {}", "x", new IllegalStateException("boom"))).startsWith("failed: x")
                .contains("java.lang.IllegalStateException: boom");
    }

    @Test
    void linesBelowTheLevelAreNotWrittenAndTextLinesNameTheirLevel() {
        PrintStream out = System.out;
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        System.setOut(new PrintStream(buffer, true, StandardCharsets.UTF_8));
        try {
            Log log = new Log(true, "WARN");
            log.info("not shown {}", 1);
            log.warn("shown {}", 2);
            log.error("failed", new IllegalArgumentException("bad"));
            assertThat(log.isDebugEnabled()).isFalse();
        } finally {
            System.setOut(out);
        }
        String text = buffer.toString(StandardCharsets.UTF_8);
        assertThat(text).doesNotContain("not shown").contains("WARN  oms shown 2").contains("ERROR oms failed")
                .contains("java.lang.IllegalArgumentException: bad");
    }
}
