package io.coaps4j.dtls.credentials;

import java.security.Principal;

/**
 * The principal of a client that sent no certificate to a server whose client authentication is only wanted
 * ({@link io.coaps4j.dtls.config.ClientAuthentication#WANT}): authorization sees that nobody was proved.
 */
public final class AnonymousPeer implements Principal {
    public static final AnonymousPeer INSTANCE = new AnonymousPeer();

    private AnonymousPeer() {
    }

    @Override
    public String getName() {
        return "anonymous";
    }

    @Override
    public String toString() {
        return "AnonymousPeer";
    }
}
