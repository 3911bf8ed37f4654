package io.coaps4j.bench.run;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A part of docs/BENCHMARKS.md that the bench writes: everything between its two marker lines is replaced by the
 * latest report of its suites, the rest of the page (the method) is left as it is. The side-by-side suites write
 * {@link #LATEST}; the proxy suite, which runs alone, {@link #PROXY}.
 */
public final class DocsSection {
    public static final DocsSection LATEST = new DocsSection("latest");
    public static final DocsSection PROXY = new DocsSection("proxy");

    private final String begin;
    private final String end;

    private DocsSection(String name) {
        this.begin = "<!-- bench:" + name + ":begin (written by scripts/bench.sh; edit the method above, not this) -->";
        this.end = "<!-- bench:" + name + ":end -->";
    }

    /** The marker line the section starts after. */
    public String begin() {
        return begin;
    }

    /** The marker line the section ends before. */
    public String end() {
        return end;
    }

    /** {@code page} with the text between the markers replaced by {@code report}. */
    public String replace(String page, String report) {
        int from = page.indexOf(begin);
        int to = page.indexOf(end);
        if (from < 0 || to < from) {
            throw new IllegalArgumentException("the page has no '" + begin + "' ... '" + end + "' section to replace");
        }
        return page.substring(0, from + begin.length()) + "\n\n" + report.strip() + "\n\n" + page.substring(to);
    }

    /** Rewrites the section of the file {@code page}. */
    public void write(Path page, String report) throws IOException {
        String current = Files.readString(page, StandardCharsets.UTF_8);
        Files.writeString(page, replace(current, report), StandardCharsets.UTF_8);
    }
}
