package dev.oms.platform.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DirectoryObjectStoreTest {
    @TempDir
    Path root;

    @Test
    void writesWholeObjectsOrNothingListsAndReadsThem() throws IOException {
        DirectoryObjectStore store = new DirectoryObjectStore(root, "jobs");
        store.write("work/t/b.txt", "text/plain", out -> out.write("bee".getBytes(StandardCharsets.UTF_8)));
        store.write("work/t/a.txt", "text/plain", out -> out.write("ay".getBytes(StandardCharsets.UTF_8)));
        assertThatThrownBy(() -> store.write("work/t/c.txt", "text/plain", out -> {
            out.write("half".getBytes(StandardCharsets.UTF_8));
            throw new IOException("disk gone");
        })).hasRootCauseMessage("disk gone");
        assertThat(store.list("work/t/")).containsExactly("work/t/a.txt", "work/t/b.txt");
        try (InputStream in = store.open("work/t/b.txt")) {
            assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("bee");
        }
        assertThat(store.uri("work/t/b.txt")).isEqualTo("s3://jobs/work/t/b.txt");
        assertThat(Path.of(java.net.URI.create(store.presignGet("work/t/b.txt", Duration.ofMinutes(1))))).hasContent("bee");
        store.delete("work/t/b.txt");
        assertThatThrownBy(() -> store.open("work/t/b.txt")).isInstanceOf(ObjectStore.NotFound.class);
        assertThatThrownBy(() -> store.open(new S3Uri("jobs", "../../etc/passwd"))).isInstanceOf(IllegalArgumentException.class);
        assertThat(Files.list(root.resolve("jobs/work/t")).count()).as("no temporary files left").isEqualTo(1);
    }

    @Test
    void s3UrisParseOnlyWhenWellFormed() {
        assertThat(S3Uri.parse("s3://my-bucket/imports/t1/a b.csv")).isEqualTo(new S3Uri("my-bucket", "imports/t1/a b.csv"));
        assertThat(S3Uri.parse("s3://my-bucket/imports/t1/x.csv").toString()).isEqualTo("s3://my-bucket/imports/t1/x.csv");
        for (String bad : new String[] {"https://x/y", "s3://B/x", "s3://bucket", "s3://bucket/", "s3://bucket/../x", "s3://a/x"}) {
            assertThat(S3Uri.parse(bad)).as(bad).isNull();
        }
    }
}
