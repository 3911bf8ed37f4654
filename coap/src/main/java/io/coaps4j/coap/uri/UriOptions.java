package io.coaps4j.coap.uri;

import io.coaps4j.coap.message.Option;
import io.coaps4j.coap.message.OptionNumber;
import io.coaps4j.coap.uri.PercentCoding.Legal;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A {@link CoapUri} as request options and back: decomposition into Uri-Host, Uri-Port, Uri-Path
 * and Uri-Query (RFC 7252 section 6.4) and composition from them (section 6.5).
 */
final class UriOptions {

    private UriOptions() {
    }

    /** See {@link CoapUri#fromOptions(List, boolean, InetSocketAddress)}. */
    static CoapUri compose(List<Option> options, boolean secure, InetSocketAddress destination) {
        CoapScheme scheme = CoapScheme.forSecure(secure);
        String host = null;
        InetAddress literal = null;
        int port = destination.getPort();
        List<String> path = new ArrayList<>();
        List<String> query = new ArrayList<>();
        for (Option option : options) {
            switch (option.number()) {
                case OptionNumber.URI_HOST:
                    if (host == null) {
                        String value = option.stringValue();
                        literal = literalOf(value);
                        host = literal != null ? (value.startsWith("[") ? IpLiterals.uriHost(literal) : value)
                                : validRegName(value);
                    }
                    break;
                case OptionNumber.URI_PORT:
                    port = (int) option.uintValue();
                    CoapUri.checkPort(port, "Uri-Port");
                    break;
                case OptionNumber.URI_PATH:
                    path.add(option.stringValue());
                    break;
                case OptionNumber.URI_QUERY:
                    query.add(option.stringValue());
                    break;
                default:
                    break;
            }
        }
        if (host == null) {
            literal = destination.getAddress();
            if (literal == null) {
                throw new IllegalArgumentException("destination " + destination + " is unresolved and there is no Uri-Host");
            }
            host = IpLiterals.uriHost(literal);
        }
        CoapUri.checkPort(port, "destination port");
        return new CoapUri(scheme, host, literal, port, CoapUri.pathOf(path), Collections.unmodifiableList(query));
    }

    /** The options of {@code uri}, sorted by number; Uri-Host and Uri-Port only when asked for. */
    static List<Option> decompose(CoapUri uri, boolean withHost, boolean withPort) {
        List<Option> options = new ArrayList<>(2 + uri.path().size() + uri.query().size());
        if (withHost) {
            options.add(Option.ofString(OptionNumber.URI_HOST, uri.host()));
        }
        if (withPort) {
            options.add(Option.ofUint(OptionNumber.URI_PORT, uri.port()));
        }
        for (String segment : uri.path()) {
            options.add(Option.ofString(OptionNumber.URI_PATH, segment));
        }
        for (String argument : uri.query()) {
            options.add(Option.ofString(OptionNumber.URI_QUERY, argument));
        }
        return Collections.unmodifiableList(options);
    }

    private static InetAddress literalOf(String host) {
        if (host.startsWith("[") && host.endsWith("]")) {
            byte[] ipv6 = IpLiterals.parseIpv6(host.substring(1, host.length() - 1));
            return ipv6 == null ? null : IpLiterals.toAddress(ipv6);
        }
        byte[] ipv4 = IpLiterals.parseIpv4(host);
        return ipv4 == null ? null : IpLiterals.toAddress(ipv4);
    }

    /** Section 6.5 step 2: non-ASCII is percent-encoded, the rest must be a reg-name. */
    private static String validRegName(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < 128 && !Legal.REG_NAME.allows(c)) {
                throw new IllegalArgumentException("Uri-Host \"" + value + "\" is not a valid host name: '" + c
                        + "' at index " + i);
            }
        }
        return value;
    }
}
