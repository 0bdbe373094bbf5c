package dev.oms.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.List;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.server.SshServer;
import org.apache.sshd.server.keyprovider.SimpleGeneratorHostKeyProvider;
import org.apache.sshd.common.file.virtualfs.VirtualFileSystemFactory;
import org.apache.sshd.sftp.server.SftpSubsystemFactory;

/**
 * An SFTP server in the runtime's process (Apache MINA SSHD), playing a file-drop 3PL for fulfilment connectors of
 * type {@code ftp} (docs/fulfillment-connectors.md): user {@code threepl}, the password in the JVM property
 * {@code LOCAL_SFTP_PASSWORD} (so a connector's secret is {@code env:LOCAL_SFTP_PASSWORD}), files under
 * {@code <data dir>/sftp} (a temporary directory in memory mode), port {@code LOCAL_SFTP_PORT} (2222; 0 picks a free
 * one). Its host key is kept next to the files, so its fingerprint stays the same across restarts.
 */
final class LocalSftp implements AutoCloseable {
    static final String USER = "threepl";
    static final String PASSWORD_PROPERTY = "LOCAL_SFTP_PASSWORD";

    private final SshServer server;
    private final Path root;

    private LocalSftp(SshServer server, Path root) {
        this.server = server;
        this.root = root;
    }

    static LocalSftp start(Path dataDir, boolean inMemory, int port) {
        try {
            Path base = inMemory ? Files.createTempDirectory("oms-sftp") : dataDir.resolve("sftp-server");
            Path root = base.resolve("files");
            Files.createDirectories(root);
            String password = System.getProperty(PASSWORD_PROPERTY, "local-sftp");
            System.setProperty(PASSWORD_PROPERTY, password);
            SshServer server = SshServer.setUpDefaultServer();
            server.setHost("127.0.0.1");
            server.setPort(port);
            server.setKeyPairProvider(new SimpleGeneratorHostKeyProvider(base.resolve("host-key.ser")));
            server.setPasswordAuthenticator((user, given, session) -> USER.equals(user) && MessageDigest.isEqual(
                    password.getBytes(java.nio.charset.StandardCharsets.UTF_8), given.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
            server.setSubsystemFactories(List.of(new SftpSubsystemFactory()));
            server.setFileSystemFactory(new VirtualFileSystemFactory(root));
            try {
                server.start();
            } catch (java.net.BindException busy) {
                server.setPort(0);
                server.start();
            }
            return new LocalSftp(server, root);
        } catch (IOException e) {
            throw new UncheckedIOException("the local SFTP server did not start", e);
        }
    }

    int port() { return server.getPort(); }

    /** Where the files are: what a connector writes under {@code orders/} appears here. */
    Path root() { return root; }

    /** The host key's SHA256 fingerprint, as a connector's {@code host_key} setting takes it. */
    String fingerprint() {
        try {
            return KeyUtils.getFingerPrint(server.getKeyPairProvider().loadKeys(null).iterator().next().getPublic());
        } catch (IOException | java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() throws IOException { server.stop(true); }
}
