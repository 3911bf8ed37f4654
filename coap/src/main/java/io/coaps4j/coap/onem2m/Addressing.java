package io.coaps4j.coap.onem2m;

import java.util.ArrayList;
import java.util.List;

/**
 * The To parameter and the Uri-Path, TS-0008 clause 6.2.2.3 and table 6.2.2.3-1: an absolute To
 * ("//sp.org/CSE178/CSEBase") goes as "_" then its segments without the leading "//", an SP-relative
 * To ("/CSE178/CSEBase") as "~" then its segments without the leading "/", and a CSE-relative To
 * ("CSEBase/ae12") as its segments.
 */
final class Addressing {
    static final String ABSOLUTE = "_";
    static final String SP_RELATIVE = "~";

    private Addressing() {
    }

    /** @throws IllegalArgumentException naming the To when it is empty or has an empty segment */
    static List<String> toUriPath(String to) {
        List<String> path = new ArrayList<>();
        String rest;
        if (to.startsWith("//")) {
            path.add(ABSOLUTE);
            rest = to.substring(2);
        } else if (to.startsWith("/")) {
            path.add(SP_RELATIVE);
            rest = to.substring(1);
        } else {
            rest = to;
        }
        for (String segment : rest.split("/", -1)) {
            if (segment.isEmpty()) {
                throw new IllegalArgumentException("To '" + to + "' has an empty segment; expected CSE-relative"
                        + " (CSEBase/ae1), SP-relative (/CSE-ID/CSEBase) or absolute (//sp.example/CSE-ID/CSEBase)");
            }
            path.add(segment);
        }
        return path;
    }

    /** The To that {@code uriPath} carries; null when the path names nothing (empty, or only "_" or "~"). */
    static String fromUriPath(List<String> uriPath) {
        if (uriPath.isEmpty()) {
            return null;
        }
        String first = uriPath.get(0);
        String prefix = first.equals(ABSOLUTE) ? "//" : first.equals(SP_RELATIVE) ? "/" : "";
        List<String> rest = prefix.isEmpty() ? uriPath : uriPath.subList(1, uriPath.size());
        if (rest.isEmpty() || rest.stream().anyMatch(String::isEmpty)) {
            return null;
        }
        return prefix + String.join("/", rest);
    }
}
