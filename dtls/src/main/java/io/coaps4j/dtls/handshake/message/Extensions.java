package io.coaps4j.dtls.handshake.message;

import io.coaps4j.dtls.alert.DecodeException;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/**
 * The extensions block of a hello message (RFC 5246 section 7.4.1.4), in wire order. A block with
 * two extensions of the same type is a decode error ("There MUST NOT be more than one extension of
 * the same type"). Unknown types are kept so they can be ignored by the logic but still be covered
 * by cookies and transcripts.
 */
public final class Extensions {
    /** No extensions: the block is left out of the message. */
    public static final Extensions NONE = new Extensions(List.of());

    private final List<Extension> list;

    private Extensions(List<Extension> list) {
        this.list = list;
    }

    /** The extensions in {@code list}; fails on a repeated type. */
    public static Extensions of(List<Extension> list) {
        List<Extension> copy = List.copyOf(list);
        for (int i = 0; i < copy.size(); i++) {
            for (int j = i + 1; j < copy.size(); j++) {
                if (copy.get(i).type() == copy.get(j).type()) {
                    throw new IllegalArgumentException("extension " + copy.get(i).type() + " appears twice");
                }
            }
        }
        return copy.isEmpty() ? NONE : new Extensions(copy);
    }

    public static Builder builder() {
        return new Builder();
    }

    public List<Extension> list() {
        return list;
    }

    public boolean isEmpty() {
        return list.isEmpty();
    }

    public boolean contains(int type) {
        return find(type).isPresent();
    }

    public Optional<Extension> find(int type) {
        for (Extension extension : list) {
            if (extension.type() == type) {
                return Optional.of(extension);
            }
        }
        return Optional.empty();
    }

    /** The types of every extension, in order. */
    public List<Integer> types() {
        List<Integer> types = new ArrayList<>(list.size());
        for (Extension extension : list) {
            types.add(extension.type());
        }
        return Collections.unmodifiableList(types);
    }

    /** True when the extended_master_secret extension is present with its required empty data (RFC 7627 5.1). */
    public boolean extendedMasterSecret() throws DecodeException {
        Optional<Extension> found = find(ExtensionType.EXTENDED_MASTER_SECRET);
        if (found.isPresent() && found.get().dataLength() != 0) {
            throw new DecodeException("extended_master_secret extension must be empty");
        }
        return found.isPresent();
    }

    public Optional<RenegotiationInfo> renegotiationInfo() throws DecodeException {
        Optional<Extension> found = find(ExtensionType.RENEGOTIATION_INFO);
        return found.isPresent() ? Optional.of(RenegotiationInfo.decode(found.get().reader())) : Optional.empty();
    }

    /**
     * The SessionTicket extension's data (RFC 5077 section 3.2): empty when a client asks for a ticket or a server
     * says it will send one, the ticket when a client presents it.
     */
    public Optional<byte[]> sessionTicket() {
        return find(ExtensionType.SESSION_TICKET).map(Extension::data);
    }

    /** The heartbeat extension (RFC 6520 section 2), its mode not yet judged. */
    public Optional<HeartbeatExtension> heartbeat() throws DecodeException {
        Optional<Extension> found = find(ExtensionType.HEARTBEAT);
        return found.isPresent() ? Optional.of(HeartbeatExtension.decode(found.get().reader())) : Optional.empty();
    }

    /**
     * True when a ServerHello carries the empty server_name extension, by which a server says it
     * used the client's name (RFC 6066 section 3); data in it is a decode error.
     */
    public boolean serverNameAcknowledged() throws DecodeException {
        Optional<Extension> found = find(ExtensionType.SERVER_NAME);
        if (found.isPresent() && found.get().dataLength() != 0) {
            throw new DecodeException("server_name in a ServerHello must be empty");
        }
        return found.isPresent();
    }

    public Optional<ServerNameList> serverName() throws DecodeException {
        Optional<Extension> found = find(ExtensionType.SERVER_NAME);
        return found.isPresent() ? Optional.of(ServerNameList.decode(found.get().reader())) : Optional.empty();
    }

    public Optional<SupportedGroups> supportedGroups() throws DecodeException {
        Optional<Extension> found = find(ExtensionType.SUPPORTED_GROUPS);
        return found.isPresent() ? Optional.of(SupportedGroups.decode(found.get().reader())) : Optional.empty();
    }

    public Optional<EcPointFormats> ecPointFormats() throws DecodeException {
        Optional<Extension> found = find(ExtensionType.EC_POINT_FORMATS);
        return found.isPresent() ? Optional.of(EcPointFormats.decode(found.get().reader())) : Optional.empty();
    }

    public Optional<SignatureAlgorithms> signatureAlgorithms() throws DecodeException {
        Optional<Extension> found = find(ExtensionType.SIGNATURE_ALGORITHMS);
        return found.isPresent() ? Optional.of(SignatureAlgorithms.decode(found.get().reader())) : Optional.empty();
    }

    /** A ClientHello's client_certificate_type list (RFC 7250 section 3). */
    public Optional<CertificateTypes> clientCertificateTypes() throws DecodeException {
        return certificateTypes(ExtensionType.CLIENT_CERTIFICATE_TYPE);
    }

    /** A ClientHello's server_certificate_type list (RFC 7250 section 3). */
    public Optional<CertificateTypes> serverCertificateTypes() throws DecodeException {
        return certificateTypes(ExtensionType.SERVER_CERTIFICATE_TYPE);
    }

