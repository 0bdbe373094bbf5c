package dev.oms.platform.connectors.sftp;

import dev.oms.app.connector.ConnectorException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.time.Duration;
import org.apache.sshd.client.SshClient;
import org.apache.sshd.client.keyverifier.AcceptAllServerKeyVerifier;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.common.NamedResource;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.util.security.SecurityUtils;
import org.apache.sshd.sftp.client.SftpClient;
import org.apache.sshd.sftp.client.SftpClientFactory;

/**
 * Opens an SFTP session per operation on an SSH client of its own, stopped with it (SFTP calls are few: pushes, tests,
 * syncs; a client kept per adapter would keep its threads after the connector changes): signs in with the password or the
 * private key, checks the server's key against {@code host_key} (its SHA256 fingerprint; any key only where no
 * fingerprint is set, which the adapter allows for localhost alone), and turns every failure into a
 * {@link ConnectorException} that names no secret.
 */
final class SftpSession {
    record Settings(String host, int port, String username, String password, String privateKey, String hostKey, Duration timeout) { }

    interface Work<T> {
        T run(SftpClient sftp) throws IOException;
    }

    private final Settings settings;

    SftpSession(Settings settings) { this.settings = settings; }

    <T> T run(String operation, Work<T> work) {
        long millis = settings.timeout().toMillis();
        try (SshClient client = SshClient.setUpDefaultClient()) {
            client.setServerKeyVerifier(settings.hostKey() == null ? AcceptAllServerKeyVerifier.INSTANCE
                    : (session, address, key) -> settings.hostKey().equals(KeyUtils.getFingerPrint(key)));
            client.start();
            return run(client, operation, work, millis);
        } catch (IOException e) {
            throw new ConnectorException("fulfillment_provider", operation, "sftp " + settings.host() + ":" + settings.port() + ": " + reason(e));
        }
    }

    private <T> T run(SshClient client, String operation, Work<T> work, long millis) {
        try (ClientSession session = client.connect(settings.username(), settings.host(), settings.port()).verify(millis).getSession()) {
            if (settings.password() != null) session.addPasswordIdentity(settings.password());
            if (settings.privateKey() != null) {
                for (KeyPair k : SecurityUtils.loadKeyPairIdentities(session, NamedResource.ofName("private_key"),
                        new ByteArrayInputStream(settings.privateKey().getBytes(StandardCharsets.UTF_8)), null)) {
                    session.addPublicKeyIdentity(k);
                }
            }
            session.auth().verify(millis);
            try (SftpClient sftp = SftpClientFactory.instance().createSftpClient(session)) {
                return work.run(sftp);
            }
        } catch (IOException | GeneralSecurityException | RuntimeException e) {
            if (e instanceof ConnectorException c) throw c;
            if (e instanceof dev.oms.domain.DomainException d) throw d;
            throw new ConnectorException("fulfillment_provider", operation, "sftp " + settings.host() + ":" + settings.port() + ": " + reason(e));
        }
    }

    /** A short reason without secrets: the exception's class and its first line. */
    private static String reason(Exception e) {
        String m = e.getMessage() == null ? "" : e.getMessage().lines().findFirst().orElse("");
        if (m.length() > 160) m = m.substring(0, 160);
        return e.getClass().getSimpleName() + (m.isEmpty() ? "" : " " + m);
    }
}
