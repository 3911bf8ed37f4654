package io.coaps4j.e2e;

import io.coaps4j.coap.message.Code;
import io.coaps4j.coap.message.Message;
import io.coaps4j.coap.message.MessageFormatException;
import io.coaps4j.coap.message.Option;
import io.coaps4j.coap.message.OptionNumber;
import io.coaps4j.coap.uri.CoapUri;
import io.coaps4j.dtls.crypto.CryptoContext;
import io.coaps4j.e2e.E2eAssociation.Opened;
import io.coaps4j.e2e.E2eAssociation.Refusal;
import java.net.InetSocketAddress;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns a message into its protected outer message and back (docs/E2E.md sections 1 to 6): the option
 * split, the protected plaintext, the record, the outer code, the request binding. Stateless; the SAs and
 * the crypto context are the caller's.
 */
final class E2eProtector {
    private final CryptoContext crypto;

    E2eProtector(CryptoContext crypto) {
        this.crypto = crypto;
    }

    /** A request sealed under {@code association}, and the binding its response must carry. */
    record SealedRequest(Message outer, byte[] binding) {
    }

    /** An opened message, or the refusal. */
    record Unprotected(Message message, byte[] binding, Refusal refusal) {
        static Unprotected refused(Refusal refusal) {
            return new Unprotected(null, null, refusal);
        }
    }

    SealedRequest protectRequest(Message request, E2eAssociation association) {
        List<Option> outer = new ArrayList<>();
        List<Option> inner = new ArrayList<>();
        for (Option option : request.options()) {
            if (option.number() == E2eOptions.E2E) {
                continue;
            }
            if (option.number() == OptionNumber.PROXY_URI) {
                splitProxyUri(option.stringValue(), outer, inner);
            } else if (OptionClasses.isOuter(option.number())) {
                outer.add(option);
            } else {
                inner.add(option);
            }
        }
        outer.add(Option.of(E2eOptions.E2E, association.id().bytes()));
        byte[] record = association.seal(crypto, ProtectedPlaintext.encode(request.code(), inner, request.payload()));
        Code code = request.hasOption(OptionNumber.OBSERVE) ? Code.FETCH : Code.POST;
        Message sealed = Message.of(request.type(), code, request.messageId(), request.token(), outer, record);
        return new SealedRequest(sealed, E2eAssociation.bindingOf(record));
    }

    /**
     * RFC 8613 section 4.1.3.3: scheme, host and port stay outer (as Proxy-Scheme, Uri-Host, Uri-Port) for
     * the proxy; path and query are the origin's and go inner.
     */
    private static void splitProxyUri(String proxyUri, List<Option> outer, List<Option> inner) {
        CoapUri uri = CoapUri.parse(proxyUri);
        outer.add(Option.ofString(OptionNumber.PROXY_SCHEME, uri.scheme().text()));
        // An unresolved destination on the scheme's default port: Uri-Host always, Uri-Port unless default.
        InetSocketAddress nowhere = InetSocketAddress.createUnresolved("e2e.invalid", uri.scheme().defaultPort());
        for (Option option : uri.toOptions(nowhere)) {
            (OptionClasses.isOuter(option.number()) ? outer : inner).add(option);
        }
    }

    /** The request inside {@code outer}, with the E2E option holding the SA identifier that opened it. */
    Unprotected unprotectRequest(Message outer, E2eAssociation association) {
        Opened opened = association.open(crypto, outer.payload());
        if (opened.refusal() != null) {
            return Unprotected.refused(opened.refusal());
        }
        Message inner;
        try {
            inner = ProtectedPlaintext.decode(opened.plaintext());
        } catch (MessageFormatException e) {
            return Unprotected.refused(Refusal.BAD_INNER);
        }
        if (!inner.code().isRequest()) {
            return Unprotected.refused(Refusal.BAD_INNER);
        }
        List<Option> options = merged(outer, inner);
        options.add(Option.of(E2eOptions.E2E, association.id().bytes()));
        Message request = Message.of(outer.type(), inner.code(), outer.messageId(), outer.token(), options,
                inner.payload());
        return new Unprotected(request, opened.binding(), null);
    }

    /** {@code response} sealed under {@code association}, bound to the request record {@code binding}. */
    Message protectResponse(Message response, E2eAssociation association, byte[] binding) {
        List<Option> outer = new ArrayList<>();
        List<Option> inner = new ArrayList<>();
        for (Option option : response.options()) {
            if (option.number() == E2eOptions.E2E || option.number() == E2eOptions.REQUEST_BINDING) {
                continue;
            }
            (OptionClasses.isOuter(option.number()) ? outer : inner).add(option);
        }
        inner.add(Option.of(E2eOptions.REQUEST_BINDING, binding));
        outer.add(Option.empty(E2eOptions.E2E));
        byte[] record = association.seal(crypto, ProtectedPlaintext.encode(response.code(), inner, response.payload()));
        Code code = response.hasOption(OptionNumber.OBSERVE) ? Code.CONTENT : Code.CHANGED;
        return Message.of(response.type(), code, response.messageId(), response.token(), outer, record);
    }

    /** The response inside {@code outer} when it opens under {@code association} and is bound to {@code binding}. */
    Unprotected unprotectResponse(Message outer, E2eAssociation association, byte[] binding) {
        Opened opened = association.open(crypto, outer.payload());
        if (opened.refusal() != null) {
            return Unprotected.refused(opened.refusal());
        }
        Message inner;
        try {
            inner = ProtectedPlaintext.decode(opened.plaintext());
        } catch (MessageFormatException e) {
            return Unprotected.refused(Refusal.BAD_INNER);
        }
        byte[] carried = inner.option(E2eOptions.REQUEST_BINDING).map(Option::value).orElse(null);
        if (!inner.code().isResponse() || carried == null || !MessageDigest.isEqual(carried, binding)) {
            return Unprotected.refused(Refusal.NOT_AUTHENTIC);
        }
        Message response = Message.of(outer.type(), inner.code(), outer.messageId(), outer.token(),
                merged(outer, inner), inner.payload());
        return new Unprotected(response, opened.binding(), null);
    }

    /**
     * The outer class-U options and the inner class-E ones; the E2E and Request-Binding options of either
     * part are dropped (the inner ones could otherwise claim another SA's identity), as are inner options
     * that belong outside.
     */
    private static List<Option> merged(Message outer, Message inner) {
        List<Option> options = new ArrayList<>();
        for (Option option : outer.options()) {
            if (OptionClasses.isOuter(option.number()) && option.number() != E2eOptions.E2E) {
                options.add(option);
            }
        }
        for (Option option : inner.options()) {
            int number = option.number();
            if (!OptionClasses.isOuter(number) && number != E2eOptions.REQUEST_BINDING) {
                options.add(option);
            }
        }
        return options;
    }
}
