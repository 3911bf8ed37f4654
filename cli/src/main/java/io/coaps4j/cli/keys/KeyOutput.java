package io.coaps4j.cli.keys;

import io.coaps4j.cli.CommandFailure;
import io.coaps4j.cli.ExitCodes;
import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.Path;
import java.util.List;

/** What the {@code keys} commands share: writing a set of files with one-line errors. */
final class KeyOutput {
    private KeyOutput() {
    }

    /** Writes {@code files}; an existing file without {@code force} is a usage error naming it. */
    static void write(PemWriting files, boolean force) {
        List<Path> existing = files.existing();
        if (!force && !existing.isEmpty()) {
            throw new CommandFailure(ExitCodes.USAGE, existing.get(0) + " exists; give --force to replace it"
                    + (existing.size() > 1 ? " (and " + (existing.size() - 1) + " other file"
                    + (existing.size() > 2 ? "s" : "") + ")" : ""));
        }
        try {
            files.write(force);
        } catch (FileSystemException e) {
            throw new CommandFailure(ExitCodes.FAILURE, "cannot write " + e.getFile() + ": "
                    + (e.getReason() != null ? e.getReason() : e.getClass().getSimpleName()));
        } catch (IOException e) {
            throw new CommandFailure(ExitCodes.FAILURE, "cannot write the files: " + e.getMessage());
        }
    }
}