    private Optional<CertificateTypes> certificateTypes(int type) throws DecodeException {
        Optional<Extension> found = find(type);
        return found.isPresent() ? Optional.of(CertificateTypes.decodeList(found.get().reader())) : Optional.empty();
    }

    /** The code of the client certificate type a ServerHello chose (RFC 7250 section 3), if it says. */
    public Optional<Integer> chosenClientCertificateType() throws DecodeException {
        return chosen(ExtensionType.CLIENT_CERTIFICATE_TYPE);
    }

    /** The code of the server certificate type a ServerHello chose (RFC 7250 section 3), if it says. */
    public Optional<Integer> chosenServerCertificateType() throws DecodeException {
        return chosen(ExtensionType.SERVER_CERTIFICATE_TYPE);
    }

    private Optional<Integer> chosen(int type) throws DecodeException {
        Optional<Extension> found = find(type);
        return found.isPresent() ? Optional.of(CertificateTypes.decodeChosen(found.get().reader())) : Optional.empty();
    }

    /** Writes the block (two-byte length, then each extension); writes nothing when there are none. */
    public void writeTo(WireWriter out) {
        if (list.isEmpty()) {
            return;
        }
        int mark = out.beginLength16();
        for (Extension extension : list) {
            extension.writeTo(out);
        }
        out.endLength16(mark);
    }

    /**
     * Reads the optional block that ends a hello message: absent when {@code in} is exhausted,
     * otherwise a two-byte length that must cover exactly the rest of the message.
     */
    public static Extensions readOptional(WireReader in) throws DecodeException {
        if (!in.hasRemaining()) {
            return NONE;
        }
        int length = in.uint16("extensions length");
        WireReader block = in.slice(length, "extensions");
        in.expectEnd("hello message");
        List<Extension> list = new ArrayList<>();
        while (block.hasRemaining()) {
            int type = block.uint16("extension type");
            byte[] data = block.vector16(0, 0xFFFF, "extension data");
            for (Extension seen : list) {
                if (seen.type() == type) {
                    throw new DecodeException("extension " + type + " appears twice");
                }
            }
            list.add(new Extension(type, data));
        }
        return list.isEmpty() ? NONE : new Extensions(Collections.unmodifiableList(list));
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Extensions that && list.equals(that.list);
    }

    @Override
    public int hashCode() {
        return list.hashCode();
    }

    @Override
    public String toString() {
        return "Extensions" + types();
    }

    /** Collects extensions in the order they are added. */
    public static final class Builder {
        private final List<Extension> list = new ArrayList<>();

        private Builder() {
        }

        public Builder add(Extension extension) {
            list.add(extension);
            return this;
        }

        /** SessionTicket (RFC 5077 section 3.2) with {@code ticket}, empty to ask for one or to promise one. */
        public Builder sessionTicket(byte[] ticket) {
            return add(new Extension(ExtensionType.SESSION_TICKET, ticket));
        }

        public Builder extendedMasterSecret() {
            return add(new Extension(ExtensionType.EXTENDED_MASTER_SECRET, new byte[0]));
        }

        public Builder add(RenegotiationInfo info) {
            return add(new Extension(ExtensionType.RENEGOTIATION_INFO, info.encode()));
        }

        public Builder add(HeartbeatExtension heartbeat) {
            return add(new Extension(ExtensionType.HEARTBEAT, heartbeat.encode()));
        }

        public Builder add(ServerNameList names) {
            return add(new Extension(ExtensionType.SERVER_NAME, names.encode()));
        }

        /** The empty server_name a server returns when it used the client's name (RFC 6066 section 3). */
        public Builder serverNameAcknowledged() {
            return add(new Extension(ExtensionType.SERVER_NAME, new byte[0]));
        }

        public Builder add(SupportedGroups groups) {
            return add(new Extension(ExtensionType.SUPPORTED_GROUPS, groups.encode()));
        }

        public Builder add(EcPointFormats formats) {
            return add(new Extension(ExtensionType.EC_POINT_FORMATS, formats.encode()));
        }

        public Builder add(SignatureAlgorithms algorithms) {
            return add(new Extension(ExtensionType.SIGNATURE_ALGORITHMS, algorithms.encode()));
        }

        /** A ClientHello's client_certificate_type list. */
        public Builder clientCertificateTypes(CertificateTypes types) {
            return add(new Extension(ExtensionType.CLIENT_CERTIFICATE_TYPE, types.encodeList()));
        }

        /** A ClientHello's server_certificate_type list. */
        public Builder serverCertificateTypes(CertificateTypes types) {
            return add(new Extension(ExtensionType.SERVER_CERTIFICATE_TYPE, types.encodeList()));
        }

        /** A ServerHello's chosen client certificate type. */
        public Builder chosenClientCertificateType(CertificateType type) {
            return add(new Extension(ExtensionType.CLIENT_CERTIFICATE_TYPE, CertificateTypes.encodeChosen(type)));
        }

        /** A ServerHello's chosen server certificate type. */
        public Builder chosenServerCertificateType(CertificateType type) {
            return add(new Extension(ExtensionType.SERVER_CERTIFICATE_TYPE, CertificateTypes.encodeChosen(type)));
        }

        public Extensions build() {
            return of(list);
        }
    }
}
