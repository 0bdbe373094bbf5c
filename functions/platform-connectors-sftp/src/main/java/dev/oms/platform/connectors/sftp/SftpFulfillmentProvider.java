package dev.oms.platform.connectors.sftp;

import dev.oms.app.connector.ConnectorException;
import dev.oms.app.connector.FulfillmentProvider;
import dev.oms.domain.DomainException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import org.apache.sshd.sftp.client.SftpClient;
import org.apache.sshd.sftp.common.SftpConstants;
import org.apache.sshd.sftp.common.SftpException;

/**
 * A file-drop 3PL over SFTP. A hand-over writes one file per fulfilment, {@code {orders_dir}/{fulfillment_id}.csv}
 * (or {@code .edi}), first under a hidden {@code .part} name and then renamed, so the provider never reads half a
 * file; a file that is already there is not written again (the name is the fulfilment id: a repeated push never makes
 * a second order). A cancellation removes the file while the provider has not taken it ({@code true}), and is too late
 * once it has ({@code false}). Availability is read from {@code inventory_file}, a CSV with the columns {@code sku}
 * and {@code available} (or {@code quantity}). The probe writes a hidden file, reads its size back and removes it.
 */
final class SftpFulfillmentProvider implements FulfillmentProvider {
    static final int MAX_INVENTORY_BYTES = 20 * 1024 * 1024;

    private final SftpSession session;
    private final String ordersDir;
    private final String inventoryFile;
    private final PickListFile format;

    SftpFulfillmentProvider(SftpSession session, String ordersDir, String inventoryFile, PickListFile format) {
        this.session = session;
        this.ordersDir = ordersDir.endsWith("/") ? ordersDir.substring(0, ordersDir.length() - 1) : ordersDir;
        this.inventoryFile = inventoryFile;
        this.format = format;
    }

    @Override
    public Dispatched dispatch(String tenantId, Dispatch request, String idempotencyKey) {
        String path = ordersDir + "/" + request.fulfillmentId() + format.extension;
        byte[] content = format.render(request).getBytes(StandardCharsets.UTF_8);
        return session.run("dispatch", sftp -> {
            if (!exists(sftp, path)) {
                makeDirectories(sftp, ordersDir);
                String part = ordersDir + "/." + request.fulfillmentId() + format.extension + ".part";
                try (OutputStream out = sftp.write(part)) {
                    out.write(content);
                }
                sftp.rename(part, path, SftpClient.CopyMode.Overwrite);
            }
            return new Dispatched("sftp:" + path);
        });
    }

    @Override
    public boolean cancel(String tenantId, String orderId, String fulfillmentId, String reason, String idempotencyKey) {
        String path = ordersDir + "/" + fulfillmentId + format.extension;
        return session.run("cancel", sftp -> {
            if (!exists(sftp, path)) return false;
            sftp.remove(path);
            return true;
        });
    }

    @Override
    public Map<String, Long> availability(String tenantId, List<String> skus) {
        Set<String> wanted = new HashSet<>(skus);
        String text = session.run("availability", sftp -> {
            if (!exists(sftp, inventoryFile)) {
                throw DomainException.unprocessable("connector.inventory_file_missing", "The provider has no inventory file at " + inventoryFile,
                        "Ask the provider where it drops its inventory, and set config.inventory_file.");
            }
            return read(sftp, inventoryFile);
        });
        List<String> lines = text.lines().filter(l -> !l.isBlank()).toList();
        if (lines.isEmpty()) return Map.of();
        List<String> header = fields(lines.get(0)).stream().map(h -> h.toLowerCase(java.util.Locale.ROOT)).toList();
        int sku = header.indexOf("sku");
        int available = header.indexOf("available") >= 0 ? header.indexOf("available") : header.indexOf("quantity");
        if (sku < 0 || available < 0) {
            throw DomainException.unprocessable("connector.inventory_file_invalid", "The inventory file " + inventoryFile
                    + " has no sku and available (or quantity) columns", "Ask the provider for its file layout.");
        }
        Map<String, Long> out = new TreeMap<>();
        for (String line : lines.subList(1, lines.size())) {
            List<String> f = fields(line);
            if (f.size() <= Math.max(sku, available)) continue;
            String s = f.get(sku).trim();
            if (!wanted.isEmpty() && !wanted.contains(s)) continue;
            try {
                out.merge(s, Long.parseLong(f.get(available).trim()), Long::sum);
            } catch (NumberFormatException e) {
                throw DomainException.unprocessable("connector.inventory_file_invalid", "The inventory file " + inventoryFile
                        + " has a quantity that is not a whole number for " + s, "Ask the provider to fix its file.");
            }
        }
        return out;
    }

    @Override
    public String probe(String tenantId, Dispatch sample) {
        byte[] content = format.render(sample).getBytes(StandardCharsets.UTF_8);
        String path = ordersDir + "/.oms-probe-" + UUID.randomUUID() + format.extension + ".part";
        return session.run("probe", sftp -> {
            makeDirectories(sftp, ordersDir);
            try (OutputStream out = sftp.write(path)) {
                out.write(content);
            }
            long size = sftp.stat(path).getSize();
            sftp.remove(path);
            if (size != content.length) {
                throw new ConnectorException("fulfillment_provider", "probe", "the server kept " + size + " of " + content.length + " bytes");
            }
            return "wrote, read back and removed a " + content.length + "-byte sample pick list in " + ordersDir;
        });
    }

    private static boolean exists(SftpClient sftp, String path) throws IOException {
        try {
            return sftp.stat(path) != null;
        } catch (SftpException e) {
            if (e.getStatus() == SftpConstants.SSH_FX_NO_SUCH_FILE || e.getStatus() == SftpConstants.SSH_FX_NO_SUCH_PATH) return false;
            throw e;
        }
    }

    private static void makeDirectories(SftpClient sftp, String dir) throws IOException {
        StringBuilder at = new StringBuilder();
        for (String part : dir.split("/")) {
            if (part.isEmpty()) continue;
            if (at.length() > 0) at.append('/');
            at.append(part);
            if (!exists(sftp, at.toString())) sftp.mkdir(at.toString());
        }
    }

    private static String read(SftpClient sftp, String path) throws IOException {
        try (InputStream in = sftp.read(path)) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] buffer = new byte[8192];
            for (int n; (n = in.read(buffer)) > 0; ) {
                out.write(buffer, 0, n);
                if (out.size() > MAX_INVENTORY_BYTES) {
                    throw DomainException.unprocessable("connector.inventory_file_invalid", "The inventory file is larger than 20 MiB",
                            "Ask the provider to split it.");
                }
            }
            return out.toString(StandardCharsets.UTF_8);
        }
    }

    /** The fields of one CSV line (RFC 4180 quotes; a quoted field does not span lines in an inventory file). */
    static List<String> fields(String line) {
        List<String> out = new ArrayList<>();
        StringBuilder f = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') { f.append('"'); i++; }
                else if (c == '"') quoted = false;
                else f.append(c);
            } else if (c == '"') quoted = true;
            else if (c == ',') { out.add(f.toString()); f.setLength(0); }
            else f.append(c);
        }
        out.add(f.toString());
        return out.stream().map(String::trim).toList();
    }
}
