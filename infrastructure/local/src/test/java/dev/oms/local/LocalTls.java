package dev.oms.local;

import java.io.FileInputStream;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.Certificate;
import javax.net.ssl.HttpsURLConnection;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * TLS for vendor stubs whose SDK only speaks HTTPS (EasyPost's client casts to {@code HttpsURLConnection}): a
 * self-signed certificate for 127.0.0.1 made with the JDK's keytool, served by the stub, and trusted by this test JVM
 * in addition to the JDK's own CAs (so nothing else loses its trust).
 */
final class LocalTls {
    private static SSLContext server;

    private LocalTls() { }

    static synchronized SSLContext serverContext() {
        if (server != null) return server;
        try {
            Path dir = Files.createTempDirectory("oms-stub-tls");
            Path store = dir.resolve("stub.p12");
            String keytool = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
            Process p = new ProcessBuilder(keytool, "-genkeypair", "-alias", "stub", "-keyalg", "RSA", "-keysize", "2048",
                    "-keystore", store.toString(), "-storetype", "PKCS12", "-storepass", "changeit", "-keypass", "changeit",
                    "-dname", "CN=127.0.0.1", "-ext", "SAN=ip:127.0.0.1,dns:localhost", "-validity", "2").inheritIO().start();
            if (p.waitFor() != 0) throw new IllegalStateException("keytool failed");
            KeyStore keys = KeyStore.getInstance("PKCS12");
            try (InputStream in = Files.newInputStream(store)) {
                keys.load(in, "changeit".toCharArray());
            }
            KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(keys, "changeit".toCharArray());
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(kmf.getKeyManagers(), null, null);
            server = ctx;
            trust(keys.getCertificate("stub"));
            return ctx;
        } catch (Exception e) {
            throw new IllegalStateException("stub TLS", e);
        }
    }

    /** The JDK's CAs plus the stub's certificate, as this JVM's default trust. */
    private static void trust(Certificate stub) throws Exception {
        KeyStore trusted = KeyStore.getInstance(KeyStore.getDefaultType());
        try (InputStream in = new FileInputStream(Path.of(System.getProperty("java.home"), "lib", "security", "cacerts").toFile())) {
            trusted.load(in, "changeit".toCharArray());
        }
        trusted.setCertificateEntry("oms-stub", stub);
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trusted);
        SSLContext client = SSLContext.getInstance("TLS");
        client.init(null, tmf.getTrustManagers(), null);
        SSLContext.setDefault(client);
        HttpsURLConnection.setDefaultSSLSocketFactory(client.getSocketFactory());
    }
}
