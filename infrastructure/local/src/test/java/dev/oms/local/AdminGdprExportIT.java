package dev.oms.local;

import static dev.oms.local.TestSystem.*;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.oms.platform.json.Json;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.Test;

/** Issue 13, "Compliance": the GDPR export of one data subject as a zip archive (docs/admin-operations.md). */
class AdminGdprExportIT {
    static final String PATH = "/v1/admin/gdpr/export";
    static final JobsKit kit = JobsKit.get();

    static Map<String, String> unzip(String url) throws Exception {
        Map<String, String> entries = new TreeMap<>();
        try (InputStream in = Files.newInputStream(Path.of(URI.create(url))); ZipInputStream zip = new ZipInputStream(in)) {
            for (ZipEntry e; (e = zip.getNextEntry()) != null; ) entries.put(e.getName(), new String(zip.readAllBytes(), StandardCharsets.UTF_8));
        }
        return entries;
    }

    @Test
    void aSubjectsOrdersEventsAndMessagesAreArchivedAndNobodyElses() throws Exception {
        String t = newTenant();
        Client admin = AdminKit.signIn(t, "gdpr-admin", "admin");
        String mine = create(admin, order("subject-1"));
        String other = create(admin, order("someone-else"));
        customer(t, "subject-1").post("/v1/customer/orders/" + mine + "/messages", Map.of("text", "Please delete my data"));

        Resp submitted = AdminKit.stepUp(admin).post(PATH, Map.of("customer_id", "subject-1", "reason", "SAR-114 by email"));
        assertThat(submitted.status()).as(submitted.toString()).isEqualTo(202);
        assertThat(submitted.json().path("kind").asText()).isEqualTo("gdpr_export");
        kit.run(t, submitted.json().path("id").asText());
        JsonNode job = admin.get(submitted.header("location")).json();
        assertThat(job.path("status").asText()).isEqualTo("succeeded");
        Map<String, String> archive = unzip(job.path("download_url").asText());
        assertThat(archive.keySet()).containsExactly("documents/" + mine + ".json", "events/" + mine + ".json", "manifest.json",
                "messages/" + mine + ".json", "orders/" + mine + ".json");
        assertThat(Json.parse(archive.get("orders/" + mine + ".json")).path("customer_id").asText()).isEqualTo("subject-1");
        assertThat(archive.get("events/" + mine + ".json")).contains("order.created", "customer.message_received");
        assertThat(archive.get("messages/" + mine + ".json")).contains("Please delete my data");
        JsonNode manifest = Json.parse(archive.get("manifest.json"));
        assertThat(manifest.path("reason").asText()).isEqualTo("SAR-114 by email");
        assertThat(manifest.path("requested_by").asText()).isEqualTo("gdpr-admin");
        assertThat(String.join("", archive.values())).doesNotContain(other);
    }

    @Test
    void sudoReasonRolesAndTenants() {
        String t = newTenant();
        Client admin = AdminKit.signIn(t, "gdpr-admin2", "admin");
        Map<String, Object> body = Map.of("customer_id", "subject-2", "reason", "SAR-115");
        assertThat(admin.post(PATH, body).code()).isEqualTo("auth.sudo_required");
        Client stepped = AdminKit.stepUp(admin);
        assertThat(stepped.post(PATH, Map.of("customer_id", "subject-2")).code()).isEqualTo("validation.reason_required");
        assertThat(stepped.post(PATH, Map.of("reason", "who")).code()).isEqualTo("request.invalid");
        assertThat(stepped.post(PATH, Map.of("customer_id", "subject-2", "reason", "SAR", "format", "pdf")).code()).isEqualTo("request.invalid");
        assertThat(AdminKit.stepUp(AdminKit.signIn(t, "gdpr-sup", "supervisor")).post(PATH, body).code()).isEqualTo("auth.forbidden");
        assertThat(customer(t, "subject-2").post(PATH, body).status()).isEqualTo(403);
        // another tenant's export of the same customer id holds only its own orders (none here)
        create(admin, order("subject-2"));
        Client otherAdmin = AdminKit.signIn(newTenant(), "gdpr-other", "admin");
        Resp elsewhere = AdminKit.stepUp(otherAdmin).post(PATH, body);
        assertThat(elsewhere.status()).isEqualTo(202);
    }
}
