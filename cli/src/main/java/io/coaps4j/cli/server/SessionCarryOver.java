package io.coaps4j.cli.server;

import io.coaps4j.cli.Terminal;
import io.coaps4j.coaps.DtlsConnector;
import io.coaps4j.dtls.engine.SessionExportFile;
import io.coaps4j.dtls.engine.SessionImportException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Graceful restart of {@code coaps4j server}: the coaps sessions are sealed into {@value #EXPORT_FILE} in the data
 * folder on a clean stop (Ctrl-C, SIGTERM) and taken back at the next start, so connected clients go on with no
 * handshake. The sealing key is generated into {@value #KEY_FILE} at the first start; both files are readable by
 * their owner only. The export is deleted once read: it must never be imported twice.
 */
final class SessionCarryOver {
    static final String EXPORT_FILE = "sessions.export";
    static final String KEY_FILE = "session-export.key";

    private final Path export;
    private final byte[] key;

    private SessionCarryOver(Path export, byte[] key) {
        this.export = export;
        this.key = key;
    }

    /** The carry-over of the data folder {@code dir}, its key made at the first start. */
    static SessionCarryOver in(Path dir) throws IOException {
        return new SessionCarryOver(dir.resolve(EXPORT_FILE), SessionExportFile.loadOrCreateKey(dir.resolve(KEY_FILE)));
    }

    /** Takes the sessions of the last clean stop, if any, into the started {@code coaps}; the file is then gone. */
    void restore(DtlsConnector coaps, Terminal terminal) {
        if (!Files.exists(export)) {
            return;
        }
        try {
            byte[] bytes = Files.readAllBytes(export);
            Files.delete(export);
            int taken = coaps.importSessions(bytes, key);
            terminal.errLine("coaps4j: " + taken + " coaps sessions taken over from the last run");
        } catch (SessionImportException e) {
            terminal.errLine("coaps4j: warning: " + export + " not used: " + e.getMessage());
        } catch (IOException e) {
            terminal.errLine("coaps4j: warning: cannot read or delete " + export + ": " + e.getMessage());
        }
    }

    /** Seals the sessions of {@code coaps} into the data folder and stops it without close_notify. */
    void save(DtlsConnector coaps, Terminal terminal) {
        try {
            SessionExportFile.writeAtomically(export, coaps.exportSessionsAndClose(key));
            terminal.errLine("coaps4j: coaps sessions saved for the next start in " + export);
        } catch (IOException | RuntimeException e) {
            terminal.errLine("coaps4j: warning: coaps sessions not saved: " + e.getMessage());
        }
    }
}
