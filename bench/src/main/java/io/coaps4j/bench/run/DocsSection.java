package io.coaps4j.bench.run;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The part of docs/BENCHMARKS.md that the bench writes: everything between the two marker lines is
 * replaced by the latest report, the rest of the page (the method) is left as it is.
 */
final class DocsSection {
    static final String BEGIN = "<!-- bench:latest:begin (written by scripts/bench.sh; edit the method above, not this) -->";
    static final String END = "<!-- bench:latest:end -->";

    private DocsSection() {
    }

    /** {@code page} with the text between the markers replaced by {@code report}. */
    static String replace(String page, String report) {
        int begin = page.indexOf(BEGIN);
        int end = page.indexOf(END);
        if (begin < 0 || end < begin) {
            throw new IllegalArgumentException("the page has no '" + BEGIN + "' ... '" + END + "' section to replace");
        }
        return page.substring(0, begin + BEGIN.length()) + "\n\n" + report.strip() + "\n\n" + page.substring(end);
    }

    /** Rewrites the section of the file {@code page}. */
    static void write(Path page, String report) throws IOException {
        String current = Files.readString(page, StandardCharsets.UTF_8);
        Files.writeString(page, replace(current, report), StandardCharsets.UTF_8);
    }
}
